using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using Tuning.Numerics;

namespace Tuning.Benchmarks;

/// <summary>Stopwatch best-of-N timings for quick tuning runs (`-- quick`); the reported numbers come from BenchmarkDotNet.</summary>
internal static class QuickTiming
{
    public static void Run(string[] args)
    {
        int[] sizes = args.Length > 1 ? args[1].Split(',').Select(int.Parse).ToArray() : [50, 100, 200, 500, 1000, 2000];
        bool mathNet = args.Contains("mathnet");
        bool parallel = args.Contains("parallel");
        foreach (int n in sizes)
        {
            double[] k = ReferenceMatrices.Kernel(n);
            double[] a = new double[k.Length];
            int reps = Math.Max(5, (int)(4e8 / ((double)n * n * n)));
            double best = double.MaxValue;
            for (int r = 0; r < reps; r++)
            {
                k.CopyTo(a, 0);
                long t = Stopwatch.GetTimestamp();
                CholeskyResult result = Cholesky.Factor(a, n, n, parallel);
                double ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException(result.ToString());
                }

                best = Math.Min(best, ms);
            }

            double[] check = (double[])k.Clone();
            CholeskyScalar.Factor(check, n, n);
            double maxDiff = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    maxDiff = Math.Max(maxDiff, Math.Abs(check[(i * n) + j] - a[(i * n) + j]));
                }
            }

            string line = $"maxdiff {maxDiff:E2} " + $"n={n} tuning {best:F4} ms {(double)n * n * n / 3 / (best * 1e-3) / 1e9:F2} GFLOP/s";
            if (mathNet && n <= 1000)
            {
                Matrix<double> m = Matrix<double>.Build.Dense(n, n, (i, j) => k[(i * n) + j]);
                double bestM = double.MaxValue;
                for (int r = 0; r < 3; r++)
                {
                    long t = Stopwatch.GetTimestamp();
                    _ = m.Cholesky();
                    bestM = Math.Min(bestM, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }

                line += $"  mathnet {bestM:F3} ms";
            }

            Console.WriteLine(line);
        }
    }
}
