using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// The two objectives of every completed trial, with the Pareto front (<see cref="StudySnapshot.ParetoFront"/>) in
/// red and joined by a line in the order of the first objective.
/// </summary>
internal static class ParetoFrontChart
{
    public static ChartFigure Build(ChartContext context)
    {
        Metric first = context.Objectives[0], second = context.Objectives[1];
        var data = new JsonArray();
        int points = 0;
        Trial[] front = [.. context.Snapshot.ParetoFront.OrderBy(t => t.Values[first.Name]).ThenBy(t => t.Values[second.Name])];
        if (front.Length > 1)
        {
            data.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines",
                ["name"] = "front line",
                ["showlegend"] = false,
                ["hoverinfo"] = "skip",
                ["x"] = Plotly.Numbers(front.Select(t => t.Values[first.Name])),
                ["y"] = Plotly.Numbers(front.Select(t => t.Values[second.Name])),
                ["line"] = new JsonObject { ["color"] = Plotly.Red, ["width"] = 1, ["dash"] = "dot" },
            });
        }

        void Add(string name, Trial[] trials, string color, bool open = false)
        {
            if (trials.Length > 0)
            {
                data.Add(Plotly.Markers(name, trials.Select(t => t.Values[first.Name]), trials.Select(t => t.Values[second.Name]), context.HoverIds(trials), color, open, size: 9));
                points += trials.Length;
            }
        }

        Add("Pareto front", front, Plotly.Red);
        Add("other results", [.. context.Snapshot.Results.Where(t => !context.Snapshot.IsOnParetoFront(t))], Plotly.Blue);
        Add("breaks a constraint", [.. context.Completed.Where(t => context.GroupOf(t) == TrialGroup.Infeasible)], Plotly.Grey, open: true);
        Add("lower fidelity", [.. context.Completed.Where(t => context.GroupOf(t) == TrialGroup.LowerFidelity)], Plotly.LightBlue);
        string caption = $"Both objectives of every completed trial ({first.Name}: {HistoryChart.Direction(first)}; {second.Name}: {HistoryChart.Direction(second)}). "
            + "Red: the results that no other result dominates (at least as good in both objectives and better in one). Hover a point for its parameters.";
        return new ChartFigure("pareto-front", "Pareto front", caption, data, Plotly.Layout(first.Name, second.Name, 480), points);
    }
}
