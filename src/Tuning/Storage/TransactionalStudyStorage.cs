namespace Tuning;

/// <summary>
/// The base of a storage that keeps studies in something with transactions — memory under a lock, a SQLite file, a
/// PostgreSQL database, or a store of your own. It implements every operation of <see cref="IStudyStorage"/> once, on a
/// few template methods: <see cref="Begin"/> opens a <see cref="StudyTransaction"/> that locks one study and reads what
/// an operation needs, and the transaction commits the changes the operation decided on. The rules — how trials start,
/// finish, receive reports and go stale (<see cref="TrialTransitions"/>), how enqueued parameters are claimed, how
/// revisions are handed out — live here, so every storage built on this class behaves alike.
/// </summary>
/// <remarks>
/// <para>
/// An operation is one transaction: <c>StartTrials</c> takes the study's ask lock, reads the trials changed since the
/// caller's revision and claims enqueued parameters, calls the caller's <see cref="TrialProposer"/> for the rest
/// (under the lock, see there why), and inserts the new trials; <c>FinishTrial</c>, <c>AddReport</c> and
/// <c>SetAttribute</c> take the write lock, read the trial, apply the rule and write the result only if it changed;
/// <c>FailStaleTrials</c> reads the abandoned trials under the write lock and fails (and maybe requeues) them.
/// </para>
/// <para>
/// A subclass implements <see cref="Begin"/> and the simple single-statement operations (finding, listing, renaming
/// and deleting studies, reading trials and the queue, enqueueing, heartbeats). It may override <see cref="Execute"/> to
/// retry an operation after a lost connection (every operation here is safe to repeat: see
/// <see cref="TransactionReads.EarlierAttemptOf"/>), <see cref="MayHaveStaleTrials"/> to skip a lock when nothing is
/// stale, and <see cref="TryFinishRunningTrial"/> to finish a running trial in one round trip.
/// </para>
/// </remarks>
public abstract class TransactionalStudyStorage : IStudyStorage
{
    /// <inheritdoc />
    public StoredStudy CreateStudy(string name, string definition) => ImportStudy(name, definition, [], []);

    /// <inheritdoc />
    public StoredStudy ImportStudy(string name, string definition, IReadOnlyList<StoredTrial> trials, IReadOnlyList<string> enqueued)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Storage.StoredText.ThrowIfNotValid(name, $"The study name '{name}'", nameof(name));
        ArgumentNullException.ThrowIfNull(definition);
        CheckTrials(trials);
        CheckEnqueued(enqueued);
        var operation = Guid.NewGuid();
        StoredTrial[] numbered = [.. trials.Select((t, i) => t with { Number = i, Revision = i + 1 })];
        return Execute(attempt => CreateStudyCore(name, definition, numbered, enqueued, operation, attempt));
    }

    /// <inheritdoc />
    public abstract StoredStudy? FindStudy(string name);

    /// <inheritdoc />
    public abstract IReadOnlyList<StoredStudy> ListStudies();

    /// <inheritdoc />
    public StoredStudy RenameStudy(long studyId, string newName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newName);
        Storage.StoredText.ThrowIfNotValid(newName, $"The study name '{newName}'", nameof(newName));
        return RenameStudyCore(studyId, newName);
    }

    /// <inheritdoc />
    public void DeleteStudy(long studyId) => DeleteStudyCore(studyId);

    /// <inheritdoc />
    public abstract IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter);

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> StartTrials(long studyId, int count, long knownRevision, TrialProposer propose, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(knownRevision);
        ArgumentNullException.ThrowIfNull(propose);
        ArgumentNullException.ThrowIfNull(clock);
        var operation = Guid.NewGuid();
        return Execute(attempt =>
        {
            using StudyTransaction ask = Begin(studyId, new TransactionReads
            {
                AskLock = true,
                ChangedAfter = knownRevision,
                Claim = count,
                EarlierAttemptOf = attempt > 1 ? operation : null,
            });
            if (ask.EarlierAttempt.Count > 0)
            {
                return ask.EarlierAttempt; // an attempt whose connection was lost had committed this very ask
            }

            if (ask.Claimed.Count > count)
            {
                throw new InvalidOperationException(
                    $"The storage claimed {ask.Claimed.Count} enqueued parameter sets for an ask of {count}; nothing was started and the queue is unchanged.");
            }

            DateTimeOffset proposedAt = clock.GetUtcNow();
            var started = new List<StoredTrial>(count);
            foreach (string parameters in ask.Claimed)
            {
                started.Add(TrialTransitions.Start(ask.NextNumber + started.Count, parameters, proposedAt));
            }

            if (started.Count < count)
            {
                int needed = count - started.Count;
                IReadOnlyList<string> proposed = propose(new AskSnapshot(ask.Changed, [.. started], needed));
                if (proposed is null || proposed.Count != needed)
                {
                    throw new InvalidOperationException($"The proposer returned {proposed?.Count ?? 0} parameter sets; {needed} were asked for.");
                }

                foreach (string parameters in proposed)
                {
                    started.Add(TrialTransitions.Start(ask.NextNumber + started.Count, parameters, proposedAt));
                }
            }

            // Stamped as they are written, not when the ask began: waiting for the lock and proposing may take longer
            // than a heartbeat grace period, and a trial must not be born stale.
            DateTimeOffset now = clock.GetUtcNow();
            return ask.Commit(new TransactionChanges
            {
                Inserted = [.. started.Select(t => t with { StartedAt = now, HeartbeatAt = now })],
                Operation = operation,
            });
        });
    }

    /// <inheritdoc />
    public void Enqueue(long studyId, string parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        EnqueueCore(studyId, parameters);
    }

    /// <inheritdoc />
    public abstract IReadOnlyList<string> ReadEnqueued(long studyId);

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> ImportTrials(long studyId, IReadOnlyList<StoredTrial> trials)
    {
        CheckTrials(trials);
        var operation = Guid.NewGuid();
        return Execute(attempt =>
        {
            using StudyTransaction import = Begin(studyId, new TransactionReads { AskLock = true, EarlierAttemptOf = attempt > 1 ? operation : null });
            if (import.EarlierAttempt.Count > 0)
            {
                return import.EarlierAttempt;
            }

            int first = import.NextNumber;
            return import.Commit(new TransactionChanges { Inserted = [.. trials.Select((t, i) => t with { Number = first + i })], Operation = operation });
        });
    }

    /// <inheritdoc />
    public StoredTrial FinishTrial(
        long studyId, int number, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        return (state == TrialState.Running ? null : TryFinishRunningTrial(studyId, number, state, values, failReason, now))
            ?? Change(studyId, number, (t, _) => TrialTransitions.Finish(t, state, values, failReason, now));
    }

    /// <inheritdoc />
    public StoredTrial AddReport(long studyId, int number, TrialReport report, DateTimeOffset now) =>
        Change(studyId, number, (t, attempt) =>
            attempt > 1 && t.Reports.Count > 0 && t.Reports[^1] == report
                ? t // an attempt whose connection was lost had committed this very report
                : TrialTransitions.AddReport(t, report, now));

    /// <inheritdoc />
    public StoredTrial SetAttribute(long studyId, int number, string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return Change(studyId, number, (t, _) => TrialTransitions.SetAttribute(t, key, value));
    }

    /// <inheritdoc />
    public void Heartbeat(long studyId, IReadOnlyCollection<int> numbers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (numbers.Count > 0)
        {
            HeartbeatCore(studyId, numbers, now);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A sweep that waits for the study's lock gives every trial the time it waited as extra grace: a live worker's
    /// heartbeats may have waited behind the same lock (a SQLite file has one write lock, which another worker's ask
    /// holds while its suggester runs), so a trial is failed only if its heartbeat is older than
    /// <paramref name="staleBefore"/> less that wait.
    /// </remarks>
    public IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, DateTimeOffset staleBefore, bool requeue, DateTimeOffset now)
    {
        if (!MayHaveStaleTrials(studyId, staleBefore))
        {
            return [];
        }

        return Execute(_ =>
        {
            long waitStart = System.Diagnostics.Stopwatch.GetTimestamp();
            using StudyTransaction sweep = Begin(studyId, new TransactionReads { StaleBefore = staleBefore });
            DateTimeOffset judgedBefore = EarlierBy(staleBefore, System.Diagnostics.Stopwatch.GetElapsedTime(waitStart));
            StoredTrial[] stale = [.. sweep.Stale.Where(t => !(t.HeartbeatAt >= judgedBefore && t.HeartbeatAt < staleBefore))];
            if (stale.Length == 0)
            {
                return (IReadOnlyList<StoredTrial>)[];
            }

            StoredTrial[] failed = [.. stale.Select(t => TrialTransitions.FailStale(t, now))];
            return sweep.Commit(new TransactionChanges { Updated = failed, Enqueued = requeue ? [.. failed.Select(t => t.Parameters)] : [] });
        });
    }

    /// <summary>Begins a transaction on a study: takes its ask lock or its write lock, then reads what <paramref name="reads"/> asks for.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="reads">The lock to take and what to read under it.</param>
    /// <returns>The open transaction, which the caller commits or disposes.</returns>
    /// <exception cref="InvalidOperationException">There is no such study (nothing stays locked).</exception>
    protected abstract StudyTransaction Begin(long studyId, TransactionReads reads);

    /// <summary>
    /// Creates a study with its trials (numbered and given revisions 1, 2, … already) and its queue in one transaction.
    /// </summary>
    /// <param name="name">The study's name.</param>
    /// <param name="definition">Its definition.</param>
    /// <param name="trials">Its trials, numbered from 0, with revisions from 1; the study's revision becomes their count.</param>
    /// <param name="enqueued">Its queue, oldest first.</param>
    /// <param name="operation">Identifies this call across attempts (see <see cref="Execute"/>).</param>
    /// <param name="attempt">The attempt, from 1: a later attempt may find the study its lost predecessor created.</param>
    /// <returns>The stored study.</returns>
    /// <exception cref="InvalidOperationException">A study with that name already exists.</exception>
    protected abstract StoredStudy CreateStudyCore(
        string name, string definition, IReadOnlyList<StoredTrial> trials, IReadOnlyList<string> enqueued, Guid operation, int attempt);

    /// <summary>Renames a study.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="newName">The new name; not empty.</param>
    /// <returns>The renamed study.</returns>
    /// <exception cref="InvalidOperationException">There is no such study, or the name is taken.</exception>
    protected abstract StoredStudy RenameStudyCore(long studyId, string newName);

    /// <summary>Deletes a study, its trials and its queue.</summary>
    /// <param name="studyId">The study.</param>
    /// <exception cref="InvalidOperationException">There is no such study.</exception>
    protected abstract void DeleteStudyCore(long studyId);

    /// <summary>Adds parameters to the end of a study's queue.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="parameters">The parameters as a JSON object.</param>
    /// <exception cref="InvalidOperationException">There is no such study.</exception>
    protected abstract void EnqueueCore(long studyId, string parameters);

    /// <summary>Sets the heartbeat time of those of the given trials that are running; needs no revision.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="numbers">The trials' numbers; at least one.</param>
    /// <param name="now">The heartbeat time.</param>
    protected abstract void HeartbeatCore(long studyId, IReadOnlyCollection<int> numbers, DateTimeOffset now);

    /// <summary>
    /// Runs one operation. The default runs it once; a storage whose connection can drop overrides this to run it again
    /// (with the next attempt number) after a failure a later attempt may overcome.
    /// </summary>
    /// <typeparam name="T">The operation's result.</typeparam>
    /// <param name="operation">The operation, given its attempt number (from 1).</param>
    /// <returns>The operation's result.</returns>
    protected virtual T Execute<T>(Func<int, T> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation(1);
    }

    /// <summary>
    /// Answers cheaply, without locks, whether any running trial of the study may have a heartbeat older than
    /// <paramref name="staleBefore"/>; when not, <see cref="FailStaleTrials"/> takes no lock at all.
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="staleBefore">The heartbeat time before which a running trial counts as abandoned.</param>
    /// <returns><see langword="false"/> only if no trial can be stale; the default is always <see langword="true"/>.</returns>
    protected virtual bool MayHaveStaleTrials(long studyId, DateTimeOffset staleBefore) => true;

    /// <summary>
    /// Finishes a trial that is running, in one step, or returns <see langword="null"/> when the trial is not running
    /// (or the storage has no such shortcut, the default): <see cref="FinishTrial"/> then applies
    /// <see cref="TrialTransitions.Finish"/> to the stored trial in a transaction.
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="number">The trial's number.</param>
    /// <param name="state">The final state; not running.</param>
    /// <param name="values">The told values.</param>
    /// <param name="failReason">Why it failed, or <see langword="null"/>.</param>
    /// <param name="now">The finish time.</param>
    /// <returns>The finished trial with its revision, or <see langword="null"/>.</returns>
    protected virtual StoredTrial? TryFinishRunningTrial(
        long studyId, int number, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now) => null;

    /// <summary>Changes one trial under the write lock, writing it (with the next revision) only if the rule changed it.</summary>
    private StoredTrial Change(long studyId, int number, Func<StoredTrial, int, StoredTrial> change) => Execute(attempt =>
    {
        using StudyTransaction write = Begin(studyId, new TransactionReads { TrialNumber = number });
        StoredTrial current = write.Trial ?? throw new InvalidOperationException($"The study has no trial {number}.");
        StoredTrial updated = change(current, attempt);
        return ReferenceEquals(updated, current) ? current : write.Commit(new TransactionChanges { Updated = [updated] })[0];
    });

    /// <summary>The time <paramref name="wait"/> before <paramref name="time"/>, or the earliest time there is.</summary>
    private static DateTimeOffset EarlierBy(DateTimeOffset time, TimeSpan wait) =>
        time - DateTimeOffset.MinValue > wait ? time - wait : DateTimeOffset.MinValue;

    private static void CheckTrials(IReadOnlyList<StoredTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        for (int i = 0; i < trials.Count; i++)
        {
            if (trials[i] is null)
            {
                throw new ArgumentException($"Trial entry {i} is null.", nameof(trials));
            }
        }
    }

    private static void CheckEnqueued(IReadOnlyList<string> enqueued)
    {
        ArgumentNullException.ThrowIfNull(enqueued);
        if (enqueued.Any(p => p is null))
        {
            throw new ArgumentException("An enqueued parameter set is null.", nameof(enqueued));
        }
    }
}
