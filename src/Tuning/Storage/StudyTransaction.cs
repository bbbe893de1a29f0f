namespace Tuning;

/// <summary>
/// One transaction of a <see cref="TransactionalStudyStorage"/> on one study: it begins by taking the study's lock and
/// reading what its <see cref="TransactionReads"/> asked for (exposed by the properties below), then either commits a
/// <see cref="TransactionChanges"/> or, disposed without a commit, rolls back and changes nothing.
/// </summary>
/// <remarks>
/// A storage derives from this class, sets the read properties in its constructor, and implements
/// <see cref="CommitCore"/> and <see cref="Dispose(bool)"/>. Used on one thread, once.
/// </remarks>
public abstract class StudyTransaction : IDisposable
{
    private bool _committed;

    /// <summary>Gets the trials changed after <see cref="TransactionReads.ChangedAfter"/>, in number order.</summary>
    public IReadOnlyList<StoredTrial> Changed { get; protected set; } = [];

    /// <summary>Gets the trial numbered <see cref="TransactionReads.TrialNumber"/>, or <see langword="null"/> if there is none.</summary>
    public StoredTrial? Trial { get; protected set; }

    /// <summary>Gets the running trials whose heartbeat is older than <see cref="TransactionReads.StaleBefore"/>, in number order.</summary>
    public IReadOnlyList<StoredTrial> Stale { get; protected set; } = [];

    /// <summary>Gets the claimed parameter sets (see <see cref="TransactionReads.Claim"/>), oldest first.</summary>
    public IReadOnlyList<string> Claimed { get; protected set; } = [];

    /// <summary>Gets the number the next new trial takes (the study's trial count), read under the ask lock.</summary>
    public int NextNumber { get; protected set; }

    /// <summary>Gets the trials an earlier, committed attempt of <see cref="TransactionReads.EarlierAttemptOf"/> inserted, in number order.</summary>
    public IReadOnlyList<StoredTrial> EarlierAttempt { get; protected set; } = [];

    /// <summary>Gets a value indicating whether <see cref="Commit"/> succeeded; <see cref="Dispose(bool)"/> rolls back otherwise.</summary>
    protected bool IsCommitted => _committed;

    /// <summary>Commits the changes, consuming the claimed parameters, and gives every inserted and updated trial its revision.</summary>
    /// <param name="changes">What to write.</param>
    /// <returns>The inserted then the updated trials, as stored (with their revisions).</returns>
    /// <exception cref="InvalidOperationException">The transaction already committed.</exception>
    public IReadOnlyList<StoredTrial> Commit(TransactionChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (_committed)
        {
            throw new InvalidOperationException("The transaction already committed.");
        }

        IReadOnlyList<StoredTrial> stored = CommitCore(changes);
        _committed = true;
        return stored;
    }

    /// <summary>Rolls the transaction back unless it committed, and releases its lock and connection.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes the changes and commits; called once, by <see cref="Commit"/>.</summary>
    /// <param name="changes">What to write.</param>
    /// <returns>The inserted then the updated trials, with their revisions.</returns>
    protected abstract IReadOnlyList<StoredTrial> CommitCore(TransactionChanges changes);

    /// <summary>Rolls back unless committed, and releases the lock and the connection.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);
}
