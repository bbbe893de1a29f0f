using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;

namespace Tuning.Tests.Bayesian.Models;

/// <summary>
/// The running-study path: a kept model is extended by new rows while its hyperparameters are fresh, and that must be
/// the model a fit from scratch with the same hyperparameters conditions.
/// </summary>
public class ModelUpdateTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 0, 1).Float("c", 0, 1).Build();
    private static readonly ModelSettings Settings = new GaussianProcessOptions().Settings;

    private static (double[] X, double[] Y, int[] Keys) Data(int n, int seed)
    {
        var random = new Random(seed);
        double[] x = new double[n * 3], y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                x[(i * 3) + c] = random.NextDouble();
            }

            y[i] = Math.Sin(4 * x[i * 3]) + (x[(i * 3) + 1] * x[(i * 3) + 2]);
        }

        return (x, Standardize(y), [.. Enumerable.Range(0, n)]);
    }

    private static double[] Standardize(double[] y)
    {
        double mean = y.Average(), sd = Math.Sqrt(y.Select(v => (v - mean) * (v - mean)).Average());
        return [.. y.Select(v => (v - mean) / sd)];
    }

    [Fact]
    public void Truncating_retargeting_and_appending_equals_conditioning_from_scratch()
    {
        var map = new FeatureMap(Space);
        (double[] x, double[] y, _) = Data(40, seed: 1);
        var kernel = new MaternKernel(map, [0.4, 0.7, 0.5], 1.3);
        GaussianProcess model = GaussianProcess.Condition(kernel, 1e-3, x[..(30 * 3)], y[..30])!;
        Assert.True(model.Append(x.AsSpan(30 * 3, 3), 0.1)); // a pending point, dropped again below
        model.Truncate(30);
        double[] shifted = [.. y.Select(v => (2 * v) + 1)];
        model.SetTargets(shifted.AsSpan(0, 30));
        for (int i = 30; i < 40; i++)
        {
            Assert.True(model.Append(x.AsSpan(i * 3, 3), shifted[i]));
        }

        GaussianProcess fresh = GaussianProcess.Condition(kernel, 1e-3, x, shifted)!;
        (double[] probe, _, _) = Data(6, seed: 2);
        for (int j = 0; j < 6; j++)
        {
            (double m1, double v1) = model.Predict(probe.AsSpan(j * 3, 3), default, default);
            (double m2, double v2) = fresh.Predict(probe.AsSpan(j * 3, 3), default, default);
            Assert.Equal(m2, m1, 1e-10);
            Assert.Equal(v2, v1, 1e-10);
        }
    }

    [Fact]
    public void Above_the_refit_threshold_a_fresh_fit_is_extended_not_refitted()
    {
        var map = new FeatureMap(Space);
        var family = new MaternKernelFamily(map);
        var memory = new FitMemory();
        var role = new ModelRole(ModelKind.Objective, "y");
        (double[] x, double[] y, int[] keys) = Data(GaussianProcessFitter.RefitEveryAskBelow + 3, seed: 3);
        int first = GaussianProcessFitter.RefitEveryAskBelow;
        FitResult fitted = GaussianProcessFitter.Update(memory, role, family, x[..(first * 3)], y[..first], keys[..first], Settings);
        Assert.NotNull(fitted.Model);

        // Two rows later, presented in another order: the kept rows are matched by key, the new ones appended.
        int[] order = [first + 1, .. Enumerable.Range(0, first), first];
        double[] x2 = [.. order.SelectMany(i => x.AsSpan(i * 3, 3).ToArray())];
        double[] y2 = [.. order.Select(i => y[i])];
        int[] keys2 = [.. order.Select(i => keys[i])];
        FitResult extended = GaussianProcessFitter.Update(memory, role, family, x2, y2, keys2, Settings);
        Assert.Same(fitted.Model, extended.Model);
        Assert.Equal(fitted.Theta, extended.Theta);
        Assert.Equal(first, memory.Fits[role].FittedAt);
        Assert.Equal(first + 2, extended.Model!.Count);

        IKernel kernel = family.Create(extended.Theta.AsSpan(0, family.Count));
        GaussianProcess fresh = GaussianProcess.Condition(kernel, extended.Model.NoiseVariance, x2, y2)!;
        (double[] probe, _, _) = Data(5, seed: 4);
        double[] g1 = new double[3], g2 = new double[3], h1 = new double[3], h2 = new double[3];
        for (int j = 0; j < 5; j++)
        {
            (double m1, double v1) = extended.Model.Predict(probe.AsSpan(j * 3, 3), g1, h1);
            (double m2, double v2) = fresh.Predict(probe.AsSpan(j * 3, 3), g2, h2);
            Assert.Equal(m2, m1, 1e-10);
            Assert.Equal(v2, v1, 1e-10);
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(g2[c], g1[c], 1e-9);
                Assert.Equal(h2[c], h1[c], 1e-9);
            }
        }
    }

    [Fact]
    public void A_surprising_row_or_enough_growth_calls_for_a_refit()
    {
        var map = new FeatureMap(Space);
        var family = new MaternKernelFamily(map);
        var role = new ModelRole(ModelKind.Objective, "y");
        int first = GaussianProcessFitter.RefitEveryAskBelow;
        (double[] x, double[] y, int[] keys) = Data(first + GaussianProcessFitter.RefitInterval(first), seed: 5);

        var memory = new FitMemory();
        GaussianProcessFitter.Update(memory, role, family, x[..(first * 3)], y[..first], keys[..first], Settings);
        double[] surprising = (double[])y[..(first + 1)].Clone();
        surprising[first] = 50; // far outside anything the model expects
        GaussianProcessFitter.Update(memory, role, family, x[..((first + 1) * 3)], surprising, keys[..(first + 1)], Settings);
        Assert.Equal(first + 1, memory.Fits[role].FittedAt);

        var grown = new FitMemory();
        GaussianProcessFitter.Update(grown, role, family, x[..(first * 3)], y[..first], keys[..first], Settings);
        GaussianProcessFitter.Update(grown, role, family, x, y, keys, Settings);
        Assert.Equal(y.Length, grown.Fits[role].FittedAt);
    }

    [Fact]
    public void Without_warm_starts_every_ask_fits_anew()
    {
        var map = new FeatureMap(Space);
        var family = new MaternKernelFamily(map);
        var role = new ModelRole(ModelKind.Objective, "y");
        ModelSettings cold = Settings with { WarmStart = false };
        int first = GaussianProcessFitter.RefitEveryAskBelow;
        (double[] x, double[] y, int[] keys) = Data(first + 1, seed: 6);
        var memory = new FitMemory();
        GaussianProcessFitter.Update(memory, role, family, x[..(first * 3)], y[..first], keys[..first], cold);
        FitResult next = GaussianProcessFitter.Update(memory, role, family, x, y, keys, cold);
        FitResult scratch = GaussianProcessFitter.Fit(family, x, y, null, cold, keys);
        Assert.Equal(scratch.Theta, next.Theta);
    }
}
