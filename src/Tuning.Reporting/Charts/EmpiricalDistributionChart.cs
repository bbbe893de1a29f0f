using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// The empirical distribution function of one objective over the completed trials at the target fidelity: for each
/// value, the share of trials whose value is at most that value. Good trials make the curve rise early for a minimized
/// objective and late for a maximized one.
/// </summary>
internal static class EmpiricalDistributionChart
{
    public static ChartFigure? Build(ChartContext context, Metric objective, string id)
    {
        Trial[] trials = [.. context.CompletedAtTarget.OrderBy(t => t.Values[objective.Name]).ThenBy(t => t.Id)];
        if (trials.Length == 0)
        {
            return null;
        }

        var trace = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines+markers",
            ["name"] = Plotly.Text(objective.Name),
            ["x"] = Plotly.Numbers(trials.Select(t => t.Values[objective.Name])),
            ["y"] = Plotly.Numbers(trials.Select((_, i) => (i + 1) / (double)trials.Length)),
            ["trialIds"] = context.HoverIds(trials),
            ["hovertemplate"] = "%{text}<br>share at or below: %{y:.3f}<extra></extra>",
            ["line"] = new JsonObject { ["shape"] = "hv", ["color"] = Plotly.Blue },
            ["marker"] = new JsonObject { ["size"] = 5, ["color"] = Plotly.Blue },
        };
        string reading = objective.Kind == MetricKind.Minimize
            ? "A curve that rises early (at low values) is a study with many good trials."
            : "A curve that rises late (at high values) is a study with many good trials.";
        JsonObject layout = Plotly.Layout(objective.Name, "share of trials", 380).WithoutLegend();
        layout["yaxis"]!["range"] = new JsonArray(0, 1.05);
        return new ChartFigure(
            id,
            $"Empirical distribution: {objective.Name}",
            $"The share of the completed trials at the target fidelity whose {objective.Name} is at most each value ({HistoryChart.Direction(objective)}). {reading}",
            [trace],
            layout,
            trials.Length);
    }
}
