using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using Tuning.Numerics;

namespace Tuning.Benchmarks;

/// <summary>Stopwatch best-of-N timings for quick tuning runs (`-- quick`); the reported numbers come from BenchmarkDotNet.</summary>
internal static class QuickTiming
{
    public static void Run(string[] args)
    {
        int[] sizes = args.Length > 1 && char.IsDigit(args[1][0]) ? args[1].Split(',').Select(int.Parse).ToArray() : [50, 100, 200, 500, 1000, 2000];
        bool mathNet = args.Contains("mathnet");
        bool parallel = args.Contains("parallel");
        bool wall = parallel || args.Contains("wall");
        foreach (string arg in args)
        {
            string[] kv = arg.Split('=');
            if (kv.Length != 2)
            {
                continue;
            }

            // The block sizes are read once, when their classes are first used, so they are set before any timing.
            string name = kv[0] switch
            {
                "base" => "Cholesky.BaseOrder",
                "trsm" => "Cholesky.TrsmBaseWidth",
                "mc" => "Gemm.MC",
                "kc" => "Gemm.KC",
                "nc" => "Gemm.NC",
                "solvebase" => "TriangularSolve.BaseOrder",
                _ => throw new ArgumentException(arg),
            };
            AppContext.SetData(BlockSize.Prefix + name, int.Parse(kv[1]));
        }

        Console.WriteLine($"block sizes: Gemm MC={Gemm.MC} KC={Gemm.KC} NC={Gemm.NC}, Cholesky base={Cholesky.BaseOrder} trsm={Cholesky.TrsmBaseWidth}, solve base={TriangularSolve.BaseOrder}");

        if (args.Contains("experiment"))
        {
            KernelExperiment.Run(Best);
            return;
        }

        if (args.Contains("others"))
        {
            s_wall = wall;
            Others();
            return;
        }

        foreach (int n in sizes)
        {
            double[] k = ReferenceMatrices.Kernel(n);
            double[] a = new double[k.Length];
            int reps = Math.Max(3, (int)(4e8 / ((double)n * n * n)));

            // Warm-up so the timed runs see optimized code, as a native binary does.
            k.CopyTo(a, 0);
            Cholesky.Factor(a, n, n, parallel);
            double best = double.MaxValue;
            for (int r = 0; r < reps; r++)
            {
                k.CopyTo(a, 0);
                // Wall clock, best of reps = 4e8/n³ (at least 3), exactly as potrf.c times dpotrf; or this thread's CPU time.
                double t = wall ? Stopwatch.GetTimestamp() * 1e3 / Stopwatch.Frequency : ThreadCpuMilliseconds();
                CholeskyResult result = Cholesky.Factor(a, n, n, parallel);
                double ms = (wall ? Stopwatch.GetTimestamp() * 1e3 / Stopwatch.Frequency : ThreadCpuMilliseconds()) - t;
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
            if (mathNet)
            {
                if (args.Contains("single"))
                {
                    MathNet.Numerics.Control.UseSingleThread();
                }

                Matrix<double> m = Matrix<double>.Build.Dense(n, n, (i, j) => k[(i * n) + j]);
                double bestM = double.MaxValue;
                for (int r = 0; r < Math.Min(reps, 20); r++)
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

    private static void Others()
    {
        const int n = 1000, d = 10, m = 2048;
        double[] x = ReferenceMatrices.Points(n, d);
        double[] ls = [0.5, 0.8, 1.0, 1.3, 1.6, 2.0, 2.5, 3.0, 4.0, 5.0];
        var k = new double[n * n];
        foreach (SimdWidth width in (SimdWidth[])[SimdWidth.Auto, SimdWidth.Auto, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512])
        {
            Console.WriteLine($"kernel {width} {Best(() => KernelMatrix.Symmetric(KernelKind.Matern52, x, n, d, ls, 1.0, k, width), 10):F3} ms");
        }

        Console.WriteLine($"mirror {Best(() => KernelMatrix.MirrorLowerToUpper(k, n), 5):F3} ms");
        Console.WriteLine($"kernel scalar {Best(() => KernelMatrixScalar.Symmetric(KernelKind.Matern52, x, n, d, ls, 1.0, k), 5):F3} ms");
        double[] l = ReferenceMatrices.Kernel(n);
        Cholesky.Factor(l, n, n);
        var random = new Random(2);
        double[] b = new double[n * m];
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = random.NextDouble();
        }

        double[] work = new double[b.Length];
        Console.WriteLine($"solve simd {Best(() => { b.CopyTo(work, 0); TriangularSolve.SolveLowerMany(l, n, n, work, m); }, 5):F3} ms");
        Console.WriteLine($"solve scalar {Best(() => { b.CopyTo(work, 0); TriangularSolveScalar.SolveLowerMany(l, n, n, work, m); }, 2):F3} ms");
        Console.WriteLine($"copy {Best(() => b.CopyTo(work, 0), 5):F3} ms");
    }

    private static bool s_wall;

    private static double Best(Action action, int reps)
    {
        if (s_wall)
        {
            double bestWall = double.MaxValue;
            for (int r = 0; r < reps; r++)
            {
                long t = Stopwatch.GetTimestamp();
                action();
                bestWall = Math.Min(bestWall, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            return bestWall;
        }

        double best = double.MaxValue;
        for (int r = 0; r < reps; r++)
        {
            double t = ThreadCpuMilliseconds();
            action();
            best = Math.Min(best, ThreadCpuMilliseconds() - t);
        }

        return best;
    }

    /// <summary>CPU time of this thread (CLOCK_THREAD_CPUTIME_ID): on a shared machine it leaves out time spent descheduled.</summary>
    private static double ThreadCpuMilliseconds()
    {
        _ = ClockGetTime(3, out Timespec t);
        return (t.Seconds * 1e3) + (t.Nanoseconds * 1e-6);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
