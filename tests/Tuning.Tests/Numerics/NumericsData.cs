using FsCheck;
using FsCheck.Fluent;
using Tuning.Numerics;

namespace Tuning.Tests.Numerics;

/// <summary>A random symmetric positive-definite test matrix, described by what makes it.</summary>
/// <param name="N">Order, 1..300.</param>
/// <param name="Seed">Seed of the matrix entries.</param>
/// <param name="IllConditioned">Whether the matrix is a nearly singular kernel matrix (condition ~1e6..1e10) rather than GGᵀ/n + I.</param>
public sealed record SpdCase(int N, int Seed, bool IllConditioned)
{
    public double[] Matrix() => IllConditioned ? NumericsData.KernelSpd(N, Seed) : NumericsData.WellConditionedSpd(N, Seed);
}

/// <summary>FsCheck generators for the numerics properties.</summary>
public static class NumericsArbitraries
{
    public static Arbitrary<SpdCase> SpdCase() =>
        (from n in Gen.Choose(1, 300)
         from seed in Gen.Choose(0, int.MaxValue)
         from ill in Gen.Elements(false, true)
         select new SpdCase(n, seed, ill)).ToArbitrary();
}

/// <summary>Fixed-seed matrices and helpers shared by the numerics tests.</summary>
internal static class NumericsData
{
    /// <summary>GGᵀ/n + I with G standard normal: eigenvalues in about [1, 5].</summary>
    public static double[] WellConditionedSpd(int n, int seed)
    {
        var random = new Random(seed);
        double[] g = Normal(random, n * n);
        var k = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int p = 0; p < n; p++)
                {
                    s += g[(i * n) + p] * g[(j * n) + p];
                }

                k[(i * n) + j] = k[(j * n) + i] = (s / n) + (i == j ? 1.0 : 0.0);
            }
        }

        return k;
    }

    /// <summary>A squared-exponential kernel matrix of points in the unit square with lengthscale 0.5 and 1e-8 noise: badly conditioned like a real GP.</summary>
    public static double[] KernelSpd(int n, int seed)
    {
        var random = new Random(seed);
        double[] x = Uniform(random, n * 2, 0, 1);
        var k = new double[n * n];
        KernelMatrixScalar.Symmetric(KernelKind.SquaredExponential, x, n, 2, [0.5, 0.5], 1.0, k);
        for (int i = 0; i < n; i++)
        {
            k[(i * n) + i] += 1e-8;
        }

        return k;
    }

    public static double[] Uniform(Random random, int count, double low, double high)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = low + ((high - low) * random.NextDouble());
        }

        return values;
    }

    public static double[] Normal(Random random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            // Box–Muller.
            double u = 1.0 - random.NextDouble();
            values[i] = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        return values;
    }

    /// <summary>Returns max |L·Lᵀ − K| / max |K| over the lower triangle, L read from the lower triangle of <paramref name="l"/>.</summary>
    public static double ReconstructionError(double[] l, int stride, double[] k, int n)
    {
        double maxError = 0, maxK = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int p = 0; p <= j; p++)
                {
                    s += l[(i * stride) + p] * l[(j * stride) + p];
                }

                maxError = Math.Max(maxError, Math.Abs(s - k[(i * n) + j]));
                maxK = Math.Max(maxK, Math.Abs(k[(i * n) + j]));
            }
        }

        return maxError / maxK;
    }

    /// <summary>Returns max |a − b| / max(max |b|, tiny) over the first <paramref name="count"/> entries.</summary>
    public static double RelativeDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int count)
    {
        double diff = 0, scale = 1e-300;
        for (int i = 0; i < count; i++)
        {
            diff = Math.Max(diff, Math.Abs(a[i] - b[i]));
            scale = Math.Max(scale, Math.Abs(b[i]));
        }

        return diff / scale;
    }

    /// <summary>Returns max |a − b| / max |b| over the lower triangles of two n×n matrices with the given strides.</summary>
    public static double LowerDifference(double[] a, int strideA, double[] b, int strideB, int n)
    {
        double diff = 0, scale = 1e-300;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                diff = Math.Max(diff, Math.Abs(a[(i * strideA) + j] - b[(i * strideB) + j]));
                scale = Math.Max(scale, Math.Abs(b[(i * strideB) + j]));
            }
        }

        return diff / scale;
    }
}
