using System.Diagnostics;
using System.Globalization;
using Tuning;

namespace Tuning.StorageBenchmarks;

/// <summary>
/// Times opening a study of many finished trials (each with 3 reports and an attribute): once in a fresh process
/// (what a restarted worker pays, JIT included), then the median of 5 more opens in that process; and the time to
/// export the opened study as JSON.
/// </summary>
internal static class OpenBenchmark
{
    public static (double ColdMs, double WarmMs, double ExportMs) Measure(string kind, string folder, string? connectionString, int trials)
    {
        string target = BenchmarkStorage.NewTarget(kind, folder, connectionString);
        try
        {
            using (var lifetime = (IDisposable)BenchmarkStorage.Open(kind, target))
            {
                var storage = (IStudyStorage)lifetime;
                Study.Create(storage, "bench", BenchmarkStorage.Space, BenchmarkStorage.Metrics);
                long id = storage.FindStudy("bench")!.Id;
                var random = new Random(1);
                DateTimeOffset t0 = DateTimeOffset.UtcNow;
                for (int done = 0; done < trials; done += 1000)
                {
                    storage.ImportTrials(id, [.. Enumerable.Range(done, Math.Min(1000, trials - done)).Select(n => new StoredTrial
                    {
                        Number = n,
                        State = TrialState.Completed,
                        Parameters = string.Create(
                            CultureInfo.InvariantCulture,
                            $"{{\"learning_rate\":{Math.Pow(10, -5 + (4 * random.NextDouble())):R},\"dropout\":{random.NextDouble() / 2:R},\"layers\":{random.Next(1, 9)},\"optimizer\":\"{(n % 2 == 0 ? "adam" : "sgd")}\"}}"),
                        Values = new Dictionary<string, double> { ["loss"] = random.NextDouble() },
                        Reports = [new TrialReport(1, random.NextDouble()), new TrialReport(2, random.NextDouble()), new TrialReport(3, random.NextDouble())],
                        Attributes = new Dictionary<string, string> { ["host"] = $"worker-{n % 16}" },
                        StartedAt = t0.AddSeconds(n),
                        FinishedAt = t0.AddSeconds(n + 1),
                        HeartbeatAt = t0.AddSeconds(n + 1),
                    })]);
                }
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
