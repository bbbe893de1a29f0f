using System.Diagnostics;
using System.Globalization;

namespace Tuning.StorageBenchmarks;

/// <summary>
/// Times opening a study of many finished trials (each with 3 reports and an attribute): once in a fresh process
/// (what a restarted worker pays, JIT included), then the median of 5 more opens in that process; and the time to
/// export the opened study as JSON.
/// </summary>
internal static class OpenBenchmark
{
    public static (double ColdMs, double WarmMs, double ExportMs) Measure(string kind, string folder, int trials)
    {
        string target = BenchmarkStorage.NewTarget(kind, folder);
        try
        {
            using (var lifetime = (IDisposable)BenchmarkStorage.Open(kind, target))
            {
                var storage = (IStudyStorage)lifetime;
                Study.Create(storage, "bench", BenchmarkStorage.Space, BenchmarkStorage.Metrics);
                BenchmarkStorage.Prefill(storage, trials);
            }

            using Process child = AskTellBenchmark.StartChild("--open-child", kind, target, trials.ToString(CultureInfo.InvariantCulture));
            string line = AskTellBenchmark.Expect(child, "OPEN ");
            child.WaitForExit();
            string[] parts = line[5..].Split(' ');
            return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        finally
        {
            BenchmarkStorage.Drop(kind, target);
        }
    }

    /// <summary>The child: opens the study cold, then five more times warm.</summary>
    public static int RunChild(string kind, string target, int trials)
    {
        double Open()
        {
            var clock = Stopwatch.StartNew();
            using var lifetime = (IDisposable)BenchmarkStorage.Open(kind, target);
            Study study = Study.Open((IStudyStorage)lifetime, "bench");
            if (study.Trials.Count != trials || study.BestTrial is null)
            {
                throw new InvalidOperationException("The study did not open with every trial.");
            }

            return clock.Elapsed.TotalMilliseconds;
        }

        double cold = Open();
        double[] warm = [.. Enumerable.Range(0, 5).Select(_ => Open()).Order()];
        using var lifetime = (IDisposable)BenchmarkStorage.Open(kind, target);
        Study study = Study.Open((IStudyStorage)lifetime, "bench");
        var clock = Stopwatch.StartNew();
        int length = study.ToJson().Length;
        double export = clock.Elapsed.TotalMilliseconds;
        Console.Error.WriteLine($"exported {length} characters");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OPEN {cold:F1} {warm[2]:F1} {export:F1}"));
        return 0;
    }
}
