using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>Learning curves: the values each trial reported while it ran (<see cref="Trial.Report"/>), by step, colored by state.</summary>
internal static class IntermediateValuesChart
{
    public static ChartFigure? Build(ChartContext context)
    {
        Trial[] trials = [.. context.Snapshot.Trials.Where(t => t.Reports.Count > 0)];
        if (trials.Length == 0)
        {
            return null;
        }

        // One trace per state, its trials' curves separated by gaps: plotly.js draws a trace per trial (thousands of
        // them in a long study) far more slowly than one path per state (20,000 trials of 5 reports each: 18.7 s against 3.8 s
        // in headless Chromium on 2 cores).
        var data = new JsonArray();
        foreach ((TrialState state, string color) in Plotly.StateColors)
        {
            Trial[] ofState = [.. trials.Where(t => t.State == state)];
            if (ofState.Length == 0)
            {
                continue;
            }

            JsonArray x = [], y = [], ids = [];
            foreach (Trial trial in ofState)
            {
                if (x.Count > 0)
                {
                    x.Add(null);
                    y.Add(null);
                    ids.Add(null);
                }

                context.Hover(trial); // every point shows its trial's text
                foreach (TrialReport report in trial.Reports)
                {
                    x.Add(Numbers.Drawn(report.Step));
                    y.Add(Numbers.Drawn(report.Value));
                    ids.Add(trial.Id);
                }
            }

            data.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines+markers",
                ["name"] = ChartContext.StateName(state),
                ["x"] = x,
                ["y"] = y,
                ["trialIds"] = ids,
                ["connectgaps"] = false,
                ["hovertemplate"] = "%{text}<br>step %{x}: %{y}<extra></extra>",
                ["line"] = new JsonObject { ["color"] = color, ["width"] = 1 },
                ["marker"] = new JsonObject { ["color"] = color, ["size"] = 4 },
                ["opacity"] = 0.8,
            });
        }

        return new ChartFigure(
            "intermediate-values",
            "Intermediate values",
            $"The values of {context.Objectives[0].Name} that trials reported while they ran, by step: one line per trial, colored by how it ended. Click a legend entry to hide a state.",
            data,
            Plotly.Layout("step", context.Objectives[0].Name),
            trials.Sum(t => t.Reports.Count));
    }
}
