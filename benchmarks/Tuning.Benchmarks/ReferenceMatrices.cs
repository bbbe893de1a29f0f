using Tuning.Numerics;

namespace Tuning.Benchmarks;

/// <summary>The SPD matrices of <c>shared/tools/lapack-reference/potrf.c</c>: X n×10 uniform in [−2, 2] from glibc
/// <c>srand(0)</c>, K = exp(−0.5‖x − x′‖²/4) + 1e-6·I (a squared-exponential kernel with ℓ = 2).</summary>
internal static class ReferenceMatrices
{
    public const int Dimensions = 10;

    public static double[] Points(int n, int d = Dimensions)
    {
        var random = new GlibcRandom(0);
        var x = new double[n * d];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (4.0 * random.Next() / GlibcRandom.RandMax) - 2;
        }

        return x;
    }

    public static double[] Kernel(int n)
    {
        double[] x = Points(n);
        var k = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int c = 0; c < Dimensions; c++)
                {
                    double z = x[(i * Dimensions) + c] - x[(j * Dimensions) + c];
                    s += z * z;
                }

                k[(i * n) + j] = Math.Exp(-0.5 * s / 4.0) + (i == j ? 1e-6 : 0);
            }
        }

        return k;
    }

    public static double[] Lengthscales(int d = Dimensions) => Enumerable.Repeat(2.0, d).ToArray();

    public static KernelKind Kind => KernelKind.SquaredExponential;
}
