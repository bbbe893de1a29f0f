using System.Diagnostics;
using Tuning;

// Tunes one study with several worker processes that share it through a database, with no coordinator between them:
//
//   dotnet run --project samples/Distributed                                 4 workers, 40 trials, SQLite file
//   dotnet run --project samples/Distributed -- --workers 8 --trials 100
//   TUNING_POSTGRES="Host=…;Database=…;Username=…;Password=…" dotnet run --project samples/Distributed -- --storage postgres
//
// This process starts the workers (copies of itself with --worker), restarts any that dies with the share it did not
// finish, and prints the best trial. Run it again with the same database and the study continues where it stopped.
SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.WorkerIndex is int index)
{
    return await Worker.RunAsync(options, index);
}

Console.WriteLine($"Study '{options.Study}' in {options.Describe()}: {options.Workers} workers, {options.Trials} new trials.");
var clock = Stopwatch.StartNew();
using IDisposable storage = options.OpenStorage();
Study study = Study.CreateOrOpen((IStudyStorage)storage, options.Study, Worker.Space, [Metric.Minimize("loss")], new SobolSuggester(seed: 2026));
int completedBefore = study.Trials.Count(t => t.State == TrialState.Completed);
if (!await new Launcher(options, study).RunAsync())
{
    return 1;
}

IReadOnlyList<Trial> trials = study.Trials;
Console.WriteLine();
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s: {trials.Count(t => t.State == TrialState.Completed) - completedBefore} new completed trials; the study has "
    + $"{trials.Count} ({trials.Count(t => t.State == TrialState.Completed)} completed, {trials.Count(t => t.State == TrialState.Failed)} failed, "
    + $"{trials.Count(t => t.State == TrialState.Running)} running).");
foreach (IGrouping<string, Trial> byWorker in trials.GroupBy(t => t.Attributes.GetValueOrDefault(Worker.Attribute, "?")).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  worker {byWorker.Key}: {byWorker.Count()} trials");
}

Trial best = study.BestTrial;
Console.WriteLine($"Best: trial {best.Id}, loss {best.Value:F4}, learning_rate {best.GetDouble("learning_rate"):G3}, "
    + $"dropout {best.GetDouble("dropout"):F2}, layers {best.GetInt("layers")}, optimizer {best.GetString("optimizer")}");
return 0;
