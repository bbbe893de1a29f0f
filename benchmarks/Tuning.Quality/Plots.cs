using ScottPlot;

namespace Tuning.Quality;

/// <summary>The look the suites' plots share: DejaVu Sans, a title and axis labels, curves as plain lines.</summary>
internal static class Plots
{
    /// <summary>A new plot with its title and axis labels.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Adds a curve as a line without markers, named in the legend.</summary>
    public static ScottPlot.Plottables.Scatter AddCurve(Plot plot, double[] xs, double[] ys, string legend)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = legend;
        line.MarkerSize = 0;
        line.LineWidth = 2;
        return line;
    }
}
