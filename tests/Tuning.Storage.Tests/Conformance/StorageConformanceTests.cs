namespace Tuning.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IStudyStorage"/> must share, run against the in-memory, SQLite and PostgreSQL
/// storages by the subclasses. Each test starts with an empty database of its own.
/// </summary>
public abstract partial class StorageConformanceTests : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    /// <summary>
    /// Opens this test's storage: the first call creates it, later calls open it again as another process would (the
    /// in-memory storage returns its one instance).
    /// </summary>
    protected abstract IStudyStorage OpenStorageCore();

    public virtual void Dispose()
    {
        foreach (IDisposable d in _opened)
        {
            d.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected IStudyStorage OpenStorage()
    {
        IStudyStorage storage = OpenStorageCore();
        if (storage is IDisposable d)
        {
            _opened.Add(d);
        }

        return storage;
    }

    [StorageFact]
    public void Created_study_is_found_by_name_and_listed()
    {
        IStudyStorage storage = OpenStorage();
        StoredStudy a = storage.CreateStudy("a", StoredTrials.Definition);
        StoredStudy b = storage.CreateStudy("b", "{\"other\":true}");

        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(a, storage.FindStudy("a"));
        Assert.Null(storage.FindStudy("c"));
        Assert.Equal([a, b], storage.ListStudies());
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - a.CreatedAt).TotalMinutes) < 5);
    }

    [StorageFact]
    public void A_second_study_of_the_same_name_is_refused()
    {
        IStudyStorage storage = OpenStorage();
        StoredStudy first = storage.CreateStudy("a", StoredTrials.Definition);

        var e = Assert.Throws<InvalidOperationException>(() => storage.CreateStudy("a", "{}"));

        Assert.Contains("already exists", e.Message, StringComparison.Ordinal);
        Assert.Equal([first], storage.ListStudies());
    }

    [StorageFact]
    public void Started_trials_are_numbered_from_zero_and_running()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;

        IReadOnlyList<StoredTrial> first = storage.StartTrials(id, 1, StoredTrials.Suggest, StoredTrials.T0);
        IReadOnlyList<StoredTrial> batch = storage.StartTrials(id, 3, StoredTrials.Suggest, StoredTrials.T0.AddSeconds(1));

        Assert.Equal([0, 1, 2, 3], first.Concat(batch).Select(t => t.Number));
        Assert.All(first.Concat(batch), t => Assert.Equal(TrialState.Running, t.State));
        Assert.Equal(StoredTrials.T0.AddSeconds(1), batch[0].StartedAt);
        Assert.Equal(batch[0].StartedAt, batch[0].HeartbeatAt);
        Assert.Equal(StoredTrials.Parameters(0.02), batch[1].Parameters);
        IReadOnlyList<StoredTrial> read = storage.ReadTrials(id, 0);
        Assert.Equal(4, read.Count);
        Assert.Equal(4, read.Select(t => t.Revision).Distinct().Count());
    }

    [StorageFact]
    public void The_suggester_sees_every_trial_including_the_running_and_the_claimed()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        storage.StartTrials(id, 2, StoredTrials.Suggest, StoredTrials.T0);
        storage.FinishTrial(id, 0, TrialState.Completed, StoredTrials.Loss(1), null, StoredTrials.T0);
        storage.Enqueue(id, StoredTrials.Parameters(0.9));
        IReadOnlyList<StoredTrial>? seen = null;

        storage.StartTrials(id, 2, (history, count) => { seen = history; return StoredTrials.Suggest(history, count); }, StoredTrials.T0);

        Assert.NotNull(seen);
        Assert.Equal([TrialState.Completed, TrialState.Running, TrialState.Running], seen.Select(t => t.State));
        Assert.Equal(StoredTrials.Parameters(0.9), seen[2].Parameters);
    }

    [StorageFact]
    public void Enqueued_parameters_are_claimed_first_in_order_and_only_once()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        storage.Enqueue(id, StoredTrials.Parameters(0.7));
        storage.Enqueue(id, StoredTrials.Parameters(0.8));
        storage.Enqueue(id, StoredTrials.Parameters(0.9));
        Assert.Equal([StoredTrials.Parameters(0.7), StoredTrials.Parameters(0.8), StoredTrials.Parameters(0.9)], storage.ReadEnqueued(id));

        IReadOnlyList<StoredTrial> two = storage.StartTrials(id, 2, (_, _) => throw new InvalidOperationException("not needed"), StoredTrials.T0);
        IReadOnlyList<StoredTrial> mixed = storage.StartTrials(id, 2, StoredTrials.Suggest, StoredTrials.T0);

        Assert.Equal([StoredTrials.Parameters(0.7), StoredTrials.Parameters(0.8)], two.Select(t => t.Parameters));
        Assert.Equal([StoredTrials.Parameters(0.9), StoredTrials.Parameters(0.03)], mixed.Select(t => t.Parameters));
        Assert.Empty(storage.ReadEnqueued(id));
    }

    [StorageFact]
    public void A_failing_suggester_stores_nothing_and_leaves_the_queue()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        storage.Enqueue(id, StoredTrials.Parameters(0.7));

        Assert.Throws<DivideByZeroException>(() => storage.StartTrials(id, 2, (_, _) => throw new DivideByZeroException(), StoredTrials.T0));
        Assert.Throws<InvalidOperationException>(() => storage.StartTrials(id, 3, (_, _) => [StoredTrials.Parameters(0.1)], StoredTrials.T0));

        Assert.Empty(storage.ReadTrials(id, 0));
        Assert.Equal([StoredTrials.Parameters(0.7)], storage.ReadEnqueued(id));
        Assert.Equal(0, storage.StartTrials(id, 1, StoredTrials.Suggest, StoredTrials.T0)[0].Number);
    }

    [StorageFact]
    public void Imported_trials_keep_their_data_and_are_numbered_after_the_others()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        storage.StartTrials(id, 2, StoredTrials.Suggest, StoredTrials.T0);
        var done = new StoredTrial
        {
            Number = 17,
            State = TrialState.Pruned,
            Parameters = StoredTrials.Parameters(0.4),
            Values = StoredTrials.Loss(0.5),
            Reports = [new TrialReport(1, 0.9), new TrialReport(4, 0.5)],
            Attributes = new Dictionary<string, string> { ["model"] = "m.bin" },
            StartedAt = StoredTrials.T0,
            FinishedAt = StoredTrials.T0.AddMinutes(3),
            HeartbeatAt = StoredTrials.T0.AddMinutes(2),
        };

        IReadOnlyList<StoredTrial> imported = storage.ImportTrials(id, [done, done with { Number = 3, State = TrialState.Failed, FailReason = "boom", Values = new Dictionary<string, double>() }]);

        Assert.Equal([2, 3], imported.Select(t => t.Number));
        IReadOnlyList<StoredTrial> read = OpenStorage().ReadTrials(id, 0);
        StoredTrials.Equal(imported[0], read[2]);
        StoredTrials.Equal(imported[1], read[3]);
        Assert.Equal("boom", read[3].FailReason);
    }

    [StorageFact]
    public void Unknown_studies_and_trials_are_refused()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;

        Assert.Throws<InvalidOperationException>(() => storage.ReadTrials(id + 100, 0));
        Assert.Throws<InvalidOperationException>(() => storage.StartTrials(id + 100, 1, StoredTrials.Suggest, StoredTrials.T0));
        Assert.Throws<InvalidOperationException>(() => storage.FinishTrial(id, 0, TrialState.Completed, StoredTrials.Loss(1), null, StoredTrials.T0));
        Assert.Throws<InvalidOperationException>(() => storage.AddReport(id, 5, new TrialReport(0, 1), StoredTrials.T0));
        Assert.Throws<InvalidOperationException>(() => storage.SetAttribute(id, 5, "k", "v"));
        Assert.Empty(storage.ReadTrials(id, 0));
    }
}
