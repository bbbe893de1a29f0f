using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;

namespace Tuning.Tests.Bayesian.Optimizers;

/// <summary>Scoring only the candidates whose bound could rank among the best changes nothing the search does.</summary>
public class ScreeningTests
{
    /// <summary>The same acquisition with its bounds hidden, so the optimizer scores every candidate exactly.</summary>
    private sealed class Unbounded(IAcquisition inner) : IAcquisition
    {
        public double Value(ReadOnlySpan<double> x, Span<double> gradient) => inner.Value(x, gradient);

        public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch) => inner.Values(points, m, values, scratch);
    }

    [Theory]
    [InlineData(250, 1)]
    [InlineData(400, 2)]
    public void Bounds_never_exceed_the_values_and_the_search_finds_what_exact_scoring_finds(int n, int seed)
    {
        SearchSpace space = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 0, 1).Float("c", 0, 1).Build();
        var map = new FeatureMap(space);
        var random = new Random(seed);
        double[] x = new double[n * 3], y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                x[(i * 3) + c] = random.NextDouble();
            }

            y[i] = Math.Sin(7 * x[i * 3]) + Math.Cos(5 * x[(i * 3) + 1]) + (x[(i * 3) + 2] * x[(i * 3) + 2]);
        }

        double mean = y.Average(), sd = Math.Sqrt(y.Select(v => (v - mean) * (v - mean)).Average());
        y = [.. y.Select(v => (v - mean) / sd)];
        GaussianProcess model = GaussianProcess.Condition(new MaternKernel(map, [0.3, 0.4, 0.6], 1.1), 1e-4, x, y)!;
        var acquisition = new ConstrainedLogExpectedImprovement(model, y.Min(), [], map.Columns);

        const int M = 500;
        double[] candidates = new double[M * 3], bounds = new double[M], values = new double[M];
        for (int j = 0; j < candidates.Length; j++)
        {
            candidates[j] = random.NextDouble();
        }

        Assert.True(acquisition.UpperBounds(candidates, M, bounds, new AcquisitionScratch()));
        acquisition.Values(candidates, M, values, new AcquisitionScratch());
        for (int j = 0; j < M; j++)
        {
            Assert.True(values[j] <= bounds[j] + 1e-9, $"candidate {j}: value {values[j]} above its bound {bounds[j]}");
        }

        var taken = new HashSet<double[]>(PointComparer.Instance);
        double[]? screened = new AcquisitionOptimizer(map, 1024, 5).Maximize(acquisition, new Random(7), [], taken);
        double[]? exact = new AcquisitionOptimizer(map, 1024, 5).Maximize(new Unbounded(acquisition), new Random(7), [], taken);
        Assert.Equal(exact, screened);
    }
}
