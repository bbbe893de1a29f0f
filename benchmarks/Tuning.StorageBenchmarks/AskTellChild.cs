using System.Diagnostics;
using System.Globalization;

namespace Tuning.StorageBenchmarks;

/// <summary>
/// One worker process of the ask+tell benchmark: opens the study, warms up on a study of its own (twice
/// <see cref="WarmupTrials"/> asks and tells with a pause after each round, so that compiling and recompiling the code
/// and opening connections happen before the measurement, where they would take the other workers' cores), waits for
/// "GO" on its input, then runs its trials
/// (sleeping for the "training" between ask and tell, if asked to), timing each ask+tell minus the suggester's own
/// time, and prints the times in microseconds. A PostgreSQL connection string comes from the environment, never from
/// the command line.
/// </summary>
internal static class AskTellChild
{
    /// <summary>The asks and tells each worker makes on its own study before the measurement.</summary>
    public const int WarmupTrials = 50;

    public static int Run(string kind, string target, int trials, int seed, TrainingTime training)
    {
        using var lifetime = (IDisposable)BenchmarkStorage.Open(kind, target);
        var suggester = new TrivialSuggester(seed);
        var options = new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), RetryStaleTrials = true };
        Study warmup = Study.Create((IStudyStorage)lifetime, $"warmup-{seed}", BenchmarkStorage.Space, BenchmarkStorage.Metrics, new TrivialSuggester(seed), options);
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < WarmupTrials; i++)
            {
                Trial trial = warmup.Ask();
                warmup.Tell(trial, trial.GetDouble("dropout"));
            }

            // Tiered compilation recompiles the hot methods in the background once new code stops appearing: give it time.
            Thread.Sleep(TimeSpan.FromSeconds(1));
        }

        Study study = Study.Open((IStudyStorage)lifetime, "bench", suggester, options);
        Console.WriteLine("READY");
        if (Console.ReadLine() != "GO")
        {
            return 1;
        }

        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var overhead = new double[trials];
        var random = new Random(seed);
        for (int i = 0; i < trials; i++)
        {
            long suggesting = suggester.Ticks;
            long start = Stopwatch.GetTimestamp();
            Trial trial = study.Ask();
            long asked = Stopwatch.GetTimestamp();
            TimeSpan sleep = training.Draw(random);
            if (sleep > TimeSpan.Zero)
            {
                Thread.Sleep(sleep); // the "training", not part of the overhead
            }

            long telling = Stopwatch.GetTimestamp();
            study.Tell(trial, trial.GetDouble("dropout"));
            long elapsed = (asked - start) + (Stopwatch.GetTimestamp() - telling) - (suggester.Ticks - suggesting);
            overhead[i] = elapsed * 1e6 / Stopwatch.Frequency;
        }

        Console.WriteLine("CPU " + (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
        Console.WriteLine("TIMES " + string.Join(',', overhead.Select(t => t.ToString("F1", CultureInfo.InvariantCulture))));
        return 0;
    }
}
