using MathNet.Numerics.LinearAlgebra;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Kernels;

public class FidelityKernelTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 0, 1).Categorical("c", "x", "y").Build();

    public static TheoryData<string> Kernels => ["exponential", "tasks"];

    private static IFidelityKernel Kernel(string kind) => kind switch
    {
        "exponential" => new ExponentialDecayFidelityKernel().With([Math.Log(0.8), Math.Log(1.4), Math.Log(0.3), Math.Log(0.5)]),
        _ => new TaskFidelityKernel(3, target: 1).With([0.6, -0.2, Math.Log(0.3), Math.Log(0.8), Math.Log(0.4)]),
    };

    private static (double[] X, double[] S, double[] Y) Data(FeatureMap map, string kind, int n, int seed)
    {
        var random = new Random(seed);
        double[] x = new double[n * map.Columns], s = new double[n], y = new double[n];
        for (int i = 0; i < n; i++)
        {
            map.Map([random.NextDouble(), random.NextDouble(), random.NextDouble()], x.AsSpan(i * map.Columns, map.Columns));
            s[i] = kind == "tasks" ? random.Next(3) : random.NextDouble();
            y[i] = Math.Sin(3 * x[i * map.Columns]) + s[i] + (0.1 * random.NextDouble());
        }

        return (x, s, y);
    }

    private const double Noise = 1e-3;

    private static Hyperparameters Hyper(string kind) =>
        new([0.4, 0.6, 0.9], Kernel(kind), 1.3, kind == "exponential" ? [1.1, 0.3, 2.0] : [0.4, 0.6, 0.9]);

    /// <summary>The model with these hyperparameters on rows (x, s).</summary>
    private static GaussianProcess Model(FeatureMap map, Hyperparameters h, double[] x, double[] s, double[] y)
    {
        IKernel kernel = new FidelityKernelFamily(map, h.Fidelity).Create(h.Theta(map));
        return GaussianProcess.Condition(kernel, Noise, Rows(x, s, map.Columns), y)!;
    }

    private static double[] Rows(double[] x, double[] s, int f)
    {
        double[] rows = new double[s.Length * (f + 1)];
        for (int i = 0; i < s.Length; i++)
        {
            x.AsSpan(i * f, f).CopyTo(rows.AsSpan(i * (f + 1), f));
            rows[(i * (f + 1)) + f] = s[i];
        }

        return rows;
    }

    private static double[] Row(ReadOnlySpan<double> x, double s) => [.. x, s];

    private static double Matern(FeatureMap map, double[] lengthscales, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double[] ls = new double[map.Columns];
        map.ExpandLengthscales(lengthscales, ls);
        double r2 = 0;
        for (int c = 0; c < ls.Length; c++)
        {
            r2 += (a[c] - b[c]) * (a[c] - b[c]) / (ls[c] * ls[c]);
        }

        double r = Math.Sqrt(r2);
        return (1 + (Math.Sqrt(5) * r) + (5.0 / 3 * r2)) * Math.Exp(-Math.Sqrt(5) * r);
    }

    private static double Dense(FeatureMap map, Hyperparameters h, ReadOnlySpan<double> a, double sa, ReadOnlySpan<double> b, double sb)
    {
        double kx = Matern(map, h.Lengthscales, a, b), kb = Matern(map, h.BiasLengthscales, a, b);
        return h.SignalVariance * ((kx * h.Fidelity.Scale(sa, sb)) + (kb * h.Fidelity.BiasScale(sa, sb)) + Offset(h.Fidelity, sa, sb));
    }

    /// <summary>The offset part k_o, read through the public form Covariance = k_x·k_s + k_b·k_β + k_o at k_x = k_b = 0.</summary>
    private static double Offset(IFidelityKernel kernel, double a, double b) => kernel.Covariance(0, 0, a, b);

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Predictions_match_a_dense_computation(string kind)
    {
        var map = new FeatureMap(Space);
        int f = map.Columns, n = 14;
        (double[] x, double[] s, double[] y) = Data(map, kind, n, seed: 1);
        Hyperparameters h = Hyper(kind);
        GaussianProcess model = Model(map, h, x, s, y);
        Matrix<double> k = Matrix<double>.Build.Dense(n, n, (i, j) => Dense(map, h, x.AsSpan(i * f, f), s[i], x.AsSpan(j * f, f), s[j]) + (i == j ? Noise : 0));
        Vector<double> ones = Vector<double>.Build.Dense(n, 1.0);
        double prior = (ones * k.Solve(Vector<double>.Build.DenseOfArray(y))) / (ones * k.Solve(ones));
        Vector<double> alpha = k.Solve(Vector<double>.Build.DenseOfArray(y) - prior);
        (double[] probe, double[] ps, _) = Data(map, kind, 6, seed: 2);
        double target = h.Fidelity.Target;
        double[] means = new double[6], variances = new double[6];
        model.PredictMany(Rows(probe, ps, f), 6, means, variances, new double[n * 6]);
        for (int j = 0; j < 6; j++)
        {
            double[] p = probe[(j * f)..((j + 1) * f)];
            Vector<double> a = Vector<double>.Build.Dense(n, i => Dense(map, h, p, ps[j], x.AsSpan(i * f, f), s[i]));
            Vector<double> b = Vector<double>.Build.Dense(n, i => Dense(map, h, p, target, x.AsSpan(i * f, f), s[i]));
            double mean = prior + (a * alpha);
            double targetMean = prior + (b * alpha);
            double variance = Dense(map, h, p, ps[j], p, ps[j]) - (a * k.Solve(a));
            double targetVariance = Dense(map, h, p, target, p, target) - (b * k.Solve(b));
            double covariance = Dense(map, h, p, ps[j], p, target) - (a * k.Solve(b));
            PosteriorPair pair = model.PredictPair(Row(p, ps[j]), Row(p, target));
            Assert.Equal(mean, pair.FirstMean, 9);
            Assert.Equal(targetMean, pair.SecondMean, 9);
            Assert.Equal(variance, pair.FirstVariance, 9);
            Assert.Equal(targetVariance, pair.SecondVariance, 9);
            Assert.Equal(covariance, pair.Covariance, 9);
            Assert.Equal(mean, means[j], 9);
            Assert.Equal(variance, variances[j], 9);
            (double m1, double v1) = model.Predict(Row(p, ps[j]), default, default);
            Assert.Equal(mean, m1, 9);
            Assert.Equal(variance, v1, 9);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void On_data_at_the_target_alone_the_model_is_the_single_fidelity_model(string kind)
    {
        var map = new FeatureMap(Space);
        int f = map.Columns, n = 20;
        (double[] x, _, double[] y) = Data(map, kind, n, seed: 11);
        Hyperparameters h = Hyper(kind);
        double target = h.Fidelity.Target;
        double[] s = [.. Enumerable.Repeat(target, n)];
        GaussianProcess joint = Model(map, h, x, s, y);
        GaussianProcess single = GaussianProcess.Condition(new MaternKernel(map, h.Lengthscales, h.SignalVariance), Noise, x, y)!;
        (double[] probe, _, _) = Data(map, kind, 8, seed: 12);
        double[] gm1 = new double[f + 1], gv1 = new double[f + 1], gm2 = new double[f], gv2 = new double[f];
        for (int j = 0; j < 8; j++)
        {
            double[] p = probe[(j * f)..((j + 1) * f)];
            (double m1, double v1) = joint.Predict(Row(p, target), gm1, gv1);
            (double m2, double v2) = single.Predict(p, gm2, gv2);
            Assert.Equal(m2, m1, 1e-10);
            Assert.Equal(v2, v1, 1e-10);
            for (int c = 0; c < f; c++)
            {
                Assert.Equal(gm2[c], gm1[c], 1e-10);
                Assert.Equal(gv2[c], gv1[c], 1e-10);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Prediction_gradients_match_finite_differences(string kind)
    {
        var map = new FeatureMap(Space);
        (double[] x, double[] s, double[] y) = Data(map, kind, 15, seed: 3);
        GaussianProcess model = Model(map, Hyper(kind), x, s, y);
        double fidelity = kind == "tasks" ? 2 : 0.42;
        double[] point = [0.37, 0.61, 0, 0.7071067811865476, fidelity];
        double[] gm = new double[5], gv = new double[5];
        model.Predict(point, gm, gv);
        const double E = 1e-6;
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(FiniteDifference.Central(p => model.Predict(p, default, default).Mean, point, c, E), gm[c], 5);
            Assert.Equal(FiniteDifference.Central(p => model.Predict(p, default, default).Variance, point, c, E), gv[c], 5);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void The_likelihood_gradient_matches_finite_differences(string kind)
    {
        var map = new FeatureMap(Space);
        (double[] x, double[] s, double[] y) = Data(map, kind, 16, seed: 4);
        var family = new FidelityKernelFamily(map, Kernel(kind));
        var likelihood = new MarginalLikelihood(Rows(x, s, map.Columns), y, family, 1e-6, fixedNoise: false);
        var random = new Random(5);
        double[] theta = [.. Enumerable.Range(0, likelihood.Count).Select(_ => (random.NextDouble() * 1.2) - 0.8)];
        theta[^1] = Math.Log(0.01); // the noise
        FiniteDifference.AssertLikelihoodGradient(likelihood, theta, 1e-4);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void A_multi_fidelity_model_is_not_shared_between_threads_since_its_kernel_keeps_buffers(string kind)
    {
        var map = new FeatureMap(Space);
        (double[] x, double[] s, double[] y) = Data(map, kind, 10, seed: 6);
        GaussianProcess model = Model(map, Hyper(kind), x, s, y);
        Assert.False(model.Kernel.SupportsConcurrentReads);
        Assert.Null(model.ForAnotherThread());
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Appending_a_point_equals_conditioning_on_it_from_scratch(string kind)
    {
        var map = new FeatureMap(Space);
        int f = map.Columns;
        (double[] x, double[] s, double[] y) = Data(map, kind, 10, seed: 6);
        Hyperparameters h = Hyper(kind);
        GaussianProcess appended = Model(map, h, x[..(9 * f)], s[..9], y[..9]);
        Assert.True(appended.Append(Row(x.AsSpan(9 * f, f), s[9]), y[9]));
        GaussianProcess full = Model(map, h, x, s, y);
        (double[] probe, double[] ps, _) = Data(map, kind, 4, seed: 7);
        for (int j = 0; j < 4; j++)
        {
            double[] first = Row(probe.AsSpan(j * f, f), ps[j]), second = Row(probe.AsSpan(j * f, f), h.Fidelity.Target);
            PosteriorPair a = appended.PredictPair(first, second), b = full.PredictPair(first, second);
            Assert.Equal(b.SecondMean, a.SecondMean, 9);
            Assert.Equal(b.Covariance, a.Covariance, 9);
        }
    }

    [Fact]
    public void The_exponential_decay_kernel_gradients_are_exact()
    {
        IFidelityKernel kernel = Kernel("exponential");
        int q = kernel.ParameterCount;
        double[] phi = new double[q], g = new double[q];
        kernel.CopyTo(phi);
        const double E = 1e-6;
        foreach ((double a, double b) in new[] { (0.2, 0.5), (0.9, 0.1), (0.3, 1.0), (0.0, 0.0) })
        {
            kernel.ParameterGradient(0.4, 0.7, a, b, g);
            for (int k = 0; k < q; k++)
            {
                Assert.Equal(FiniteDifference.Central(p => kernel.With(p).Covariance(0.4, 0.7, a, b), phi, k, E), g[k], 6);
            }
        }

        Assert.Equal(1, kernel.Covariance(1, 0.6, 1, 0.3), 12);   // the bias vanishes at the target
    }

    [Fact]
    public void The_task_covariance_is_positive_definite_and_its_gradient_is_exact()
    {
        var kernel = (TaskFidelityKernel)new TaskFidelityKernel(3, 2).With([0.3, -1.2, Math.Log(0.5), Math.Log(0.7), -0.5]);
        Assert.Equal(5, kernel.ParameterCount);
        foreach ((double kx, double kb) in new[] { (1.0, 1.0), (0.6, 0.2) })
        {
            Matrix<double> b = Matrix<double>.Build.Dense(3, 3, (i, j) => kernel.Covariance(kx, kb, i, j));
            Assert.True(b.Evd().EigenValues.All(e => e.Real > -1e-12));
        }

        double[] phi = new double[5], g = new double[5];
        kernel.CopyTo(phi);
        foreach ((int i, int j) in new[] { (2, 1), (1, 1), (2, 2), (0, 1), (0, 0) })
        {
            kernel.ParameterGradient(0.6, 0.2, i, j, g);
            for (int k = 0; k < 5; k++)
            {
                Assert.Equal(FiniteDifference.Central(p => kernel.With(p).Covariance(0.6, 0.2, i, j), phi, k), g[k], 6);
            }
        }

        Assert.Equal(1, kernel.Scale(2, 2));                                // the target is the reference
        Assert.Equal(0.3 * -1.2, kernel.Scale(0, 1), 12);                   // ρ_0·ρ_1
        Assert.Equal(Math.Exp(-0.5), kernel.Covariance(0, 0, 1, 1), 12);   // a proxy task's own shift
        Assert.Equal(0, kernel.Covariance(0, 0, 2, 2));                    // the target has none
    }

    private sealed record Hyperparameters(double[] Lengthscales, IFidelityKernel Fidelity, double SignalVariance, double[] BiasLengthscales)
    {
        /// <summary>θ as <see cref="FidelityKernelFamily"/> packs it.</summary>
        public double[] Theta(FeatureMap map)
        {
            var theta = new List<double>(Lengthscales.Select(v => Math.Log(v)));
            double[] phi = new double[Fidelity.ParameterCount];
            Fidelity.CopyTo(phi);
            theta.AddRange(phi);
            theta.Add(Math.Log(SignalVariance));
            if (Fidelity.HasBias)
            {
                theta.AddRange(BiasLengthscales.Select(v => Math.Log(v)));
            }

            Assert.Equal(new FidelityKernelFamily(map, Fidelity).Count, theta.Count);
            return [.. theta];
        }
    }
}
