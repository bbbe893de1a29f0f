using Tuning.Numerics;

namespace Tuning.Tests.Numerics;

public class KernelGradientTests
{
    [Theory]
    [MemberData(nameof(KernelMatrixTests.KindsAndWidths), MemberType = typeof(KernelMatrixTests))]
    public void Matches_scalar_twin_for_every_length_around_the_vector_width(int kindValue, int widthValue)
    {
        var kind = (KernelKind)kindValue;
        var width = (SimdWidth)widthValue;
        var random = new Random(21);
        foreach (int d in new[] { 1, 4 })
        {
            for (int n = 0; n <= 26; n++)
            {
                double[] x = NumericsData.Uniform(random, n * d, -1, 1);
                double[] lengthscales = NumericsData.Uniform(random, d, 0.3, 2);
                double[] w = RandomSymmetric(random, n);
                var simd = new double[d];
                var scalar = new double[d];
                double simdSignal = KernelGradient.LogHyperparameterGradient(kind, x, n, d, lengthscales, 1.4, w, simd, width);
                double scalarSignal = KernelMatrixScalar.LogHyperparameterGradient(kind, x, n, d, lengthscales, 1.4, w, scalar);
                for (int c = 0; c < d; c++)
                {
                    Assert.True(Math.Abs(simd[c] - scalar[c]) <= 1e-12 * (1 + Math.Abs(scalar[c])), $"n={n} d={d} c={c}: {simd[c]} vs {scalar[c]}");
                }

                Assert.True(Math.Abs(simdSignal - scalarSignal) <= 1e-12 * (1 + Math.Abs(scalarSignal)), $"n={n}: {simdSignal} vs {scalarSignal}");
            }
        }
    }

    [Theory]
    [InlineData((int)KernelKind.Matern52)]
    [InlineData((int)KernelKind.SquaredExponential)]
    public void Matches_central_finite_differences_of_half_trace_W_K(int kindValue)
    {
        // F(θ) = ½ Σ_ab W_ab K_ab(θ) for a fixed symmetric W: its gradient is exactly what the code accumulates.
        var kind = (KernelKind)kindValue;
        var random = new Random(22);
        const int n = 40, d = 5;
        double[] x = NumericsData.Uniform(random, n * d, 0, 1);
        double[] lengthscales = NumericsData.Uniform(random, d, 0.2, 1.5);
        double[] w = RandomSymmetric(random, n);
        const double sigma2 = 0.8;
        var gradient = new double[d];
        double signalGradient = KernelGradient.LogHyperparameterGradient(kind, x, n, d, lengthscales, sigma2, w, gradient);

        double F(double[] ls, double s2)
        {
            var k = new double[n * n];
            KernelMatrix.Symmetric(kind, x, n, d, ls, s2, k);
            double sum = 0;
            for (int i = 0; i < n * n; i++)
            {
                sum += w[i] * k[i];
            }

            return 0.5 * sum;
        }

        const double h = 1e-5;
        for (int c = 0; c < d; c++)
        {
            double[] plus = (double[])lengthscales.Clone(), minus = (double[])lengthscales.Clone();
            plus[c] *= Math.Exp(h);
            minus[c] *= Math.Exp(-h);
            double fd = (F(plus, sigma2) - F(minus, sigma2)) / (2 * h);
            Assert.True(Math.Abs(fd - gradient[c]) <= 1e-6 * (1 + Math.Abs(fd)), $"c={c}: analytic {gradient[c]} vs finite difference {fd}");
        }

        double fdSignal = (F(lengthscales, sigma2 * Math.Exp(h)) - F(lengthscales, sigma2 * Math.Exp(-h))) / (2 * h);
        Assert.True(Math.Abs(fdSignal - signalGradient) <= 1e-6 * (1 + Math.Abs(fdSignal)), $"σ²: analytic {signalGradient} vs finite difference {fdSignal}");
    }

    [Theory]
    [InlineData((int)KernelKind.Matern52)]
    [InlineData((int)KernelKind.SquaredExponential)]
    public void Log_marginal_likelihood_gradient_matches_finite_differences(int kindValue)
    {
        // The way the GP uses it: W = ααᵀ − K⁻¹ from the factor, L = −½yᵀα − ½log|K| − n/2·log 2π.
        var kind = (KernelKind)kindValue;
        var random = new Random(23);
        const int n = 30, d = 3;
        const double noise = 1e-2;
        double[] x = NumericsData.Uniform(random, n * d, 0, 1);
        double[] y = NumericsData.Normal(random, n);
        double[] lengthscales = [0.3, 0.6, 1.2];
        const double sigma2 = 1.3;

        double LogLikelihood(double[] ls, double s2, out double[] alpha, out CholeskyFactor factor)
        {
            var k = new double[n * n];
            KernelMatrix.Symmetric(kind, x, n, d, ls, s2, k);
            for (int i = 0; i < n; i++)
            {
                k[(i * n) + i] += noise;
            }

            Assert.True(CholeskyFactor.TryCreate(k, n, out CholeskyFactor? f).IsSuccess);
            factor = f!;
            alpha = factor.Solve(y);
            double fit = 0;
            for (int i = 0; i < n; i++)
            {
                fit += y[i] * alpha[i];
            }

            return (-0.5 * fit) - (0.5 * factor.LogDeterminant) - (0.5 * n * Math.Log(2 * Math.PI));
        }

        LogLikelihood(lengthscales, sigma2, out double[] a, out CholeskyFactor chol);
        double[] w = chol.Inverse();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                w[(i * n) + j] = (a[i] * a[j]) - w[(i * n) + j];
            }
        }

        var gradient = new double[d];
        double signalGradient = KernelGradient.LogHyperparameterGradient(kind, x, n, d, lengthscales, sigma2, w, gradient);
        const double h = 1e-5;
        for (int c = 0; c < d; c++)
        {
            double[] plus = (double[])lengthscales.Clone(), minus = (double[])lengthscales.Clone();
            plus[c] *= Math.Exp(h);
            minus[c] *= Math.Exp(-h);
            double fd = (LogLikelihood(plus, sigma2, out _, out _) - LogLikelihood(minus, sigma2, out _, out _)) / (2 * h);
            Assert.True(Math.Abs(fd - gradient[c]) <= 1e-5 * (1 + Math.Abs(fd)), $"c={c}: analytic {gradient[c]} vs finite difference {fd}");
        }

        double fdSignal = (LogLikelihood(lengthscales, sigma2 * Math.Exp(h), out _, out _) - LogLikelihood(lengthscales, sigma2 * Math.Exp(-h), out _, out _)) / (2 * h);
        Assert.True(Math.Abs(fdSignal - signalGradient) <= 1e-5 * (1 + Math.Abs(fdSignal)), $"σ²: analytic {signalGradient} vs finite difference {fdSignal}");
    }

    private static double[] RandomSymmetric(Random random, int n)
    {
        var w = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                w[(i * n) + j] = w[(j * n) + i] = (2 * random.NextDouble()) - 1;
            }
        }

        return w;
    }
}
