using FsCheck.Xunit;
using Tuning.Numerics;

namespace Tuning.Tests.Numerics;

public class CholeskyFactorExtendTests
{
    [Property(MaxTest = 40, Replay = "(4242,1337)", Arbitrary = [typeof(NumericsArbitraries)])]
    public bool Extending_a_factor_equals_factoring_the_whole_matrix(SpdCase spd, int split)
    {
        int total = spd.N + 1;
        double[] whole = NumericsData.WellConditionedSpd(total, spd.Seed);

        // n old points, k new ones; k runs across the row-by-row / blocked threshold.
        int k = 1 + (int)((uint)split % (uint)Math.Min(total, 40));
        int n = total - k;
        (double[] old, double[] cross, double[] block) = Blocks(whole, total, n);

        var factor = new CholeskyFactor(capacity: n);
        if (!factor.TryFactor(old, n).IsSuccess || !factor.Extend(cross, block, k).IsSuccess || factor.Order != total)
        {
            return false;
        }

        double[] expected = (double[])whole.Clone();
        return Cholesky.Factor(expected, total, total).IsSuccess
            && NumericsData.LowerDifference(factor.ToArray(), total, expected, total, total) <= 1e-12;
    }

    [Fact]
    public void Repeated_extensions_compose_and_grow_the_capacity()
    {
        const int total = 120;
        double[] whole = NumericsData.WellConditionedSpd(total, 17);
        (double[] old, double[] _, double[] _) = Blocks(whole, total, 50);
        var factor = new CholeskyFactor(capacity: 60);
        Assert.True(factor.TryFactor(old, 50).IsSuccess);

        // Two extensions (30, then 40 rows; the second outgrows the capacity) equal one factorization.
        (double[] _, double[] cross1, double[] block1) = Blocks(Leading(whole, total, 80), 80, 50);
        Assert.True(factor.Extend(cross1, block1, 30).IsSuccess);
        (double[] _, double[] cross2, double[] block2) = Blocks(whole, total, 80);
        Assert.True(factor.Extend(cross2, block2, 40).IsSuccess);
        Assert.Equal(total, factor.Order);
        Assert.True(factor.Capacity >= total);

        double[] expected = (double[])whole.Clone();
        Assert.True(Cholesky.Factor(expected, total, total).IsSuccess);
        Assert.True(NumericsData.LowerDifference(factor.ToArray(), total, expected, total, total) <= 1e-12);
    }

    [Fact]
    public void Extending_a_jittered_factor_adds_the_same_jitter_to_the_new_diagonal()
    {
        const int total = 40, n = 30;
        double[] whole = NumericsData.KernelSpd(total, 5);
        var jitteredWhole = (double[])whole.Clone();
        for (int i = 0; i < total; i++)
        {
            jitteredWhole[(i * total) + i] += 1e-3;
        }

        // Jitter added by hand to the whole matrix: extension then matches the jittered factorization.
        var factor = new CholeskyFactor(total);
        (double[] old, double[] cross, double[] block) = Blocks(jitteredWhole, total, n);
        Assert.True(factor.TryFactor(old, n).IsSuccess);
        Assert.True(factor.Extend(cross, block, total - n).IsSuccess);
        double[] expected = (double[])jitteredWhole.Clone();
        Assert.True(Cholesky.Factor(expected, total, total).IsSuccess);
        Assert.True(NumericsData.LowerDifference(factor.ToArray(), total, expected, total, total) <= 1e-9);

        // And through the jitter helper: a singular matrix gets jitter, and Extend keeps adding it.
        var singular = new double[total * total];
        singular.AsSpan().Fill(1.0);
        (double[] sOld, double[] sCross, double[] sBlock) = Blocks(singular, total, n);
        var jittered = new CholeskyFactor(total);
        CholeskyResult result = jittered.TryFactorWithJitter(sOld, n);
        Assert.True(result.IsSuccess);
        Assert.True(result.Jitter > 0);
        Assert.True(jittered.Extend(sCross, sBlock, total - n).IsSuccess);
        double[] sExpected = (double[])singular.Clone();
        for (int i = 0; i < total; i++)
        {
            sExpected[(i * total) + i] += result.Jitter;
        }

        Assert.True(NumericsData.ReconstructionError(jittered.ToArray(), total, sExpected, total) <= 1e-12);
    }

    [Fact]
    public void A_failed_extension_leaves_the_factor_as_it_was()
    {
        const int total = 30, n = 20;
        double[] whole = NumericsData.WellConditionedSpd(total, 9);
        (double[] old, double[] cross, double[] block) = Blocks(whole, total, n);
        block[(3 * (total - n)) + 3] = -5;
        Assert.True(CholeskyFactor.TryCreate(old, n, out CholeskyFactor? factor).IsSuccess);
        double[] before = factor!.ToArray();
        CholeskyResult result = factor.Extend(cross, block, total - n);
        Assert.Equal(CholeskyStatus.NotPositiveDefinite, result.Status);
        Assert.Equal(n + 3, result.Column);
        Assert.Equal(n, factor.Order);
        Assert.Equal(before, factor.ToArray());
    }

    [Fact]
    public void Truncating_drops_fantasy_rows()
    {
        const int total = 50;
        double[] whole = NumericsData.WellConditionedSpd(total, 3);
        Assert.True(CholeskyFactor.TryCreate(whole, total, out CholeskyFactor? factor).IsSuccess);
        factor!.Truncate(20);
        double[] leading = Leading(whole, total, 20);
        Assert.True(Cholesky.Factor(leading, 20, 20).IsSuccess);
        Assert.Equal(20, factor.Order);
        Assert.True(NumericsData.LowerDifference(factor.ToArray(), 20, leading, 20, 20) <= 1e-15);
    }

    /// <summary>Splits a total×total matrix at n into the leading block, the n×k cross block and the k×k trailing block.</summary>
    private static (double[] Old, double[] Cross, double[] Block) Blocks(double[] whole, int total, int n)
    {
        int k = total - n;
        var old = new double[n * n];
        var cross = new double[n * k];
        var block = new double[k * k];
        for (int i = 0; i < total; i++)
        {
            for (int j = 0; j < total; j++)
            {
                double v = whole[(i * total) + j];
                if (i < n && j < n)
                {
                    old[(i * n) + j] = v;
                }
                else if (i < n)
                {
                    cross[(i * k) + (j - n)] = v;
                }
                else if (j >= n)
                {
                    block[((i - n) * k) + (j - n)] = v;
                }
            }
        }

        return (old, cross, block);
    }

    private static double[] Leading(double[] whole, int total, int n)
    {
        var leading = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            whole.AsSpan(i * total, n).CopyTo(leading.AsSpan(i * n));
        }

        return leading;
    }
}
