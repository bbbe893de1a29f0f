using MathNet.Numerics.LinearAlgebra;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Models;

public class GaussianProcessTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder()
        .Float("a", 0, 1).Float("b", 0, 1).Categorical("c", "x", "y", "z").Build();

    [Fact]
    public void Posterior_mean_and_variance_match_a_dense_computation()
    {
        var map = new FeatureMap(Space);
        (double[] x, double[] y) = RandomData(map, n: 12, seed: 1);
        var h = new Hyperparameters([0.3, 0.7, 0.5], 1.7, 1e-3);
        GaussianProcess model = h.Condition(map, x, y);

        Matrix<double> k = Matrix<double>.Build.Dense(12, 12, (i, j) => Kernel(map, h, x.AsSpan(i * 5, 5), x.AsSpan(j * 5, 5)) + (i == j ? 1e-3 : 0));
        // The constant mean is the generalized-least-squares estimate 1ᵀK⁻¹y / 1ᵀK⁻¹1.
        Vector<double> ones = Vector<double>.Build.Dense(12, 1.0);
        double prior = (ones * k.Solve(Vector<double>.Build.DenseOfArray(y))) / (ones * k.Solve(ones));
        Assert.Equal(prior, model.Mean, 10);
        Vector<double> alpha = k.Solve(Vector<double>.Build.DenseOfArray(y) - prior);
        (double[] probe, _) = RandomData(map, n: 5, seed: 2);
        double[] means = new double[5], variances = new double[5];
        model.PredictMany(probe, 5, means, variances, new double[12 * 5]);
        for (int j = 0; j < 5; j++)
        {
            Vector<double> kStar = Vector<double>.Build.Dense(12, i => Kernel(map, h, probe.AsSpan(j * 5, 5), x.AsSpan(i * 5, 5)));
            double mean = prior + (kStar * alpha);
            double variance = 1.7 - (kStar * k.Solve(kStar));
            Assert.Equal(mean, means[j], 10);
            Assert.Equal(variance, variances[j], 10);
            (double m1, double v1) = model.Predict(probe.AsSpan(j * 5, 5), default, default);
            Assert.Equal(mean, m1, 10);
            Assert.Equal(variance, v1, 10);
        }
    }

    [Fact]
    public async Task A_model_for_another_thread_predicts_exactly_as_the_model_and_predicts_on_two_threads_at_once()
    {
        var map = new FeatureMap(Space);
        (double[] x, double[] y) = RandomData(map, n: 40, seed: 8);
        GaussianProcess model = new Hyperparameters([0.3, 0.5, 0.9], 1.4, 1e-4).Condition(map, x, y);
        GaussianProcess other = model.ForAnotherThread()!;
        (double[] probe, _) = RandomData(map, n: 200, seed: 9);
        int f = map.Columns;

        // Each thread predicts every point with gradients through its own model, as the local searches do.
        (double Mean, double Variance, double[] Gradients)[] Predict(GaussianProcess m) =>
            [.. Enumerable.Range(0, 200).Select(j =>
            {
                double[] gm = new double[f], gv = new double[f];
                (double mean, double variance) = m.Predict(probe.AsSpan(j * f, f), gm, gv);
                return (mean, variance, gm.Concat(gv).ToArray());
            })];

        Task<(double Mean, double Variance, double[] Gradients)[]> first = Task.Run(() => Predict(model));
        Task<(double Mean, double Variance, double[] Gradients)[]> second = Task.Run(() => Predict(other));
        (double Mean, double Variance, double[] Gradients)[][] both = await Task.WhenAll(first, second);
        (double Mean, double Variance, double[] Gradients)[] alone = Predict(model);
        for (int j = 0; j < 200; j++)
        {
            Assert.Equal(alone[j].Mean, both[0][j].Mean);
            Assert.Equal(alone[j].Mean, both[1][j].Mean);
            Assert.Equal(alone[j].Variance, both[0][j].Variance);
            Assert.Equal(alone[j].Variance, both[1][j].Variance);
            Assert.Equal(alone[j].Gradients, both[0][j].Gradients);
            Assert.Equal(alone[j].Gradients, both[1][j].Gradients);
        }

        double[] means = new double[200], variances = new double[200], otherMeans = new double[200], otherVariances = new double[200];
        model.PredictMany(probe, 200, means, variances, new double[40 * 200]);
        other.PredictMany(probe, 200, otherMeans, otherVariances, new double[40 * 200]);
        Assert.Equal(means, otherMeans);
        Assert.Equal(variances, otherVariances);
    }

    [Fact]
    public void Prediction_gradients_match_finite_differences()
    {
        var map = new FeatureMap(Space);
        (double[] x, double[] y) = RandomData(map, n: 15, seed: 3);
        var h = new Hyperparameters([0.4, 0.25, 0.8], 1.2, 1e-4);
        GaussianProcess model = h.Condition(map, x, y);
        double[] point = [0.37, 0.61, 0, 0.7071067811865476, 0];
        double[] gm = new double[5], gv = new double[5];
        model.Predict(point, gm, gv);
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(FiniteDifference.Central(p => model.Predict(p, default, default).Mean, point, c), gm[c], 5);
            Assert.Equal(FiniteDifference.Central(p => model.Predict(p, default, default).Variance, point, c), gv[c], 5);
        }
    }

    [Fact]
    public void Appending_a_point_equals_conditioning_on_it_from_scratch()
    {
        var map = new FeatureMap(Space);
        (double[] x, double[] y) = RandomData(map, n: 10, seed: 4);
        var h = new Hyperparameters([0.5, 0.5, 0.5], 1, 1e-3);
        GaussianProcess appended = h.Condition(map, x[..(9 * 5)], y[..9]);
        Assert.True(appended.Append(x.AsSpan(9 * 5, 5), y[9]));
        GaussianProcess full = h.Condition(map, x, y);
        (double[] probe, _) = RandomData(map, n: 4, seed: 5);
        for (int j = 0; j < 4; j++)
        {
            (double m1, double v1) = appended.Predict(probe.AsSpan(j * 5, 5), default, default);
            (double m2, double v2) = full.Predict(probe.AsSpan(j * 5, 5), default, default);
            Assert.Equal(m2, m1, 10);
            Assert.Equal(v2, v1, 10);
        }
    }

    [Fact]
    public void The_marginal_likelihood_gradient_matches_finite_differences()
    {
        var map = new FeatureMap(Space);
        (double[] x, double[] y) = RandomData(map, n: 25, seed: 6);
        var likelihood = new MarginalLikelihood(x, y, new MaternKernelFamily(map), 1e-6, fixedNoise: false);
        FiniteDifference.AssertLikelihoodGradient(likelihood, [-1.0, -0.3, 0.2, 0.1, Math.Log(0.01)], 1e-5);
    }

    [Fact]
    public void Categorical_features_see_the_Hamming_distance()
    {
        var map = new FeatureMap(Space);
        double[] a = new double[5], b = new double[5], c = new double[5];
        map.Map([0.2, 0.4, 0.1], a);   // choice x
        map.Map([0.2, 0.4, 0.5], b);   // choice y
        map.Map([0.2, 0.4, 0.9], c);   // choice z
        Assert.Equal(1.0, SquaredDistance(a, b), 12);
        Assert.Equal(1.0, SquaredDistance(a, c), 12);
        Assert.Equal(1.0, SquaredDistance(b, c), 12);
    }

    private static double SquaredDistance(double[] a, double[] b) => a.Zip(b, (p, q) => (p - q) * (p - q)).Sum();

    private static double Kernel(FeatureMap map, Hyperparameters h, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double r2 = 0;
        for (int c = 0; c < a.Length; c++)
        {
            double l = h.Lengthscales[map.ColumnOwner[c]];
            r2 += (a[c] - b[c]) * (a[c] - b[c]) / (l * l);
        }

        double r = Math.Sqrt(r2);
        return h.SignalVariance * (1 + (Math.Sqrt(5) * r) + (5 * r2 / 3)) * Math.Exp(-Math.Sqrt(5) * r);
    }

    private static (double[] X, double[] Y) RandomData(FeatureMap map, int n, int seed)
    {
        var random = new Random(seed);
        double[] x = new double[n * map.Columns], y = new double[n], canonical = new double[3];
        for (int i = 0; i < n; i++)
        {
            double[] unit = [random.NextDouble(), random.NextDouble(), random.NextDouble()];
            Space.Canonicalize(unit, new double[3], canonical);
            map.Map(canonical, x.AsSpan(i * map.Columns, map.Columns));
            y[i] = Math.Sin(4 * unit[0]) + (unit[1] * unit[1]) + (canonical[2] > 0.5 ? 0.5 : 0);
        }

        return (x, y);
    }

    private sealed record Hyperparameters(double[] Lengthscales, double SignalVariance, double NoiseVariance)
    {
        public GaussianProcess Condition(FeatureMap map, double[] x, double[] y) =>
            GaussianProcess.Condition(new MaternKernel(map, Lengthscales, SignalVariance), NoiseVariance, x, y)!;
    }
}
