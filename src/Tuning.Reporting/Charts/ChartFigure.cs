using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// One interactive chart of a report: a stable id (its element's id is <c>chart-</c> and the id), a heading, a caption,
/// the plotly.js figure (<c>data</c> and <c>layout</c>), and how many points, bars or lines it draws.
/// </summary>
/// <param name="Id">The chart's id: lower-case letters, digits and dashes.</param>
/// <param name="Title">The heading above the chart.</param>
/// <param name="Caption">What the chart shows and how to read it.</param>
/// <param name="Data">The plotly.js traces.</param>
/// <param name="Layout">The plotly.js layout.</param>
/// <param name="Points">How many marks the chart draws: markers, bars and parallel-coordinate lines (not plain lines or contour fills).</param>
internal sealed record ChartFigure(string Id, string Title, string Caption, JsonArray Data, JsonObject Layout, int Points)
{
    /// <summary>The figure as the page's script reads it.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["title"] = Title,
        ["caption"] = Caption,
        ["points"] = Points,
        ["data"] = Data.DeepClone(),
        ["layout"] = Layout.DeepClone(),
    };
}
