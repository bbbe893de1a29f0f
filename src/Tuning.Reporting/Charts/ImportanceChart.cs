using System.Globalization;
using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>Parameter importance (<see cref="StudyImportance"/>) as horizontal bars, the most important on top.</summary>
internal static class ImportanceChart
{
    public static ChartFigure Build(ChartContext context)
    {
        ParameterImportance[] bars = [.. context.Importances.Reverse()];
        var trace = new JsonObject
        {
            ["type"] = "bar",
            ["orientation"] = "h",
            ["name"] = "importance",
            ["x"] = Plotly.Numbers(bars.Select(b => b.Importance)),
            ["y"] = Plotly.Strings(bars.Select(b => Plotly.Text(b.Name))),
            ["text"] = Plotly.Strings(bars.Select(b => ImportanceText.WasMeasured(b)
                ? string.Create(CultureInfo.InvariantCulture, $"<b>{Plotly.Text(b.Name)}</b><br>importance = {ImportanceText.Value(b)}<br>active in {b.ActiveTrials} completed trials")
                : $"<b>{Plotly.Text(b.Name)}</b><br>{ImportanceText.NeverActive}")),
            ["hovertemplate"] = Plotly.HoverText,
            ["textposition"] = "none",
            ["marker"] = new JsonObject { ["color"] = Plotly.Blue },
        };
        JsonObject layout = Plotly.Layout($"share of the variance of {context.Objectives[0].Name}", null, Math.Max(220, 60 + (28 * bars.Length))).WithoutLegend();
        layout["yaxis"]!["type"] = "category";
        layout["xaxis"]!["rangemode"] = "tozero";
        return new ChartFigure(
            "importance",
            "Parameter importance",
            $"The share of the variance of {context.Objectives[0].Name} across the completed trials at the target fidelity that each parameter explains on its own (see the table below).",
            [trace],
            layout,
            bars.Length);
    }
}
