using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// Optimization history: each completed trial's value of one objective by trial number, in three groups (results,
/// trials that break a constraint, trials at a lower fidelity), and with one objective the best result so far as a step line.
/// </summary>
internal static class HistoryChart
{
    public static ChartFigure? Build(ChartContext context, Metric objective, string id)
    {
        if (context.Completed.Count == 0)
        {
            return null;
        }

        var data = new JsonArray();
        int points = 0;
        foreach ((TrialGroup group, string name, string color, bool open) in Groups)
        {
            Trial[] trials = [.. context.Completed.Where(t => context.GroupOf(t) == group)];
            if (trials.Length == 0)
            {
                continue;
            }

            data.Add(Plotly.Markers(name, trials.Select(t => (double)t.Id), trials.Select(t => t.Values[objective.Name]), context.HoverIds(trials), color, open));
            points += trials.Length;
        }

        if (context.Objectives.Count == 1)
        {
            // One point per trial from the first result on, so the line steps at each trial that improved it.
            var steps = context.Snapshot.Trials.Zip(context.Snapshot.BestSoFar).Where(p => p.Second is not null).ToList();
            if (steps.Count > 0)
            {
                data.Add(new JsonObject
                {
                    ["type"] = "scatter",
                    ["mode"] = "lines",
                    ["name"] = "best so far",
                    ["x"] = Plotly.Numbers(steps.Select(p => (double)p.First.Id)),
                    ["y"] = Plotly.Numbers(steps.Select(p => p.Second!.Values[objective.Name])),
                    ["text"] = Plotly.Strings(steps.Select(p => $"best after trial #{p.First.Id}: #{p.Second!.Id}<br>{Plotly.Text(objective.Name)} = {Numbers.Long(p.Second.Values[objective.Name])}")),
                    ["hovertemplate"] = Plotly.HoverText,
                    ["line"] = new JsonObject { ["color"] = Plotly.Red, ["shape"] = "hv", ["width"] = 2 },
                });
            }
        }

        string caption = context.Objectives.Count == 1
            ? $"Each completed trial's {objective.Name} by trial number ({Direction(objective)}); the line is the best result so far. Drag to zoom, double-click to reset; hover a point for its parameters."
            : $"Each completed trial's {objective.Name} by trial number ({Direction(objective)}). Drag to zoom, double-click to reset; hover a point for its parameters.";
        return new ChartFigure(id, $"Optimization history: {objective.Name}", caption, data, Plotly.Layout("trial", objective.Name), points);
    }

    /// <summary>"lower is better" or "higher is better".</summary>
    public static string Direction(Metric objective) => objective.Kind == MetricKind.Minimize ? "lower is better" : "higher is better";

    /// <summary>The groups of completed trials, their legend names and colors; breaking a constraint draws an open circle.</summary>
    internal static readonly (TrialGroup Group, string Name, string Color, bool Open)[] Groups =
    [
        (TrialGroup.Result, "result", Plotly.Blue, false),
        (TrialGroup.Infeasible, "breaks a constraint", Plotly.Grey, true),
        (TrialGroup.LowerFidelity, "lower fidelity", Plotly.LightBlue, false),
    ];
}
