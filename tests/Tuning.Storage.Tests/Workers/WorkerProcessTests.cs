namespace Tuning.Storage.Tests;

/// <summary>
/// Many worker processes (real ones, started with <c>dotnet</c>) on one study, against a shared storage: the
/// subclasses run the same tests on SQLite and on PostgreSQL.
/// </summary>
[Collection(WorkerProcessCollection.Name)]
public abstract class WorkerProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly List<IDisposable> _owned = [];

    /// <summary>The worker arguments that select this test's storage.</summary>
    protected abstract string[] StorageArguments { get; }

    /// <summary>Opens this test's storage in the test process.</summary>
    protected abstract IStudyStorage OpenStorageCore();

    public virtual void Dispose()
    {
        foreach (IDisposable d in Enumerable.Reverse(_owned))
        {
            d.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [StorageFact]
    public void Sixteen_worker_processes_finish_400_trials_with_distinct_suggestions_and_single_claims()
    {
        Study study = Study.Create(OpenStorage(), "shared", StoredTrials.Space, [Metric.Minimize("loss")]);
        var enqueued = new List<string>();
        for (int i = 0; i < 16; i++)
        {
            var parameters = new Dictionary<string, object> { ["x"] = 0.5 + (i / 1000.0), ["y"] = 0.123, ["kind"] = "b" };
            study.Enqueue(parameters);
            enqueued.Add(ParametersJson.Write(StoredTrials.Space.CreateValues(parameters)));
        }

        // Half the workers ask one trial at a time, half ask batches of five.
        List<WorkerProcess> workers = [.. Enumerable.Range(0, 16).Select(i => Start(
            "--study", "shared", "--trials", "25", "--batch", i % 2 == 0 ? "1" : "5", "--seed", "3", "--heartbeat-ms", "500", "--grace-ms", "10000"))];
        foreach (WorkerProcess worker in workers)
        {
            worker.WaitForSuccess(Patience);
        }

        IReadOnlyList<Trial> trials = study.Trials;
        Assert.Equal(400, trials.Count);
        Assert.Equal(Enumerable.Range(0, 400), trials.Select(t => t.Id));
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Equal(400, trials.Select(t => t.Record.Parameters).Distinct().Count());
        Assert.All(enqueued, p => Assert.Single(trials, t => t.Record.Parameters == p));
        Assert.Empty(study.Enqueued);
        List<int> told = [.. workers.SelectMany(w => w.Lines).Where(l => l.StartsWith("TOLD ", StringComparison.Ordinal)).Select(l => int.Parse(l[5..]))];
        Assert.Equal(Enumerable.Range(0, 400), told.Order());

        // Every ask and every tell was one change with its own revision: none lost, none skipped.
        IReadOnlyList<StoredTrial> stored = OpenStorage().ReadTrials(study.Storage.FindStudy("shared")!.Id, 0);
        Assert.Equal(400, stored.Select(t => t.Revision).Distinct().Count());
        Assert.Equal(800, stored.Max(t => t.Revision));
    }

    [StorageFact]
    public void A_killed_worker_trial_goes_stale_and_another_worker_completes_it()
    {
        Study study = Study.Create(OpenStorage(), "faults", StoredTrials.Space, [Metric.Minimize("loss")]);
        string[] heartbeat = ["--heartbeat-ms", "200", "--grace-ms", "1500"];
        WorkerProcess doomed = Start(["--study", "faults", "--hang-after-ask", .. heartbeat]);
        int lost = int.Parse(doomed.WaitForLine("ASKED ", Patience)[6..]);
        Thread.Sleep(500); // a few heartbeats
        doomed.Kill();

        // The others run long enough (60 trials of 80 ms on 3 workers) to outlast the grace period after the kill.

        List<WorkerProcess> workers = [.. Enumerable.Range(0, 3).Select(_ => Start(
            ["--study", "faults", "--until-completed", "60", "--trial-ms", "80", "--retry-stale", .. heartbeat]))];
        foreach (WorkerProcess worker in workers)
        {
            worker.WaitForSuccess(Patience);
        }

        IReadOnlyList<Trial> trials = study.Trials;
        Trial stale = trials[lost];
        Assert.Equal(TrialState.Failed, stale.State);
        Assert.Equal(TrialTransitions.StaleReason, stale.FailReason);
        Assert.Contains(trials, t => t.Id > lost && t.State == TrialState.Completed && t.Record.Parameters == stale.Record.Parameters);
        Assert.All(trials.Where(t => t.Id != lost), t => Assert.Equal(TrialState.Completed, t.State));
        Assert.True(trials.Count(t => t.State == TrialState.Completed) >= 60);
        Assert.Empty(study.Enqueued);
    }

    protected IStudyStorage OpenStorage()
    {
        IStudyStorage storage = OpenStorageCore();
        if (storage is IDisposable d)
        {
            _owned.Add(d);
        }

        return storage;
    }

    private protected WorkerProcess Start(params string[] arguments)
    {
        var worker = WorkerProcess.Start([.. StorageArguments, .. arguments]);
        _owned.Add(worker);
        return worker;
    }
}

/// <summary>The worker-process tests run one at a time: each one alone keeps both cores busy.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerProcessCollection
{
    public const string Name = "Worker processes";
}
