using Tuning.Storage.Testing;

namespace Tuning.Storage.Tests;

/// <summary>
/// An in-memory storage that can go down: while <see cref="Throwing"/>, every call fails at once (as a storage without
/// retries does), and so do the next <see cref="FailNext"/> calls; with <see cref="BlockUntil"/> set, the next call blocks until then (as a storage that retries through
/// an outage does), the clock jumping without firing timers, since every other call is blocked as well.
/// </summary>
internal sealed class FlakyStorage(ManualTimeProvider clock) : IStudyStorage
{
    private readonly InMemoryStudyStorage _inner = new();

    public bool Throwing { get; set; }

    /// <summary>Gets or sets how many of the next calls fail (as <see cref="Throwing"/> makes every call fail).</summary>
    public int FailNext { get; set; }

    public DateTimeOffset? BlockUntil { get; set; }

    /// <summary>Gets or sets how many of the next reads of trials fail, while every other call goes on.</summary>
    public int FailNextReads { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether every write fails while reads go on, as when another program holds a
    /// SQLite file's write lock past the busy timeout.
    /// </summary>
    public bool WritesFailing { get; set; }

    /// <summary>
    /// Gets or sets, per trial number and state, how a finish goes when the storage is otherwise up: whether it is
    /// committed, and whether it then throws (a commit whose acknowledgement was lost throws after committing).
    /// </summary>
    public Func<int, TrialState, (bool Commit, bool Throw)>? FinishScript { get; set; }

    /// <summary>Gets or sets the message of the failures.</summary>
    public string FailureMessage { get; set; } = "The storage is unreachable.";

    /// <summary>Gets or sets the exception of a failure, made from <see cref="FailureMessage"/>; a <see cref="TimeoutException"/> unless set.</summary>
    public Func<string, Exception> Failure { get; set; } = message => new TimeoutException(message);

    public StoredStudy CreateStudy(string name, string definition) => Call(() => _inner.CreateStudy(name, definition));

    public StoredStudy ImportStudy(string name, string definition, IReadOnlyList<StoredTrial> trials, IReadOnlyList<string> enqueued) =>
        Call(() => _inner.ImportStudy(name, definition, trials, enqueued));

    public StoredStudy? FindStudy(string name) => Call(() => _inner.FindStudy(name));

    public IReadOnlyList<StoredStudy> ListStudies() => Call(_inner.ListStudies);

    public StoredStudy RenameStudy(long studyId, string newName) => Call(() => _inner.RenameStudy(studyId, newName));

    public void DeleteStudy(long studyId) => Call(() => { _inner.DeleteStudy(studyId); return 0; });

    public IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter) =>
        FailNextReads > 0 && FailNextReads-- > 0 ? throw Failure(FailureMessage) : Call(() => _inner.ReadTrials(studyId, changedAfter));

    public IReadOnlyList<StoredTrial> StartTrials(long studyId, int count, long knownRevision, TrialProposer propose, TimeProvider clock) =>
        Write(() => _inner.StartTrials(studyId, count, knownRevision, propose, clock));

    public void Enqueue(long studyId, string parameters) => Write(() => { _inner.Enqueue(studyId, parameters); return 0; });

    public IReadOnlyList<string> ReadEnqueued(long studyId) => Call(() => _inner.ReadEnqueued(studyId));

    public IReadOnlyList<StoredTrial> ImportTrials(long studyId, IReadOnlyList<StoredTrial> trials) => Write(() => _inner.ImportTrials(studyId, trials));

    public StoredTrial FinishTrial(long studyId, int number, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now) =>
        Write(() =>
        {
            (bool commit, bool fail) = FinishScript?.Invoke(number, state) ?? (true, false);
            StoredTrial? finished = commit ? _inner.FinishTrial(studyId, number, state, values, failReason, now) : null;
            return fail || finished is null ? throw Failure(FailureMessage) : finished;
        });

    public StoredTrial AddReport(long studyId, int number, TrialReport report, DateTimeOffset now) => Write(() => _inner.AddReport(studyId, number, report, now));

    public StoredTrial SetAttribute(long studyId, int number, string key, string value) => Write(() => _inner.SetAttribute(studyId, number, key, value));

    public void Heartbeat(long studyId, IReadOnlyCollection<int> numbers, DateTimeOffset now) => Write(() => { _inner.Heartbeat(studyId, numbers, now); return 0; });

    public IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, DateTimeOffset staleBefore, bool requeue, DateTimeOffset now) =>
        Write(() => _inner.FailStaleTrials(studyId, staleBefore, requeue, now));

    private T Write<T>(Func<T> operation) => WritesFailing ? throw Failure(FailureMessage) : Call(operation);

    private T Call<T>(Func<T> operation)
    {
        if (Throwing || (FailNext > 0 && FailNext-- > 0))
        {
            throw Failure(FailureMessage);
        }

        if (BlockUntil is DateTimeOffset until)
        {
            BlockUntil = null;
            if (until > clock.GetUtcNow())
            {
                clock.Jump(until - clock.GetUtcNow());
            }
        }

        return operation();
    }
}
