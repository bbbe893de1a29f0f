using ScottPlot;

namespace Tuning.Quality;

/// <summary>Draws the median best-found regret against evaluations for every method on one problem, on a log scale.</summary>
internal static class RegretPlot
{
    public static void Save(string problem, IReadOnlyDictionary<string, double[][]> curves, string path)
    {
        Plot plot = Plots.Create(problem, "evaluations", "median regret (log10)");
        foreach ((string method, double[][] runs) in curves)
        {
            int budget = runs[0].Length;
            double[] xs = [.. Enumerable.Range(1, budget).Select(i => (double)i)];
            double[] ys = [.. Enumerable.Range(0, budget).Select(i => Math.Log10(Math.Max(Statistics.Median(runs.Select(r => r[i])), 1e-12)))];
            Plots.AddCurve(plot, xs, ys, method);
        }

        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 800, 500);
    }
}
