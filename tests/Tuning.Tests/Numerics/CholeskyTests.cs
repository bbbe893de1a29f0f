using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using Tuning.Numerics;

namespace Tuning.Tests.Numerics;

public class CholeskyTests
{
    private const string Seed = "(20260101,9182737)";

    [Property(MaxTest = 60, Replay = Seed, Arbitrary = [typeof(NumericsArbitraries)])]
    public bool Factor_reconstructs_the_matrix(SpdCase spd)
    {
        int n = spd.N;
        double[] k = spd.Matrix();
        double[] l = (double[])k.Clone();
        CholeskyResult result = Cholesky.Factor(l, n, n);
        return result.IsSuccess && NumericsData.ReconstructionError(l, n, k, n) <= 1e-13 * n;
    }

    [Property(MaxTest = 40, Replay = Seed, Arbitrary = [typeof(NumericsArbitraries)])]
    public bool Factor_matches_the_scalar_twin(SpdCase spd)
    {
        int n = spd.N;
        double[] k = spd.Matrix();
        double[] fast = (double[])k.Clone(), plain = (double[])k.Clone();
        bool bothSucceed = Cholesky.Factor(fast, n, n).IsSuccess && CholeskyScalar.Factor(plain, n, n).IsSuccess;

        // Forward error grows with the condition number; the well-conditioned ones must agree to rounding.
        double tolerance = spd.IllConditioned ? 1e-6 : 1e-13;
        return bothSucceed && NumericsData.LowerDifference(fast, n, plain, n, n) <= tolerance;
    }

    [Fact]
    public void Factor_matches_the_scalar_twin_at_every_size_around_the_tile_and_block_edges()
    {
        int[] sizes = [.. Enumerable.Range(0, 26), 31, 32, 33, 47, 48, 49, 63, 64, 65, 71, 72, 73, 95, 96, 97, 129, 257];
        foreach (int n in sizes)
        {
            double[] k = NumericsData.WellConditionedSpd(n, 100 + n);
            double[] fast = (double[])k.Clone(), plain = (double[])k.Clone();
            Assert.True(Cholesky.Factor(fast, n, Math.Max(n, 1)).IsSuccess);
            Assert.True(CholeskyScalar.Factor(plain, n, Math.Max(n, 1)).IsSuccess);
            Assert.True(NumericsData.LowerDifference(fast, n, plain, n, n) <= 1e-13, $"n={n}");
        }
    }

    [Fact]
    public void Factor_leaves_the_strict_upper_triangle_alone_and_honours_the_stride()
    {
        const int n = 150, stride = 163;
        double[] k = NumericsData.WellConditionedSpd(n, 5);
        var a = new double[n * stride];
        a.AsSpan().Fill(-7.5);
        for (int i = 0; i < n; i++)
        {
            k.AsSpan(i * n, n).CopyTo(a.AsSpan(i * stride));
        }

        Assert.True(Cholesky.Factor(a, n, stride).IsSuccess);
        Assert.True(NumericsData.ReconstructionError(a, stride, k, n) <= 1e-13 * n);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < stride; j++)
            {
                Assert.Equal(j < n ? k[(i * n) + j] : -7.5, a[(i * stride) + j]);
            }
        }
    }

    [Property(MaxTest = 40, Replay = Seed, Arbitrary = [typeof(NumericsArbitraries)])]
    public bool A_negative_pivot_is_reported_at_its_column(SpdCase spd, int where)
    {
        int n = spd.N;
        int column = (int)((uint)where % (uint)n);
        double[] k = spd.Matrix();

        // Leading principal blocks of an SPD matrix are SPD, so the factorization must get exactly to this column.
        k[(column * n) + column] = -1.0;
        double[] fast = (double[])k.Clone(), plain = (double[])k.Clone();
        CholeskyResult result = Cholesky.Factor(fast, n, n);
        CholeskyResult twin = CholeskyScalar.Factor(plain, n, n);
        return result == new CholeskyResult(CholeskyStatus.NotPositiveDefinite, column) && twin == result;
    }

    [Property(MaxTest = 60, Replay = Seed, Arbitrary = [typeof(NumericsArbitraries)])]
    public bool NaN_or_infinity_is_reported_never_returned(SpdCase spd, int where, int which)
    {
        int n = spd.N;
        int flat = (int)((uint)where % (uint)(n * n));
        int row = Math.Max(flat / n, flat % n), col = Math.Min(flat / n, flat % n);
        double bad = ((uint)which % 3) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => double.NegativeInfinity };
        double[] k = spd.Matrix();
        k[(row * n) + col] = k[(col * n) + row] = bad;
        double[] fast = (double[])k.Clone(), plain = (double[])k.Clone();
        CholeskyResult result = Cholesky.Factor(fast, n, n);
        CholeskyResult twin = CholeskyScalar.Factor(plain, n, n);
        return result == new CholeskyResult(CholeskyStatus.NonFinite, row) && twin == result;
    }

    [Fact]
    public void Infinity_on_the_diagonal_is_reported()
    {
        double[] k = NumericsData.WellConditionedSpd(40, 1);
        k[(39 * 40) + 39] = double.PositiveInfinity;
        Assert.Equal(new CholeskyResult(CholeskyStatus.NonFinite, 39), Cholesky.Factor(k, 40, 40));
    }

    [Fact]
    public void Jitter_escalates_from_1e_10_of_the_mean_diagonal_until_the_factor_succeeds()
    {
        // A rank-2 PSD matrix of order 60: singular, so the plain factorization fails.
        const int n = 60;
        var random = new Random(9);
        double[] b = NumericsData.Normal(random, n * 2);
        var k = new double[n * n];
        double trace = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                k[(i * n) + j] = (b[2 * i] * b[2 * j]) + (b[(2 * i) + 1] * b[(2 * j) + 1]);
            }

            trace += k[(i * n) + i];
        }

        Assert.False(CholeskyFactor.TryCreate(k, n, out CholeskyFactor? none).IsSuccess);
        Assert.Null(none);

        CholeskyResult result = CholeskyFactor.TryCreateWithJitter(k, n, out CholeskyFactor? factor);
        Assert.True(result.IsSuccess);
        Assert.NotNull(factor);
        double relative = result.Jitter / (trace / n);
        double steps = Math.Log10(relative / CholeskyFactor.InitialRelativeJitter);
        Assert.InRange(relative, 1e-10 * 0.999, 1e-2 * 1.001);
        Assert.Equal(Math.Round(steps), steps, 9);
        Assert.Equal(result.Jitter, factor.Jitter);

        // The factor is that of K + jitter·I.
        double[] jittered = (double[])k.Clone();
        for (int i = 0; i < n; i++)
        {
            jittered[(i * n) + i] += result.Jitter;
        }

        Assert.True(NumericsData.ReconstructionError(factor.ToArray(), n, jittered, n) <= 1e-12);
    }

    [Fact]
    public void Jitter_gives_up_at_the_maximum_and_does_not_retry_NaN()
    {
        const int n = 5;
        var negative = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            negative[(i * n) + i] = -1.0;
        }

        CholeskyResult result = CholeskyFactor.TryCreateWithJitter(negative, n, out CholeskyFactor? factor);
        Assert.Equal(CholeskyStatus.NotPositiveDefinite, result.Status);
        Assert.Null(factor);
        Assert.Equal(1e-2, result.Jitter, 12);

        double[] nan = NumericsData.WellConditionedSpd(n, 2);
        nan[2] = nan[2 * n] = double.NaN;
        result = CholeskyFactor.TryCreateWithJitter(nan, n, out factor);
        Assert.Equal(new CholeskyResult(CholeskyStatus.NonFinite, 2, 0.0), result);
        Assert.Null(factor);
    }

    [Fact]
    public void A_well_conditioned_matrix_gets_no_jitter()
    {
        double[] k = NumericsData.WellConditionedSpd(30, 4);
        CholeskyResult result = CholeskyFactor.TryCreateWithJitter(k, 30, out CholeskyFactor? factor);
        Assert.True(result.IsSuccess);
        Assert.Equal(0.0, result.Jitter);
        Assert.Equal(30, factor!.Order);
    }

    [Fact]
    public void Factor_matches_MathNet_on_the_reference_kernel_matrix()
    {
        const int n = 200;
        double[] k = NumericsData.KernelSpd(n, 77);
        Matrix<double> expected = Matrix<double>.Build.Dense(n, n, (i, j) => k[(i * n) + j]).Cholesky().Factor;
        Assert.True(CholeskyFactor.TryCreate(k, n, out CholeskyFactor? factor).IsSuccess);
        double[] l = factor!.ToArray();
        double[] mathNet = expected.ToRowMajorArray();
        Assert.True(NumericsData.LowerDifference(l, n, mathNet, n, n) <= 1e-6);
        Assert.True(NumericsData.ReconstructionError(l, n, k, n) <= 1e-13 * n);
    }

    [Fact]
    public void Two_threads_give_the_same_factor_as_one()
    {
        // Large enough that the block products pass the parallel threshold.
        const int n = 520;
        double[] k = NumericsData.KernelSpd(n, 31);
        double[] single = (double[])k.Clone(), both = (double[])k.Clone();
        Assert.True(Cholesky.Factor(single, n, n).IsSuccess);
        Assert.True(Cholesky.Factor(both, n, n, parallel: true).IsSuccess);
        Assert.Equal(single, both);

        double[] b = NumericsData.Normal(new Random(2), n * 64);
        double[] x1 = (double[])b.Clone(), x2 = (double[])b.Clone();
        TriangularSolve.SolveLowerMany(single, n, n, x1, 64);
        TriangularSolve.SolveLowerMany(single, n, n, x2, 64, parallel: true);
        Assert.Equal(x1, x2);
    }

    [Fact]
    public void Two_threads_give_the_same_inverse_as_one()
    {
        const int n = 300;
        Assert.True(CholeskyFactor.TryCreate(NumericsData.KernelSpd(n, 17), n, out CholeskyFactor? factor).IsSuccess);
        double[] single = factor!.Inverse();
        factor.UseParallelism = true;
        Assert.Equal(single, factor.Inverse());
    }

    [Fact]
    public void In_place_creation_wraps_the_callers_array()
    {
        const int n = 45;
        double[] k = NumericsData.WellConditionedSpd(n, 45);
        double[] a = (double[])k.Clone();
        Assert.True(CholeskyFactor.TryCreateInPlace(a, n, out CholeskyFactor? factor).IsSuccess);
        Assert.Equal(n, factor!.Order);
        Assert.Equal(n, factor.Capacity);
        Assert.Equal(a[(7 * n) + 3], factor[7, 3]);
        Assert.Equal(0.0, factor[3, 7]);
        Assert.True(NumericsData.ReconstructionError(a, n, k, n) <= 1e-13 * n);

        double[] bad = (double[])k.Clone();
        bad[(10 * n) + 10] = -1;
        CholeskyResult result = CholeskyFactor.TryCreateInPlace(bad, n, out CholeskyFactor? none);
        Assert.Equal(new CholeskyResult(CholeskyStatus.NotPositiveDefinite, 10), result);
        Assert.Null(none);
    }

    [Fact]
    public void Refactoring_reuses_the_storage_and_forgets_a_failure()
    {
        var factor = new CholeskyFactor(capacity: 80);
        double[] k = NumericsData.WellConditionedSpd(60, 60);
        double[] bad = (double[])k.Clone();
        bad[0] = double.NaN;
        Assert.Equal(CholeskyStatus.NonFinite, factor.TryFactor(bad, 60).Status);
        Assert.Equal(0, factor.Order);
        Assert.True(factor.TryFactor(k, 60).IsSuccess);
        Assert.Equal(60, factor.Order);
        Assert.Equal(80, factor.Capacity);
        Assert.True(NumericsData.ReconstructionError(factor.ToArray(), 60, k, 60) <= 1e-13 * 60);
    }
}
