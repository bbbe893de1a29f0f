namespace Tuning.Tests.Trials;

/// <summary>A study refuses what a storage that breaks its contract returns, and leaves nothing running.</summary>
public class StorageContractTests
{
    [Fact]
    public void An_ask_that_the_storage_answers_with_more_trials_than_asked_is_refused_and_fails_them_all()
    {
        var storage = new GreedyStorage();
        Study study = Study.Create(storage, "s", new SearchSpaceBuilder().Float("x", 0, 1).Build(), [Metric.Minimize("y")], new RandomSuggester(seed: 1));

        var e = Assert.Throws<InvalidOperationException>(() => study.Ask());

        Assert.Contains("started 2 trials for an ask of 1", e.Message);
        Assert.Equal(2, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Failed, t.State));
    }

    /// <summary>A storage whose asks start one trial more than asked for, as a PostgreSQL claim under a bad plan once did.</summary>
    private sealed class GreedyStorage : IStudyStorage
    {
        private readonly InMemoryStudyStorage _inner = new();

        public StoredStudy CreateStudy(string name, string definition) => _inner.CreateStudy(name, definition);

        public StoredStudy ImportStudy(string name, string definition, IReadOnlyList<StoredTrial> trials, IReadOnlyList<string> enqueued) =>
            _inner.ImportStudy(name, definition, trials, enqueued);

        public StoredStudy? FindStudy(string name) => _inner.FindStudy(name);

        public IReadOnlyList<StoredStudy> ListStudies() => _inner.ListStudies();

        public StoredStudy RenameStudy(long studyId, string newName) => _inner.RenameStudy(studyId, newName);

        public void DeleteStudy(long studyId) => _inner.DeleteStudy(studyId);

        public IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter) => _inner.ReadTrials(studyId, changedAfter);

        public IReadOnlyList<StoredTrial> StartTrials(long studyId, int count, long knownRevision, TrialProposer propose, TimeProvider clock) =>
            _inner.StartTrials(studyId, count + 1, knownRevision, propose, clock);

        public void Enqueue(long studyId, string parameters) => _inner.Enqueue(studyId, parameters);

        public IReadOnlyList<string> ReadEnqueued(long studyId) => _inner.ReadEnqueued(studyId);

        public IReadOnlyList<StoredTrial> ImportTrials(long studyId, IReadOnlyList<StoredTrial> trials) => _inner.ImportTrials(studyId, trials);

        public StoredTrial FinishTrial(long studyId, int number, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now) =>
            _inner.FinishTrial(studyId, number, state, values, failReason, now);

        public StoredTrial AddReport(long studyId, int number, TrialReport report, DateTimeOffset now) => _inner.AddReport(studyId, number, report, now);

        public StoredTrial SetAttribute(long studyId, int number, string key, string value) => _inner.SetAttribute(studyId, number, key, value);

        public void Heartbeat(long studyId, IReadOnlyCollection<int> numbers, DateTimeOffset now) => _inner.Heartbeat(studyId, numbers, now);

        public IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, DateTimeOffset staleBefore, bool requeue, DateTimeOffset now) =>
            _inner.FailStaleTrials(studyId, staleBefore, requeue, now);
    }
}
