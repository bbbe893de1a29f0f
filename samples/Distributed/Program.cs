using System.Diagnostics;
using System.Globalization;
using Tuning;
using Tuning.Storage.PostgreSql;
using Tuning.Storage.Sqlite;

// Tunes one study with several worker processes that share it through a database, with no coordinator between them:
//
//   dotnet run --project samples/Distributed                                 4 workers, 40 trials, SQLite file
//   dotnet run --project samples/Distributed -- --workers 8 --trials 100
//   dotnet run --project samples/Distributed -- --postgres "Host=…;Database=…;Username=…;Password=…"
//
// This process starts the workers (copies of itself with --worker), waits for them, and prints the best trial. Run it
// again with the same database and the study continues where it stopped, with its full history.
var options = SampleOptions.Parse(args);
if (options.WorkerIndex is int index)
{
    return await Worker.RunAsync(options, index);
}

Console.WriteLine($"Study '{options.Study}' in {options.Describe()}: {options.Workers} workers, {options.Trials} new trials.");
var clock = Stopwatch.StartNew();
var workers = new List<Process>();
for (int i = 0; i < options.Workers; i++)
{
    int share = (options.Trials / options.Workers) + (i < options.Trials % options.Workers ? 1 : 0);
    var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
    start.ArgumentList.Add(typeof(SampleOptions).Assembly.Location);
    foreach (string a in options.ToArguments())
    {
        start.ArgumentList.Add(a);
    }

    start.ArgumentList.Add("--worker");
    start.ArgumentList.Add(i.ToString(CultureInfo.InvariantCulture));
    start.ArgumentList.Add("--share");
    start.ArgumentList.Add(share.ToString(CultureInfo.InvariantCulture));
    workers.Add(Process.Start(start)!);
}

foreach (Process worker in workers)
{
    await worker.WaitForExitAsync();
    if (worker.ExitCode != 0)
    {
        Console.Error.WriteLine($"A worker failed with exit code {worker.ExitCode}.");
        return 1;
    }
}

using IDisposable storage = options.OpenStorage();
Study study = Study.Open((IStudyStorage)storage, options.Study);
IReadOnlyList<Trial> trials = study.Trials;
Console.WriteLine();
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s: the study has {trials.Count} trials "
    + $"({trials.Count(t => t.State == TrialState.Completed)} completed, {trials.Count(t => t.State == TrialState.Failed)} failed, "
    + $"{trials.Count(t => t.State == TrialState.Running)} running).");
foreach (IGrouping<string, Trial> byWorker in trials.GroupBy(t => t.Attributes.GetValueOrDefault("worker", "?")).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  worker {byWorker.Key}: {byWorker.Count()} trials");
}

Trial best = study.BestTrial;
Console.WriteLine($"Best: trial {best.Id}, loss {best.Value:F4}, learning_rate {best.GetDouble("learning_rate"):G3}, "
    + $"dropout {best.GetDouble("dropout"):F2}, layers {best.GetInt("layers")}, optimizer {best.GetString("optimizer")}");
return 0;
