using ScottPlot;

namespace Tuning.Quality;

/// <summary>Draws the fronts the methods found (one run each) against the true Pareto front of a two-objective problem.</summary>
internal static class FrontPlot
{
    public static void Save(
        string title, IReadOnlyList<(double First, double Second)> trueFront, IReadOnlyDictionary<string, IReadOnlyList<(double First, double Second)>> found,
        (double First, double Second) reference, string path)
    {
        Plot plot = Plots.Create(title, "f1 (minimized)", "f2 (minimized)");
        Plots.AddCurve(plot, [.. trueFront.Select(p => p.First)], [.. trueFront.Select(p => p.Second)], "true Pareto front").Color = Colors.Black;

        MarkerShape[] shapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];
        int k = 0;
        foreach ((string method, IReadOnlyList<(double First, double Second)> front) in found)
        {
            // A found front as its attainment staircase (what it dominates), with markers at its points.
            var stairs = plot.Add.Scatter(front.Select(p => p.First).ToArray(), front.Select(p => p.Second).ToArray());
            stairs.ConnectStyle = ConnectStyle.StepHorizontal;
            stairs.LegendText = method;
            stairs.MarkerShape = shapes[k % shapes.Length];
            stairs.MarkerSize = 7;
            stairs.LineWidth = 1;
            k++;
        }

        // Frame the true front and what was found, within the reference box.
        IEnumerable<(double First, double Second)> all = trueFront.Concat(found.Values.SelectMany(f => f))
            .Where(p => p.First <= reference.First && p.Second <= reference.Second);
        double xMin = all.Min(p => p.First), xMax = all.Max(p => p.First), yMin = all.Min(p => p.Second), yMax = all.Max(p => p.Second);
        double xPad = 0.05 * (xMax - xMin), yPad = 0.05 * (yMax - yMin);
        plot.Axes.SetLimits(xMin - xPad, xMax + xPad, yMin - yPad, yMax + yPad);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 800, 600);
    }
}
