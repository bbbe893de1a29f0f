using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// Small builders of plotly.js figure parts with the report's defaults: legends above the plot area (never over the
/// data), hover on the closest point, and zoom by dragging (double-click resets).
/// </summary>
internal static class Plotly
{
    public const string Blue = "#1f77b4";
    public const string Orange = "#ff7f0e";
    public const string Red = "#d62728";
    public const string Grey = "#8c8c8c";
    public const string LightBlue = "#9ecae1";
    public const string Green = "#2ca02c";

    /// <summary>The color of each trial state, in the order the charts list the states.</summary>
    public static readonly (TrialState State, string Color)[] StateColors =
        [(TrialState.Completed, Blue), (TrialState.Pruned, Orange), (TrialState.Failed, Red), (TrialState.Running, Green)];

    /// <summary>
    /// Text from the study (names, values) as plotly.js shows it exactly: plotly reads a few HTML tags and entities in
    /// every label, title, trace name and hover text, so <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are written as entities.
    /// </summary>
    public static string Text(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>The hover template that shows a trace's <c>text</c> as it is, without the trace's name box.</summary>
    public const string HoverText = "%{text}<extra></extra>";

    /// <summary>A layout with the report's margins, a legend above the plot area, and the given axis titles.</summary>
    public static JsonObject Layout(string? xTitle, string? yTitle, int height = 420) => new()
    {
        ["height"] = height,
        ["margin"] = new JsonObject { ["l"] = 70, ["r"] = 30, ["t"] = 40, ["b"] = 60 },
        ["hovermode"] = "closest",
        ["dragmode"] = "zoom",
        ["showlegend"] = true,
        ["legend"] = new JsonObject { ["orientation"] = "h", ["x"] = 0, ["xanchor"] = "left", ["y"] = 1.02, ["yanchor"] = "bottom" },
        ["font"] = new JsonObject { ["family"] = "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif", ["size"] = 12 },
        ["xaxis"] = Axis(xTitle),
        ["yaxis"] = Axis(yTitle),
    };

    /// <summary>An axis with a title, optionally of a type (<c>log</c>, <c>date</c>, <c>category</c>).</summary>
    public static JsonObject Axis(string? title, string? type = null)
    {
        var axis = new JsonObject { ["automargin"] = true, ["zeroline"] = false };
        if (title is not null)
        {
            axis["title"] = new JsonObject { ["text"] = Text(title) };
        }

        if (type is not null)
        {
            axis["type"] = type;
        }

        return axis;
    }

    /// <summary>A scatter trace of markers, each with its trial's hover text (<see cref="ChartContext.HoverIds"/>).</summary>
    public static JsonObject Markers(string name, IEnumerable<double> x, IEnumerable<double> y, JsonArray trialIds, string color, bool open = false, int size = 8) => new()
    {
        ["type"] = "scatter",
        ["mode"] = "markers",
        ["name"] = Text(name),
        ["x"] = Numbers(x),
        ["y"] = Numbers(y),
        ["trialIds"] = trialIds,
        ["hovertemplate"] = HoverText,
        ["marker"] = new JsonObject
        {
            ["color"] = open ? "rgba(0,0,0,0)" : color,
            ["size"] = size,
            ["line"] = new JsonObject { ["color"] = color, ["width"] = open ? 1.5 : 0.5 },
        },
    };

    /// <summary>Numbers as a chart draws them (<see cref="Reporting.Numbers.Drawn"/>: within what plotly.js can scale an axis to).</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(Reporting.Numbers.Drawn(v)))];

    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    /// <summary>A layout with the legend hidden, for charts whose colors the caption explains.</summary>
    public static JsonObject WithoutLegend(this JsonObject layout)
    {
        layout["showlegend"] = false;
        return layout;
    }
}
