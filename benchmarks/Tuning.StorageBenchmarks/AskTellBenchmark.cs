using System.Diagnostics;
using System.Globalization;

namespace Tuning.StorageBenchmarks;

/// <summary>
/// Runs <c>workers</c> worker processes that together ask and tell <c>trials</c> trials of one fresh study (after
/// <c>prefill</c> finished trials, when given), and reports the percentiles of the per-trial storage overhead (each
/// worker's first <see cref="Warmup"/> trials, which pay for JIT compilation and connection set-up, are left out).
/// </summary>
internal static class AskTellBenchmark
{
    public const int Warmup = 10;

    public static Result Measure(string kind, string folder, int workers, int trials, TrainingTime training, int prefill)
    {
        string target = BenchmarkStorage.NewTarget(kind, folder);
        try
        {
            using (var storage = (IDisposable)BenchmarkStorage.Open(kind, target))
            {
                Study.Create((IStudyStorage)storage, "bench", BenchmarkStorage.Space, BenchmarkStorage.Metrics);
                BenchmarkStorage.Prefill((IStudyStorage)storage, prefill);
            }

            var processes = new List<Process>();
            for (int w = 0; w < workers; w++)
            {
                int share = (trials / workers) + (w < trials % workers ? 1 : 0);
                processes.Add(StartChild(
                    "--child", kind, target, share.ToString(CultureInfo.InvariantCulture), w.ToString(CultureInfo.InvariantCulture), training.ToString()));
            }

            foreach (Process p in processes)
            {
                Expect(p, "READY");
            }

            double serverCpuBefore = ServerCpu.Milliseconds();
            var clock = Stopwatch.StartNew();
            foreach (Process p in processes)
            {
                p.StandardInput.WriteLine("GO");
                p.StandardInput.Flush();
            }

            var times = new List<double>();
            double clientCpu = 0;
            foreach (Process p in processes)
            {
                clientCpu += double.Parse(Expect(p, "CPU ")[4..], CultureInfo.InvariantCulture);
                string line = Expect(p, "TIMES ");
                times.AddRange(line[6..].Split(',', StringSplitOptions.RemoveEmptyEntries).Skip(Warmup).Select(s => double.Parse(s, CultureInfo.InvariantCulture)));
                p.WaitForExit();
                p.Dispose();
            }

            clock.Stop();
            double serverCpu = ServerCpu.Milliseconds() - serverCpuBefore;
            times.Sort();
            return new Result(
                kind, workers, prefill, trials, training, Percentile(times, 0.5), Percentile(times, 0.99), times[^1], trials / clock.Elapsed.TotalSeconds,
                clientCpu / trials, kind == "sqlite" ? 0 : serverCpu / trials);
        }
        finally
        {
            BenchmarkStorage.Drop(kind, target);
        }
    }

    public static Process StartChild(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(AskTellBenchmark).Assembly.Location);
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The worker did not start.");
    }

    public static string Expect(Process process, string prefix)
    {
        while (process.StandardOutput.ReadLine() is string line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"A worker ended without printing '{prefix}' (exit code {(process.HasExited ? process.ExitCode : -1)}).");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public sealed record Result(
        string Storage, int Workers, int Prefill, int Trials, TrainingTime Training, double P50Microseconds, double P99Microseconds, double MaxMicroseconds,
        double TrialsPerSecond, double ClientCpuMs, double ServerCpuMs)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"| {Storage,-8} | {Workers,7} | {Prefill,7} | {Trials,6} | {Training,8} | {P50Microseconds / 1000,8:F2} | {P99Microseconds / 1000,8:F2} | {MaxMicroseconds / 1000,8:F1} | {TrialsPerSecond,8:F1} | {ClientCpuMs,10:F2} | {ServerCpuMs,10:F2} |");
    }
}
