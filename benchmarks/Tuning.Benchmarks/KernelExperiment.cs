using System.Runtime.Intrinsics;

namespace Tuning.Benchmarks;

internal static class KernelExperiment
{
    public static void Run(Func<Action, int, double> best)
    {
        const int n = 1000, d = 10;
        double[] x = ReferenceMatrices.Points(n, d);
        var zt = new double[n * d];
        for (int c = 0; c < d; c++) for (int j = 0; j < n; j++) zt[c * n + j] = x[j * d + c];
        var k = new double[n * n];
        foreach (int mode in new[] { 0, 1, 2, 3 })
        {
            Console.WriteLine($"mode {mode}: {best(() => Fill(zt, n, d, k, mode), 5):F3} ms");
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Fill(double[] ztArr, int n, int d, double[] kArr, int mode)
    {
        fixed (double* zt = ztArr, k = kArr)
        {
            for (int a = 0; a < n; a++)
            {
                double* row = k + a * n;
                for (int j = 0; j + 8 <= a; j += 8)
                {
                    Vector512<double> r2 = default;
                    for (int c = 0; c < d; c++)
                    {
                        var diff = Vector512.Load(zt + c * n + j) - Vector512.Create(zt[c * n + a]);
                        r2 = Vector512.MultiplyAddEstimate(diff, diff, r2);
                    }

                    Vector512<double> v = r2;
                    if (mode >= 1) v = Vector512.Sqrt(v * 5.0);
                    if (mode >= 2) v = Tuning.Numerics.VectorExp.Exp(-v);
                    if (mode >= 3) v = v * (v * 0.3 + Vector512<double>.One);
                    v.Store(row + j);
                }
            }
        }
    }
}
