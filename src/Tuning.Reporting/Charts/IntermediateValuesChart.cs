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

        var data = new JsonArray();
        var legendShown = new HashSet<TrialState>();
        foreach (Trial trial in trials)
        {
            string color = Plotly.StateColors.First(c => c.State == trial.State).Color;
            data.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines+markers",
                ["name"] = ChartContext.StateName(trial.State),
                ["legendgroup"] = ChartContext.StateName(trial.State),
                ["showlegend"] = legendShown.Add(trial.State),
                ["x"] = Plotly.Numbers(trial.Reports.Select(r => (double)r.Step)),
                ["y"] = Plotly.Numbers(trial.Reports.Select(r => r.Value)),
                ["trialIds"] = context.HoverIds(trial.Reports.Select(_ => trial)), // every point shows its trial's text
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
