namespace Tuning;

/// <summary>
/// Where studies and their trials live. <see cref="InMemoryStudyStorage"/> is the default; the Tuning.Storage.Sqlite
/// and Tuning.Storage.PostgreSql packages keep studies in a database shared by many processes. To write a storage of
/// your own, derive from <see cref="TransactionalStudyStorage"/>, which implements every rule once, and run the
/// conformance suite of the Tuning.Storage.Testing package against it.
/// </summary>
/// <remarks>
/// Implementations must be safe to call from many threads, and — for shared databases — from many processes:
/// <see cref="StartTrials"/> calls its proposer while no other <see cref="StartTrials"/> on the same study runs, so
/// that every new trial is seen as pending by the next proposal, and <see cref="FinishTrial"/> changes a trial only
/// if it is still running. Trials are numbered 0, 1, 2, … within a study, and every change to a study's trials takes
/// the study's next revision (see <see cref="StoredTrial.Revision"/>). Study names are compared ordinally, as .NET's
/// <see cref="StringComparer.Ordinal"/> does: case matters and nothing is normalized, so <c>ResNet</c> and <c>resnet</c>
/// are two studies (a database whose collation ignores case must not be used for names as it is).
/// </remarks>
public interface IStudyStorage
{
    /// <summary>Creates a study without trials.</summary>
    /// <param name="name">The study's name, unique in the storage (compared ordinally: case matters).</param>
    /// <param name="definition">The study's space and metrics as JSON.</param>
    /// <returns>The stored study.</returns>
    /// <exception cref="InvalidOperationException">A study with that name already exists.</exception>
    /// <exception cref="ArgumentException">The name is empty or white space, holds a lone UTF-16 surrogate (not valid Unicode text), or is one the storage cannot keep (PostgreSQL: a NUL, or a name too long for its index).</exception>
    StoredStudy CreateStudy(string name, string definition);

    /// <summary>
    /// Creates a study with trials and enqueued parameters, all in one transaction: either the whole study is stored or
    /// nothing is. The trials keep everything as given (states, values, reports, times) and are numbered 0, 1, 2, ….
    /// </summary>
    /// <param name="name">The study's name, unique in the storage (compared ordinally: case matters).</param>
    /// <param name="definition">The study's space and metrics as JSON.</param>
    /// <param name="trials">The trials, in order.</param>
    /// <param name="enqueued">Parameter sets for the study's queue, oldest first, as JSON objects; duplicates are kept.</param>
    /// <returns>The stored study.</returns>
    /// <exception cref="InvalidOperationException">A study with that name already exists.</exception>
    /// <exception cref="ArgumentException">The name is empty or white space, holds a lone UTF-16 surrogate (not valid Unicode text), or is one the storage cannot keep (PostgreSQL: a NUL, or a name too long for its index).</exception>
    StoredStudy ImportStudy(string name, string definition, IReadOnlyList<StoredTrial> trials, IReadOnlyList<string> enqueued);

    /// <summary>Finds a study by name.</summary>
    /// <param name="name">The study's name, compared ordinally: case matters.</param>
    /// <returns>The study, or <see langword="null"/> if there is none of that name.</returns>
    StoredStudy? FindStudy(string name);

    /// <summary>Lists every study in the storage in the order they were created, oldest first (not by name); a rename keeps a study's place.</summary>
    /// <returns>The studies.</returns>
    IReadOnlyList<StoredStudy> ListStudies();

    /// <summary>Renames a study; its trials and queue stay with it.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="newName">The new name, unique in the storage (compared ordinally: case matters).</param>
    /// <returns>The study under its new name.</returns>
    /// <exception cref="InvalidOperationException">There is no such study, or a study named <paramref name="newName"/> already exists.</exception>
    /// <exception cref="ArgumentException">The new name is empty or white space, holds a lone UTF-16 surrogate (not valid Unicode text), or is one the storage cannot keep (PostgreSQL: a NUL, or a name too long for its index).</exception>
    StoredStudy RenameStudy(long studyId, string newName);

    /// <summary>Deletes a study with its trials and queue.</summary>
    /// <param name="studyId">The study.</param>
    /// <exception cref="InvalidOperationException">There is no such study.</exception>
    void DeleteStudy(long studyId);

    /// <summary>Reads the trials of a study that changed after a revision, ordered by number.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="changedAfter">Only trials whose <see cref="StoredTrial.Revision"/> is greater are returned; 0 reads every trial.</param>
    /// <returns>The trials.</returns>
    /// <exception cref="InvalidOperationException">There is no such study.</exception>
    IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter);

    /// <summary>
    /// Atomically starts <paramref name="count"/> trials: first the oldest enqueued parameters, each claimed once,
    /// then as many as <paramref name="propose"/> returns for the rest.
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="count">How many trials to start; positive.</param>
    /// <param name="knownRevision">
    /// The revision up to which the caller already holds the study's trials: the proposer is given only the trials
    /// changed after it (0 gives every trial).
    /// </param>
    /// <param name="propose">
    /// Called, if the queue does not fill the ask, with what the ask sees under the study's ask lock; returns the
    /// parameter sets of the remaining trials as JSON objects. See <see cref="TrialProposer"/>.
    /// </param>
    /// <param name="clock">The clock whose time, read just before the trials are written, is their start and first heartbeat.</param>
    /// <returns>The started trials, running, in number order: exactly <paramref name="count"/>.</returns>
    /// <exception cref="InvalidOperationException">
    /// There is no such study, or the proposer returned another number of parameter sets than it was asked for. An
    /// exception the proposer throws reaches the caller as it is. Either way nothing is started and the queue is unchanged.
    /// </exception>
    IReadOnlyList<StoredTrial> StartTrials(long studyId, int count, long knownRevision, TrialProposer propose, TimeProvider clock);

    /// <summary>
    /// Adds parameters to the end of the study's queue; the next start claims them. Parameters already in the queue are
    /// added again: the queue keeps duplicates, and each is started once (enqueue a configuration twice to run it twice).
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="parameters">The parameters as a JSON object.</param>
    /// <exception cref="InvalidOperationException">There is no such study.</exception>
    void Enqueue(long studyId, string parameters);

    /// <summary>Reads the enqueued parameter sets that are not yet claimed, oldest first.</summary>
    /// <param name="studyId">The study.</param>
    /// <returns>The parameters waiting in the queue, as JSON objects.</returns>
    /// <exception cref="InvalidOperationException">There is no such study.</exception>
    IReadOnlyList<string> ReadEnqueued(long studyId);

    /// <summary>
    /// Appends finished or running trials exactly as given (states, values, reports, times), numbering them after
    /// the study's existing trials.
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="trials">The trials, in order.</param>
    /// <returns>The stored trials with their new numbers.</returns>
    /// <exception cref="InvalidOperationException">There is no such study.</exception>
    IReadOnlyList<StoredTrial> ImportTrials(long studyId, IReadOnlyList<StoredTrial> trials);

    /// <summary>Finishes a running trial.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="number">The trial's number.</param>
    /// <param name="state">The final state: completed, failed or pruned.</param>
    /// <param name="values">The told values (empty for a failure).</param>
    /// <param name="failReason">Why the trial failed, for a failure.</param>
    /// <param name="now">The finish time to record.</param>
    /// <returns>The finished trial. Finishing a trial again with the same state and values returns it unchanged.</returns>
    /// <exception cref="InvalidOperationException">The study or the trial is unknown, or the trial is already finished with another state or other values.</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> is <see cref="TrialState.Running"/>.</exception>
    StoredTrial FinishTrial(long studyId, int number, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now);

    /// <summary>Records an intermediate value of a running trial.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="number">The trial's number.</param>
    /// <param name="report">The step and value; the step must be greater than every earlier one.</param>
    /// <param name="now">The time to record as the trial's heartbeat.</param>
    /// <returns>The updated trial.</returns>
    /// <exception cref="InvalidOperationException">The study or the trial is unknown, or the trial is finished.</exception>
    /// <exception cref="ArgumentException">The step is negative or not greater than the trial's last one, or the value is not finite (see <see cref="TrialTransitions.CheckReport"/>).</exception>
    StoredTrial AddReport(long studyId, int number, TrialReport report, DateTimeOffset now);

    /// <summary>Sets a user attribute of a trial.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="number">The trial's number.</param>
    /// <param name="key">The attribute's name.</param>
    /// <param name="value">The attribute's value.</param>
    /// <returns>The updated trial.</returns>
    /// <exception cref="InvalidOperationException">The study or the trial is unknown.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or white space.</exception>
    StoredTrial SetAttribute(long studyId, int number, string key, string value);

    /// <summary>Records that the workers of running trials are alive.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="numbers">The running trials' numbers; finished ones are ignored.</param>
    /// <param name="now">The heartbeat time.</param>
    void Heartbeat(long studyId, IReadOnlyCollection<int> numbers, DateTimeOffset now);

    /// <summary>Fails every running trial whose last heartbeat is older than <paramref name="staleBefore"/>.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="staleBefore">
    /// The heartbeat time before which a running trial counts as abandoned: a heartbeat at exactly this time is not stale.
    /// </param>
    /// <param name="requeue">Whether to enqueue each failed trial's parameters again, for another worker to run, even if the same parameters are queued already.</param>
    /// <param name="now">The finish time to record.</param>
    /// <returns>The trials that were failed.</returns>
    IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, DateTimeOffset staleBefore, bool requeue, DateTimeOffset now);
}
