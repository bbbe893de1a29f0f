using System.Diagnostics;
using System.Globalization;
using Tuning;

namespace Tuning.StorageBenchmarks;

/// <summary>
/// One worker process of the ask+tell benchmark: opens the study, waits for "GO" on its input, then runs its trials
/// (sleeping for the "training" between ask and tell, if asked to), timing each ask+tell minus the suggester's own
/// time, and prints the times in microseconds. A PostgreSQL connection string comes from the environment, never from
/// the command line.
/// </summary>
internal static class AskTellChild
{
    public static int Run(string kind, string target, int trials, int seed, TrainingTime training)
    {
        using var lifetime = (IDisposable)BenchmarkStorage.Open(kind, target);
        var suggester = new TrivialSuggester(seed);
        var options = new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), RetryStaleTrials = true };
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
