using ScottPlot;
using ScottPlot.Plottables;

namespace Tuning.Reporting.Tests.Support;

/// <summary>Reads what a plot draws from its ScottPlot plottables, before it is rendered to pixels.</summary>
internal static class Drawn
{
    /// <summary>The points of every series with a legend entry, by its legend text.</summary>
    public static Dictionary<string, Coordinates[]> Series(Plot plot) =>
        plot.GetPlottables<Scatter>()
            .Where(s => !string.IsNullOrEmpty(s.LegendText))
            .ToDictionary(s => s.LegendText, s => s.Data.GetScatterPoints().ToArray());

    /// <summary>The lines drawn as scatter lines without a legend entry (a parallel-coordinates plot's trials).</summary>
    public static Scatter[] UnlabelledLines(Plot plot) => [.. plot.GetPlottables<Scatter>().Where(s => string.IsNullOrEmpty(s.LegendText))];

    /// <summary>The single markers (a slice plot's points).</summary>
    public static Marker[] Markers(Plot plot) => [.. plot.GetPlottables<Marker>()];

    /// <summary>The labels of the bars of a horizontal bar plot, from the top row down (an importance plot's, most important first).</summary>
    public static string[] BarLabels(Plot plot) =>
        [.. plot.GetPlottables<BarPlot>().SelectMany(b => b.Bars).OrderByDescending(bar => bar.Position).Select(bar => bar.Label)];

    /// <summary>The message of a plot that has nothing else to show, or <see langword="null"/>.</summary>
    public static string? Message(Plot plot) => plot.GetPlottables<Annotation>().SingleOrDefault()?.Text;
}
