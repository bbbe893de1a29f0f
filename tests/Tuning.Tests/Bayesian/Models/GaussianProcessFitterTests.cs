using FsCheck.Fluent;
using FsCheck;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Models;

/// <summary>
/// The fitter's subset (at most MaxFitPoints rows, chosen by key so that it changes little as rows are added), the
/// staged cold fit, and the fallbacks when a warm start fails or the covariance cannot be factored.
/// </summary>
public class GaussianProcessFitterTests
{
    private static readonly ModelSettings Settings = new GaussianProcessOptions().Settings;

    /// <summary>Rows keyed by trial numbers that grow by 1 to 3; each row's one feature is its key, so rows are recognizable.</summary>
    internal sealed record Rows(int[] Gaps, int Max)
    {
        public int[] Keys
        {
            get
            {
                int[] keys = new int[Gaps.Length];
                for (int i = 0, key = 0; i < keys.Length; i++)
                {
                    key += Gaps[i];
                    keys[i] = key;
                }

                return keys;
            }
        }

        public int[] Subset(int count, int max)
        {
            int[] keys = Keys[..count];
            (double[] x, _) = GaussianProcessFitter.Subset([.. keys.Select(k => (double)k)], new double[count], keys, 1, max);
            return [.. x.Select(v => (int)v)];
        }

        public override string ToString() => $"{Gaps.Length} rows, max {Max}";
    }

    private static Arbitrary<Rows> RowSets(int minRows, int maxRows, int minMax, int maxMax) => Arb.From(
        from n in Gen.Choose(minRows, maxRows)
        from gaps in Gen.Choose(1, 3).ArrayOf(n)
        from max in Gen.Choose(minMax, maxMax)
        select new Rows(gaps, max),
        r => Shrink.Array(r.Gaps, g => Shrink.Toward(g, 1), minLength: minRows).Select(g => r with { Gaps = g })
            .Concat(Shrink.Toward(r.Max, minMax).Select(m => r with { Max = m })));

    [Fact]
    public void The_fit_subset_holds_at_most_max_rows_in_their_order_each_kept_by_its_key()
    {
        PropertyCheck.ForAll(RowSets(1, 900, 10, 400), r =>
        {
            int n = r.Gaps.Length;
            int[] keys = r.Keys, subset = r.Subset(n, r.Max);
            if (n <= r.Max)
            {
                Assert.Equal(keys, subset);
                return;
            }

            Assert.InRange(subset.Length, 1, r.Max);
            Assert.Equal(subset.Order(), subset);
            Assert.All(subset, k => Assert.True(ConditioningSet.Keeps(k, (double)r.Max / n)));
            if (r.Max >= 50)
            {
                Assert.True(subset.Length >= r.Max / 2, $"{subset.Length} rows of {r.Max} allowed");
            }
        });
    }

    /// <summary>
    /// A kept row stays kept when rows are added unless the smaller keep-fraction passes its key's hash, so successive
    /// fits see nearly the same rows and warm starts stay close; the staged fit's small subset is nested in the large one.
    /// </summary>
    [Fact]
    public void Rows_added_change_the_subset_only_where_the_smaller_share_excludes_a_row()
    {
        PropertyCheck.ForAll(RowSets(60, 900, 20, 300), r =>
        {
            int n = r.Gaps.Length, before = Math.Max(r.Max + 1, (2 * n) / 3);
            if (before >= n)
            {
                return;
            }

            int[] keys = r.Keys, old = r.Subset(before, r.Max), grown = r.Subset(n, r.Max);
            bool capped(int count) => keys[..count].Count(k => ConditioningSet.Keeps(k, (double)r.Max / count)) > r.Max;
            if (capped(before) || capped(n))
            {
                return; // the cap cut the scan short; the subset then also depends on where it stopped
            }

            var grownOld = grown.Where(k => k <= keys[before - 1]).ToHashSet();
            var expected = old.Where(k => ConditioningSet.Keeps(k, (double)r.Max / n)).ToHashSet();
            Assert.True(grownOld.SetEquals(expected), $"old rows kept after growth [{string.Join(", ", grownOld.Order())}], expected [{string.Join(", ", expected.Order())}]");

            int[] small = r.Subset(n, Math.Min(r.Max, GaussianProcessFitter.StagedAbove));
            Assert.Subset(grown.ToHashSet(), small.ToHashSet());
        });
    }

    private static (double[] X, double[] Y, int[] Keys) Data(int n, int seed, int d = 2)
    {
        var random = new Random(seed);
        double[] x = [.. Enumerable.Range(0, n * d).Select(_ => random.NextDouble())];
        double[] y = [.. Enumerable.Range(0, n).Select(i => Math.Sin(5 * x[i * d]) + (x[(i * d) + d - 1] * x[(i * d) + d - 1]) + (0.05 * random.NextDouble()))];
        double mean = y.Average(), sd = Math.Sqrt(y.Average(v => (v - mean) * (v - mean)));
        return (x, [.. y.Select(v => (v - mean) / sd)], [.. Enumerable.Range(0, n).Select(i => (3 * i) + 1)]);
    }

    [Fact]
    public void The_hyperparameters_are_fitted_on_the_subset_and_the_model_conditioned_on_every_row()
    {
        var family = new MaternKernelFamily(ModelSpecs.Map(2));
        ModelSettings small = Settings with { MaxFitPoints = 40 };
        (double[] x, double[] y, int[] keys) = Data(90, seed: 1);
        FitResult fit = GaussianProcessFitter.Fit(family, x, y, null, small, keys);
        (double[] sx, double[] sy) = GaussianProcessFitter.Subset(x, y, keys, 2, 40);
        FitResult onSubset = GaussianProcessFitter.Fit(family, sx, sy, null, small);
        Assert.Equal(onSubset.Theta, fit.Theta);
        Assert.Equal(90, fit.Model!.Count);
        Assert.Equal(sy.Length, onSubset.Model!.Count);
    }

    [Fact]
    public void A_cold_fit_on_many_rows_searches_on_the_nested_subset_first_then_polishes_on_all()
    {
        var family = new MaternKernelFamily(ModelSpecs.Map(2));
        int n = GaussianProcessFitter.StagedAbove + 30;
        (double[] x, double[] y, int[] keys) = Data(n, seed: 2);
        FitResult staged = GaussianProcessFitter.Fit(family, x, y, null, Settings, keys);

        (double[] sx, double[] sy) = GaussianProcessFitter.Subset(x, y, keys, 2, GaussianProcessFitter.StagedAbove);
        Assert.InRange(sy.Length, GaussianProcessFitter.StagedAbove / 2, GaussianProcessFitter.StagedAbove);
        double[] first = GaussianProcessFitter.Fit(family, sx, sy, null, Settings).Theta;
        FitResult polished = GaussianProcessFitter.Fit(family, x, y, first, Settings, keys);
        Assert.Equal(polished.Theta, staged.Theta);
        Assert.Equal(polished.NegativeLogPosterior, staged.NegativeLogPosterior);
        Assert.Equal(n, staged.Model!.Count);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(70)]
    public void A_warm_start_that_fails_or_does_not_fit_falls_back_to_the_cold_fit(int n)
    {
        // Kernels whose first log-lengthscale exceeds 3 cannot be factored, so a warm start there fails at once.
        var family = new FailingAbove(new MaternKernelFamily(ModelSpecs.Map(2)), limit: 3);
        (double[] x, double[] y, int[] keys) = Data(n, seed: 3);
        FitResult cold = GaussianProcessFitter.Fit(family, x, y, null, Settings, keys);
        double[] failing = new double[family.Count + 1];
        failing[0] = 4;
        FitResult fromFailure = GaussianProcessFitter.Fit(family, x, y, failing, Settings, keys);
        FitResult fromWrongLength = GaussianProcessFitter.Fit(family, x, y, [0.1, 0.2], Settings, keys);
        Assert.True(double.IsFinite(cold.NegativeLogPosterior));
        Assert.Equal(cold.Theta, fromFailure.Theta);
        Assert.Equal(cold.NegativeLogPosterior, fromFailure.NegativeLogPosterior);
        Assert.Equal(cold.Theta, fromWrongLength.Theta);
        Assert.NotNull(fromFailure.Model);
    }

    /// <summary>A kernel family whose kernels cannot be factored where θ₀ exceeds a limit (their covariances are NaN there).</summary>
    private sealed class FailingAbove(IKernelFamily inner, double limit) : IKernelFamily
    {
        public int Count => inner.Count;

        public int Starts => inner.Starts;

        public int Width => inner.Width;

        public IKernel Create(ReadOnlySpan<double> theta) => theta[0] > limit ? new Unfactorable(inner.Create(theta)) : inner.Create(theta);

        public void Bounds(Span<double> lower, Span<double> upper) => inner.Bounds(lower, upper);

        public void Initial(Span<double> theta, int variant) => inner.Initial(theta, variant);

        public double AddLogPrior(ReadOnlySpan<double> theta, Span<double> gradient) => inner.AddLogPrior(theta, gradient);
    }

    private sealed class Unfactorable(IKernel inner) : IKernel
    {
        public int Width => inner.Width;

        public double SignalVariance => inner.SignalVariance;

        public bool SupportsConcurrentReads => inner.SupportsConcurrentReads;

        public void Symmetric(ReadOnlySpan<double> x, int n, Span<double> k) => k[..(n * n)].Fill(double.NaN);

        public void Cross(ReadOnlySpan<double> x, int n, ReadOnlySpan<double> z, int m, Span<double> k) => inner.Cross(x, n, z, m, k);

        public double PriorVariance(ReadOnlySpan<double> z) => inner.PriorVariance(z);

        public void PriorVariances(ReadOnlySpan<double> z, int m, Span<double> variances) => inner.PriorVariances(z, m, variances);

        public IKernelRows CreateRows(int capacity) => inner.CreateRows(capacity);

        public void LikelihoodGradient(ReadOnlySpan<double> x, int n, Span<double> w, Span<double> gradient) => inner.LikelihoodGradient(x, n, w, gradient);
    }

    [Fact]
    public void A_covariance_that_cannot_be_factored_gives_no_model_and_keeps_no_fit()
    {
        var family = new MaternKernelFamily(ModelSpecs.Map(2));
        var memory = new FitMemory();
        var role = new ModelRole(ModelKind.Objective, "loss");
        (double[] x, double[] y, int[] keys) = Data(8, seed: 4);
        double[] broken = (double[])x.Clone();
        broken[5] = double.NaN;

        FitResult fit = GaussianProcessFitter.Update(memory, role, family, broken, y, keys, Settings);
        Assert.Null(fit.Model);
        Assert.True(double.IsPositiveInfinity(fit.NegativeLogPosterior));
        Assert.False(memory.Fits.ContainsKey(role));

        // The next ask, with data that can be factored, fits from scratch as if nothing had happened.
        FitResult next = GaussianProcessFitter.Update(memory, role, family, x, y, keys, Settings);
        Assert.Equal(GaussianProcessFitter.Fit(family, x, y, null, Settings, keys).Theta, next.Theta);
        Assert.Same(next.Model, memory.Fits[role].Model);
    }

    [Fact]
    public void Repeated_rows_without_noise_are_factored_with_jitter()
    {
        var kernel = new MaternKernel(ModelSpecs.Map(2), [0.5, 0.5], 1);
        double[] x = [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.7, 0.1];
        GaussianProcess? model = GaussianProcess.Condition(kernel, 0, x, [1, 1, 1, -1]);
        Assert.NotNull(model);
        (double mean, double variance) = model.Predict([0.5, 0.2], default, default);
        Assert.True(double.IsFinite(mean) && variance > 0);
    }

    [Fact]
    public void Above_max_model_points_the_model_is_conditioned_on_the_chosen_rows()
    {
        var family = new MaternKernelFamily(ModelSpecs.Map(2));
        ModelSettings small = Settings with { MaxModelPoints = 30 };
        (double[] x, double[] y, int[] keys) = Data(50, seed: 5);
        FitResult fit = GaussianProcessFitter.Update(new FitMemory(), new ModelRole(ModelKind.Objective, "loss"), family, x, y, keys, small);
        bool[] chosen = ConditioningSet.Choose(y, keys, 30, ranked: true)!;
        int[] rows = [.. Enumerable.Range(0, 50).Where(i => chosen[i])];
        Assert.Equal(rows.Length, fit.Model!.Count);
        for (int k = 0; k < rows.Length; k++)
        {
            Assert.Equal(x.AsSpan(rows[k] * 2, 2).ToArray(), fit.Model.Row(k).ToArray());
        }
    }
    [Fact]
    public void Each_row_of_the_model_holds_the_data_row_the_fit_names()
    {
        // Fits of n rows (a subset above MaxModelPoints), then asks where rows are added and others change places: a
        // failed trial's row comes after the completed ones, so the kept fit's order is not the data's.
        var family = new MaternKernelFamily(ModelSpecs.Map(2));
        Arbitrary<(int Rows, int Max, int Added, int Seed)> cases = Arb.From(
            from rows in Gen.Choose(2, 160)
            from max in Gen.Choose(10, 200)
            from added in Gen.Choose(0, 8)
            from seed in Gen.Choose(0, 1000)
            select (Rows: rows, Max: max, Added: added, Seed: seed),
            c => Shrink.Toward(c.Rows, 2).Select(r => c with { Rows = r })
                .Concat(Shrink.Toward(c.Max, 10).Select(m => c with { Max = m }))
                .Concat(Shrink.Toward(c.Added, 0).Select(a => c with { Added = a })));
        PropertyCheck.ForAll(
            cases,
            c =>
            {
                ModelSettings settings = Settings with { MaxModelPoints = c.Max };
                var memory = new FitMemory();
                var role = new ModelRole(ModelKind.Objective, "loss");
                (double[] x, double[] y, int[] keys) = Data(c.Rows + c.Added, c.Seed);
                void Check(int n, int[] order)
                {
                    double[] ox = [.. order.SelectMany(i => x.AsSpan(i * 2, 2).ToArray())], oy = [.. order.Select(i => y[i])];
                    int[] ok = [.. order.Select(i => keys[i])];
                    FitResult fit = GaussianProcessFitter.Update(memory, role, family, ox, oy, ok, settings);
                    GaussianProcess model = fit.Model!;
                    Assert.Equal(model.Count, fit.Rows?.Length ?? n);
                    for (int k = 0; k < model.Count; k++)
                    {
                        Assert.Equal(ox.AsSpan(fit.DataRow(k) * 2, 2).ToArray(), model.Row(k).ToArray());
                    }
                }

                Check(c.Rows, [.. Enumerable.Range(0, c.Rows)]);

                // Rows added, and the first row moved to the end, as a failed trial's row follows the completed rows.
                int n = c.Rows + c.Added;
                Check(n, [.. Enumerable.Range(1, n - 1), 0]);
            },
            maxTest: 40);
    }
}
