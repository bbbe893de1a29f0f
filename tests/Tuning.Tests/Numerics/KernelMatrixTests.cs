using FsCheck.Xunit;
using Tuning.Numerics;

namespace Tuning.Tests.Numerics;

public class KernelMatrixTests
{
    // Enum values travel as ints: the enums are internal and xunit theory parameters must be public.
    public static TheoryData<int, int> KindsAndWidths()
    {
        var data = new TheoryData<int, int>();
        foreach (KernelKind kind in Enum.GetValues<KernelKind>())
        {
            foreach (SimdWidth width in Enum.GetValues<SimdWidth>())
            {
                data.Add((int)kind, (int)width);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndWidths))]
    public void Symmetric_matches_scalar_twin_for_every_length_around_the_vector_width(int kindValue, int widthValue)
    {
        var kind = (KernelKind)kindValue;
        var width = (SimdWidth)widthValue;
        var random = new Random(11);
        foreach (int d in new[] { 1, 3, 10 })
        {
            // Row a of the lower triangle has length a, so n up to 3·8 + 2 covers every tail of every width.
            for (int n = 0; n <= 26; n++)
            {
                double[] x = NumericsData.Uniform(random, n * d, -2, 2);
                double[] lengthscales = NumericsData.Uniform(random, d, 0.3, 3);
                double sigma2 = 0.5 + random.NextDouble();
                var simd = new double[n * n];
                var scalar = new double[n * n];
                KernelMatrix.Symmetric(kind, x, n, d, lengthscales, sigma2, simd, width);
                KernelMatrixScalar.Symmetric(kind, x, n, d, lengthscales, sigma2, scalar);
                for (int i = 0; i < n * n; i++)
                {
                    Assert.True(Math.Abs(simd[i] - scalar[i]) <= 1e-14 * sigma2, $"n={n} d={d} entry {i}: {simd[i]} vs {scalar[i]}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndWidths))]
    public void Cross_matches_scalar_twin_for_every_length_around_the_vector_width(int kindValue, int widthValue)
    {
        var kind = (KernelKind)kindValue;
        var width = (SimdWidth)widthValue;
        var random = new Random(12);
        const int d = 4;
        double[] lengthscales = [0.5, 1, 2, 0.7];
        for (int m = 0; m <= 5; m++)
        {
            for (int n = 0; n <= 25; n++)
            {
                double[] rows = NumericsData.Uniform(random, m * d, 0, 1);
                double[] columns = NumericsData.Uniform(random, n * d, 0, 1);
                var simd = new double[m * n];
                var scalar = new double[m * n];
                KernelMatrix.Cross(kind, rows, m, columns, n, d, lengthscales, 2.0, simd, width);
                KernelMatrixScalar.Cross(kind, rows, m, columns, n, d, lengthscales, 2.0, scalar);
                Assert.True(NumericsData.RelativeDifference(simd, scalar, m * n) <= 1e-14, $"m={m} n={n}");
            }
        }
    }

    [Property(MaxTest = 30, Replay = "(1234567,7654321)")]
    public bool Symmetric_matches_scalar_twin_on_random_point_sets(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(1, 120);
        int d = random.Next(1, 12);
        KernelKind kind = random.Next(2) == 0 ? KernelKind.Matern52 : KernelKind.SquaredExponential;
        double[] x = NumericsData.Uniform(random, n * d, -3, 3);
        double[] lengthscales = NumericsData.Uniform(random, d, 0.05, 5);
        var simd = new double[n * n];
        var scalar = new double[n * n];
        KernelMatrix.Symmetric(kind, x, n, d, lengthscales, 1.3, simd);
        KernelMatrixScalar.Symmetric(kind, x, n, d, lengthscales, 1.3, scalar);
        return NumericsData.RelativeDifference(simd, scalar, n * n) <= 1e-14;
    }

    [Fact]
    public void Symmetric_is_exactly_symmetric_with_the_signal_variance_on_the_diagonal()
    {
        var random = new Random(3);
        const int n = 37, d = 5;
        double[] x = NumericsData.Uniform(random, n * d, -1, 1);
        var k = new double[n * n];
        KernelMatrix.Symmetric(KernelKind.Matern52, x, n, d, [1, 2, 3, 4, 5], 1.7, k);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(1.7, k[(i * n) + i]);
            for (int j = 0; j < i; j++)
            {
                Assert.Equal(k[(i * n) + j], k[(j * n) + i]);
                Assert.InRange(k[(i * n) + j], 0.0, 1.7);
            }
        }
    }

    [Theory]
    [InlineData((int)KernelKind.Matern52)]
    [InlineData((int)KernelKind.SquaredExponential)]
    public void Values_match_the_closed_forms_at_unit_scaled_distance(int kindValue)
    {
        var kind = (KernelKind)kindValue;
        // Points 2 apart with lengthscale 2: r = 1.
        double[] x = [0.0, 2.0];
        var k = new double[4];
        KernelMatrix.Symmetric(kind, x, 2, 1, [2.0], 3.0, k);
        double s5 = Math.Sqrt(5);
        double expected = kind == KernelKind.Matern52 ? 3.0 * (1 + s5 + (5.0 / 3.0)) * Math.Exp(-s5) : 3.0 * Math.Exp(-0.5);
        Assert.Equal(expected, k[1], 14);
    }

    [Fact]
    public void Invalid_hyperparameters_are_rejected()
    {
        var k = new double[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelMatrix.Symmetric(KernelKind.Matern52, [0.0, 1.0], 2, 1, [0.0], 1.0, k));
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelMatrix.Symmetric(KernelKind.Matern52, [0.0, 1.0], 2, 1, [1.0], double.NaN, k));
        Assert.Throws<ArgumentException>(() => KernelMatrix.Symmetric(KernelKind.Matern52, [0.0, 1.0], 2, 1, [1.0, 1.0], 1.0, k));
    }
}
