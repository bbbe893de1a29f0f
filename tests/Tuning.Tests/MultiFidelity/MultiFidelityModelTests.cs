using MathNet.Numerics.LinearAlgebra;
using Tuning.Bayesian;
using Tuning.MultiFidelity;

namespace Tuning.Tests.MultiFidelity;

public class MultiFidelityModelTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 0, 1).Categorical("c", "x", "y").Build();

    public static TheoryData<string> Kernels => ["exponential", "tasks"];

    private static IFidelityKernel Kernel(string kind) => kind switch
    {
        "exponential" => new ExponentialDecayFidelityKernel().With([Math.Log(0.8), Math.Log(1.4), Math.Log(0.3), Math.Log(0.5)]),
        _ => new TaskFidelityKernel(3, target: 1).With([0.1, 0.6, -0.2, 0.3, 0.2, -0.4, Math.Log(0.4)]),
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

    private static MultiFidelityHyperparameters Hyper(string kind) =>
        new([0.4, 0.6, 0.9], Kernel(kind), 1.3, 1e-3, kind == "exponential" ? [1.1, 0.3, 2.0] : null);

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

    private static double Dense(FeatureMap map, MultiFidelityHyperparameters h, ReadOnlySpan<double> a, double sa, ReadOnlySpan<double> b, double sb)
    {
        double kx = Matern(map, h.Lengthscales, a, b), kb = Matern(map, h.BiasOrTargetLengthscales, a, b);
        return h.SignalVariance * ((kx * h.Fidelity.Scale(sa, sb)) + (kb * h.Fidelity.BiasScale(sa, sb)) + Offset(h.Fidelity, sa, sb));
    }

    /// <summary>The offset part k_o, read through the public form Covariance = k_x·k_s + k_b·k_β + k_o at k_x = k_b = 0.</summary>
    private static double Offset(IFidelityKernel kernel, double a, double b) => kernel.Covariance(0, 0, a, b);

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Joint_predictions_match_a_dense_computation(string kind)
    {
        var map = new FeatureMap(Space);
        int f = map.Columns, n = 14;
        (double[] x, double[] s, double[] y) = Data(map, kind, n, seed: 1);
        MultiFidelityHyperparameters h = Hyper(kind);
        MultiFidelityModel model = MultiFidelityModel.Create(map, h, x, s, y)!;
        Matrix<double> k = Matrix<double>.Build.Dense(n, n, (i, j) => Dense(map, h, x.AsSpan(i * f, f), s[i], x.AsSpan(j * f, f), s[j]) + (i == j ? h.NoiseVariance : 0));
        (double[] probe, double[] ps, _) = Data(map, kind, 6, seed: 2);
        double target = h.Fidelity.Target;
        double[] tm = new double[6], tv = new double[6], v = new double[1], lm = new double[1];
        var buffers = new MultiFidelityModel.BatchBuffers();
        model.PredictLevelMany(probe, 6, target, tm, tv, buffers);
        for (int j = 0; j < 6; j++)
        {
            double[] p = probe[(j * f)..((j + 1) * f)];
            Vector<double> a = Vector<double>.Build.Dense(n, i => Dense(map, h, p, ps[j], x.AsSpan(i * f, f), s[i]));
            Vector<double> b = Vector<double>.Build.Dense(n, i => Dense(map, h, p, target, x.AsSpan(i * f, f), s[i]));
            double mean = a * k.Solve(Vector<double>.Build.DenseOfArray(y));
            double targetMean = b * k.Solve(Vector<double>.Build.DenseOfArray(y));
            double variance = Dense(map, h, p, ps[j], p, ps[j]) - (a * k.Solve(a));
            double targetVariance = Dense(map, h, p, target, p, target) - (b * k.Solve(b));
            double covariance = Dense(map, h, p, ps[j], p, target) - (a * k.Solve(b));
            JointPrediction single = model.PredictJoint(p, ps[j], null);
            Assert.Equal(mean, single.Mean, 9);
            Assert.Equal(targetMean, single.TargetMean, 9);
            Assert.Equal(variance, single.Variance, 9);
            Assert.Equal(targetVariance, single.TargetVariance, 9);
            Assert.Equal(covariance, single.Covariance, 9);
            Assert.Equal(targetMean, tm[j], 9);
            Assert.Equal(targetVariance, tv[j], 9);
            model.PredictLevelMany(p, 1, ps[j], lm, v, buffers);
            Assert.Equal(mean, lm[0], 9);
            Assert.Equal(variance, v[0], 9);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Joint_prediction_gradients_match_finite_differences(string kind)
    {
        var map = new FeatureMap(Space);
        (double[] x, double[] s, double[] y) = Data(map, kind, 15, seed: 3);
        MultiFidelityModel model = MultiFidelityModel.Create(map, Hyper(kind), x, s, y)!;
        double[] point = [0.37, 0.61, 0, 0.7071067811865476];
        double fidelity = kind == "tasks" ? 2 : 0.42;
        var g = new JointGradient(map.Columns);
        model.PredictJoint(point, fidelity, g);
        const double E = 1e-6;
        for (int c = 0; c < 2; c++)
        {
            double[] up = (double[])point.Clone(), down = (double[])point.Clone();
            up[c] += E;
            down[c] -= E;
            JointPrediction pu = model.PredictJoint(up, fidelity, null), pd = model.PredictJoint(down, fidelity, null);
            Assert.Equal((pu.TargetMean - pd.TargetMean) / (2 * E), g.TargetMean[c], 5);
            Assert.Equal((pu.TargetVariance - pd.TargetVariance) / (2 * E), g.TargetVariance[c], 5);
            Assert.Equal((pu.Mean - pd.Mean) / (2 * E), g.Mean[c], 5);
            Assert.Equal((pu.Variance - pd.Variance) / (2 * E), g.Variance[c], 5);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void The_likelihood_gradient_matches_finite_differences(string kind)
    {
        var map = new FeatureMap(Space);
        (double[] x, double[] s, double[] y) = Data(map, kind, 16, seed: 4);
        IFidelityKernel kernel = Kernel(kind);
        var likelihood = new MultiFidelityLikelihood(x, s, y, map, kernel, 1e-6);
        int dimension = MultiFidelityHyperparameters.Count(map.Parameters, kernel);
        var random = new Random(5);
        double[] theta = [.. Enumerable.Range(0, dimension).Select(_ => (random.NextDouble() * 1.2) - 0.8)];
        theta[MultiFidelityHyperparameters.BiasIndex(map.Parameters, kernel) - 1] = Math.Log(0.01); // the noise
        double[] gradient = new double[dimension], scratch = new double[dimension];
        likelihood.Evaluate(theta, gradient);
        for (int i = 0; i < dimension; i++)
        {
            double[] up = (double[])theta.Clone(), down = (double[])theta.Clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            double numeric = (likelihood.Evaluate(up, scratch) - likelihood.Evaluate(down, scratch)) / 2e-6;
            Assert.True(Math.Abs(numeric - gradient[i]) < 1e-4 * Math.Max(1, Math.Abs(numeric)), $"θ[{i}]: analytic {gradient[i]}, numeric {numeric}");
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Appending_a_point_equals_conditioning_on_it_from_scratch(string kind)
    {
        var map = new FeatureMap(Space);
        int f = map.Columns;
        (double[] x, double[] s, double[] y) = Data(map, kind, 10, seed: 6);
        MultiFidelityHyperparameters h = Hyper(kind);
        MultiFidelityModel appended = MultiFidelityModel.Create(map, h, x[..(9 * f)], s[..9], y[..9])!;
        appended.Append(x.AsSpan(9 * f, f), s[9], y[9]);
        MultiFidelityModel full = MultiFidelityModel.Create(map, h, x, s, y)!;
        (double[] probe, double[] ps, _) = Data(map, kind, 4, seed: 7);
        for (int j = 0; j < 4; j++)
        {
            JointPrediction a = appended.PredictJoint(probe.AsSpan(j * f, f), ps[j], null), b = full.PredictJoint(probe.AsSpan(j * f, f), ps[j], null);
            Assert.Equal(b.TargetMean, a.TargetMean, 9);
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
                double[] up = (double[])phi.Clone(), down = (double[])phi.Clone();
                up[k] += E;
                down[k] -= E;
                Assert.Equal((kernel.With(up).Covariance(0.4, 0.7, a, b) - kernel.With(down).Covariance(0.4, 0.7, a, b)) / (2 * E), g[k], 6);
            }
        }

        Assert.Equal(1, kernel.Covariance(1, 0.6, 1, 0.3), 12);   // the bias vanishes at the target
    }

    [Fact]
    public void The_task_covariance_is_positive_definite_and_its_gradient_is_exact()
    {
        var kernel = (TaskFidelityKernel)new TaskFidelityKernel(3, 2).With([0.3, -1.2, 0.5, 0.7, -0.4, -0.9, -0.5]);
        Matrix<double> b = Matrix<double>.Build.Dense(3, 3, (i, j) => kernel.Scale(i, j));
        Assert.True(b.Evd().EigenValues.All(e => e.Real > 0));
        Assert.Equal(7, kernel.ParameterCount);
        double[] phi = new double[7], g = new double[7];
        kernel.CopyTo(phi);
        foreach ((int i, int j) in new[] { (2, 1), (1, 1), (2, 2) })
        {
            kernel.ParameterGradient(0.6, 0.2, i, j, g);
            for (int k = 0; k < 7; k++)
            {
                double[] up = (double[])phi.Clone(), down = (double[])phi.Clone();
                up[k] += 1e-6;
                down[k] -= 1e-6;
                Assert.Equal((kernel.With(up).Covariance(0.6, 0.2, i, j) - kernel.With(down).Covariance(0.6, 0.2, i, j)) / 2e-6, g[k], 6);
            }
        }

        Assert.Equal(Math.Exp(-0.5), kernel.Covariance(0, 0, 1, 1), 12);   // a proxy task's own shift
        Assert.Equal(0, kernel.Covariance(0, 0, 2, 2));                    // the target has none
    }
}
