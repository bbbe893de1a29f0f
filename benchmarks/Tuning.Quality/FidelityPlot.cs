using ScottPlot;

namespace Tuning.Quality;

/// <summary>Draws the median best target-fidelity regret against cumulative cost for every method on one problem.</summary>
internal static class FidelityPlot
{
    public static void Save(string problem, double[] checkpoints, IReadOnlyDictionary<string, double[][]> curves, double? reference, string path)
    {
        Plot plot = Plots.Create(problem, "cumulative cost (target-fidelity evaluations)", "median regret at the target fidelity (log10)");
        foreach ((string method, double[][] runs) in curves)
        {
            (double[] xs, double[] ys) = MedianCurve(checkpoints, runs);
            Plots.AddCurve(plot, xs, ys, method);
        }

        if (reference is double r && r > 0)
        {
            var level = plot.Add.HorizontalLine(Math.Log10(r));
            level.LinePattern = LinePattern.Dashed;
            level.LegendText = "GP target: final median regret";
        }

        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 560);
    }

    /// <summary>The points of one method's curve: log10 of the median regret over runs at each checkpoint where the median is a result, as in the table.</summary>
    internal static (double[] Costs, double[] LogRegrets) MedianCurve(double[] checkpoints, double[][] runs)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int c = 0; c < checkpoints.Length; c++)
        {
            double median = Statistics.Median(runs.Select(r => r[c]));
            if (FidelityCurves.IsResult(median))
            {
                xs.Add(checkpoints[c]);
                ys.Add(Math.Log10(Math.Max(median, 1e-8)));
            }
        }

        return ([.. xs], [.. ys]);
    }
}
