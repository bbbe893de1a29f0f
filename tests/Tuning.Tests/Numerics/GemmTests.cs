using Tuning.Numerics;

namespace Tuning.Tests.Numerics;

public class GemmTests
{
    [Fact]
    public void Matches_the_reference_product_for_every_shape_transpose_and_triangle()
    {
        var random = new Random(5);
        int[] sizes = [1, 5, 6, 7, 8, 9, 17, 50];
        foreach (int m in sizes)
        {
            foreach (int n in sizes)
            {
                foreach (int k in new[] { 1, 8, 33 })
                {
                    for (int flags = 0; flags < 8; flags++)
                    {
                        bool aT = (flags & 1) != 0, bT = (flags & 2) != 0, lower = (flags & 4) != 0;
                        Check(random, m, n, k, aT, bT, lower);
                    }
                }
            }
        }
    }

    [Fact]
    public void Matches_the_reference_product_across_the_cache_blocks()
    {
        // Inner dimension past KC, rows past MC, columns past NC: every blocking loop takes more than one trip.
        var random = new Random(6);
        Check(random, Gemm.MC + 7, 19, Gemm.KC + 5, aTransposed: false, bTransposed: true, lowerOnly: false);
        Check(random, Gemm.MC + 13, Gemm.MC + 13, Gemm.KC + 1, aTransposed: false, bTransposed: true, lowerOnly: true);
        Check(random, 7, Gemm.NC + 9, 3, aTransposed: true, bTransposed: false, lowerOnly: false);
    }

    private static void Check(Random random, int m, int n, int k, bool aTransposed, bool bTransposed, bool lowerOnly)
    {
        int lda = (aTransposed ? m : k) + 3, ldb = (bTransposed ? k : n) + 2, ldc = n + 1;
        double[] a = NumericsData.Normal(random, (aTransposed ? k : m) * lda);
        double[] b = NumericsData.Normal(random, (bTransposed ? n : k) * ldb);
        double[] c = NumericsData.Normal(random, m * ldc);
        double[] expected = (double[])c.Clone();
        Gemm.MultiplySubtract(c, ldc, m, n, k, a, lda, aTransposed, b, ldb, bTransposed, lowerOnly);
        Gemm.MultiplySubtract(expected, ldc, m, n, k, a, lda, aTransposed, b, ldb, bTransposed, lowerOnly, reference: true);

        for (int i = 0; i < c.Length; i++)
        {
            Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-12 * (1 + k), $"m={m} n={n} k={k} aT={aTransposed} bT={bTransposed} lower={lowerOnly} at {i}: {c[i]} vs {expected[i]}");
        }
    }
}
