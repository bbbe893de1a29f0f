using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;

namespace Tuning.Tests.Bayesian.Optimizers;

/// <summary>
/// Scoring the candidates and running the local searches on several threads finds exactly what one thread finds: the
/// same points with the same values, bit for bit, with and without the screening by bounds, with constraints, and in
/// mixed spaces (whose large discrete parameters keep the local searches on one thread).
/// </summary>
public class ParallelSearchTests
{
    public static TheoryData<int, string, bool> Cases => new()
    {
        { 30, "float", false },
        { 250, "float", false },
        { 450, "float", false },
        { 250, "float", true },
        { 60, "small discrete", false },
        { 260, "small discrete", false },
        { 260, "large discrete", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Several_threads_find_exactly_what_one_thread_finds(int n, string kind, bool constrained)
    {
        // Spare pool threads, so the other workers start while the first still searches (the test runner keeps the
        // pool's threads busy with other tests).
        ThreadPool.GetMinThreads(out int workerThreads, out int completionThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, 16), completionThreads);
        SearchSpaceBuilder builder = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", -2, 3).Float("c", 1e-3, 1, log: true);
        SearchSpace space = kind switch
        {
            "small discrete" => builder.Int("d", 1, 8).Categorical("e", "x", "y", "z").Build(),
            "large discrete" => builder.Int("d", 1, 500).Build(),
            _ => builder.Build(),
        };
        var map = new FeatureMap(space);
        var random = new Random(n);
        int f = map.Columns;
        double[] x = new double[n * f], y = new double[n], c = new double[n], unit = new double[space.Count], canonical = new double[space.Count];
        for (int i = 0; i < n; i++)
        {
            for (int p = 0; p < space.Count; p++)
            {
                unit[p] = random.NextDouble();
            }

            space.Canonicalize(unit, new double[space.Count], canonical);
            map.Map(canonical, x.AsSpan(i * f, f));
            y[i] = Math.Sin(6 * unit[0]) + Math.Cos(4 * unit[1]) + (unit[^1] * unit[^1]);
            c[i] = unit[0] - 0.5;
        }

        double[] lengthscales = [.. Enumerable.Repeat(0.4, space.Count)];
        GaussianProcess model = GaussianProcess.Condition(new MaternKernel(map, lengthscales, 1.2), 1e-4, x, y)!;
        List<ConstraintModel> constraints = constrained
            ? [new ConstraintModel(GaussianProcess.Condition(new MaternKernel(map, lengthscales, 0.5), 1e-4, x, c)!, double.NaN, 0.1)]
            : [];
        var acquisition = new ConstrainedLogExpectedImprovement(model, y.Min(), constraints, f);
        double[][] anchors = [[.. Enumerable.Repeat(0.5, space.Count)]];
        var taken = new HashSet<double[]>(PointComparer.Instance);

        List<(double[] Point, double Value)> Search(int threads) =>
            new AcquisitionOptimizer(map, 700, 6, threads).LocalOptima(acquisition, new Random(3), anchors, taken);

        List<(double[] Point, double Value)> one = Search(1);
        foreach (int threads in new[] { 2, 4 })
        {
            List<(double[] Point, double Value)> several = Search(threads);
            Assert.Equal(one.Select(o => o.Value), several.Select(o => o.Value));
            Assert.Equal(one.Select(o => o.Point), several.Select(o => o.Point));
        }

        Assert.NotEmpty(one);
    }

    /// <summary>
    /// An acquisition over one int parameter 1–4 that peaks at 3 and records where each discrete search started: the
    /// one value of the four its batch of alternatives leaves out.
    /// </summary>
    private sealed class PeakAtThree(SearchSpace space) : IAcquisition
    {
        public List<double> Starts { get; } = [];

        public double Value(ReadOnlySpan<double> x, Span<double> gradient) => -Math.Abs(Decode(x[0]) - 3);

        public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch)
        {
            double[] seen = new double[m];
            for (int j = 0; j < m; j++)
            {
                seen[j] = Decode(points[j]);
                values[j] = -Math.Abs(seen[j] - 3);
            }

            if (m == 3)
            {
                Starts.Add(new double[] { 1, 2, 3, 4 }.Except(seen).Single());
            }
        }

        private double Decode(double feature) => space.Decode([feature]).GetInt("k");
    }

    [Fact]
    public void Every_local_search_starts_from_another_point_even_after_an_earlier_search_moved_its_start()
    {
        // Sixty-four candidates fall on four values. The search from 2 moves to 3, the first start; a later candidate
        // at 2 is the same start as before, not a new one.
        SearchSpace space = new SearchSpaceBuilder().Int("k", 1, 4).Build();
        var map = new FeatureMap(space);
        var acquisition = new PeakAtThree(space);
        var optimizer = new AcquisitionOptimizer(map, 64, 4);
        List<(double[] Point, double Value)> optima = optimizer.LocalOptima(acquisition, new Random(5), [], new HashSet<double[]>(PointComparer.Instance));

        // Each search from 1, 2 or 4 moves to 3 and searches again from there; the starts themselves differ.
        double[] starts = [.. acquisition.Starts.Where(s => s != 3)];
        Assert.Equal([1, 2, 4], starts.Order());
        Assert.Equal(3, space.Decode(optima[0].Point).GetInt("k"));
    }

    /// <summary>An acquisition that fails, on every thread, as a model in a bad state would.</summary>
    private sealed class Failing : IAcquisition
    {
        public double Value(ReadOnlySpan<double> x, Span<double> gradient) => throw new InvalidOperationException("model broke");

        public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch) => throw new InvalidOperationException("model broke");

        public IAcquisition? ForAnotherThread() => new Failing();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void A_failure_on_any_thread_reaches_the_caller_as_itself(int threads)
    {
        var map = new FeatureMap(new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 0, 1).Build());
        var optimizer = new AcquisitionOptimizer(map, 512, 4, threads);
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(
            () => optimizer.LocalOptima(new Failing(), new Random(1), [], new HashSet<double[]>(PointComparer.Instance)));
        Assert.Equal("model broke", e.Message);
    }

    [Fact]
    public void When_every_thread_fails_at_once_the_first_failure_reaches_the_caller_as_itself()
    {
        ThreadPool.GetMinThreads(out int workerThreads, out int completionThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, 16), completionThreads);
        var map = new FeatureMap(new SearchSpaceBuilder().Float("a", 0, 1).Build());
        SearchWorker[] workers = [new(map), new(map), new(map)];
        using var together = new Barrier(workers.Length);

        // Each body waits (for a while at most) until all have started, so that they fail together.
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => SearchWorker.OnThreads(workers, workers.Length, (k, _) =>
        {
            together.SignalAndWait(TimeSpan.FromSeconds(10));
            throw new InvalidOperationException($"model broke on thread {k}");
        }));
        Assert.StartsWith("model broke on thread ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(250)]
    public void Two_objectives_on_several_threads_find_exactly_what_one_thread_finds(int n)
    {
        ThreadPool.GetMinThreads(out int workerThreads, out int completionThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, 16), completionThreads);
        SearchSpace space = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 0, 1).Float("c", 0, 1).Build();
        var map = new FeatureMap(space);
        var random = new Random(n + 1);
        double[] x = new double[n * 3], y1 = new double[n], y2 = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                x[(i * 3) + c] = random.NextDouble();
            }

            y1[i] = Math.Sin(5 * x[i * 3]) + x[(i * 3) + 2];
            y2[i] = Math.Cos(4 * x[(i * 3) + 1]) - x[(i * 3) + 2];
        }

        GaussianProcess first = GaussianProcess.Condition(new MaternKernel(map, [0.4, 0.4, 0.4], 1.0), 1e-4, x, y1)!;
        GaussianProcess second = GaussianProcess.Condition(new MaternKernel(map, [0.3, 0.5, 0.6], 1.0), 1e-4, x, y2)!;
        var strips = new NonDominatedStrips(y1.Max(), y2.Max());
        for (int i = 0; i < n; i++)
        {
            strips.Add(y1[i], y2[i]);
        }

        var acquisition = new LogExpectedHypervolumeImprovement(first, second, strips, [], map.Columns);
        var taken = new HashSet<double[]>(PointComparer.Instance);
        List<(double[] Point, double Value)> Search(int threads) =>
            new AcquisitionOptimizer(map, 700, 6, threads).LocalOptima(acquisition, new Random(3), [], taken);

        List<(double[] Point, double Value)> one = Search(1);
        Assert.NotNull(acquisition.ForAnotherThread());
        foreach (int threads in new[] { 2, 4 })
        {
            List<(double[] Point, double Value)> several = Search(threads);
            Assert.Equal(one.Select(o => o.Value), several.Select(o => o.Value));
            Assert.Equal(one.Select(o => o.Point), several.Select(o => o.Point));
        }
    }
}
