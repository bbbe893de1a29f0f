namespace Tuning;

/// <summary>
/// What a <see cref="StudyTransaction"/> takes and reads when it begins, under its lock, so that a storage can fetch all
/// of it in one round trip. <see cref="TransactionalStudyStorage"/> builds one per operation; a storage only reads what is asked.
/// </summary>
public sealed record TransactionReads
{
    /// <summary>
    /// Gets a value indicating whether the transaction takes the study's ask lock, which asks and imports hold while they
    /// number and insert new trials: one such transaction on a study at a time, in any process. The storage also reads
    /// <see cref="StudyTransaction.NextNumber"/>. A transaction without it takes the study's write lock, under which
    /// existing trials change; it never inserts trials, and an ask-locked one never changes existing trials.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool AskLock { get; init; }

    /// <summary>Gets the revision after which changed trials are read into <see cref="StudyTransaction.Changed"/>, or <see langword="null"/> to read none.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public long? ChangedAfter { get; init; }

    /// <summary>Gets the number of the trial to read into <see cref="StudyTransaction.Trial"/>, or <see langword="null"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public int? TrialNumber { get; init; }

    /// <summary>
    /// Gets the heartbeat time before which running trials count as abandoned and are read into
    /// <see cref="StudyTransaction.Stale"/> (a heartbeat at exactly this time is not stale), or <see langword="null"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public DateTimeOffset? StaleBefore { get; init; }

    /// <summary>
    /// Gets how many of the oldest enqueued parameter sets to claim into <see cref="StudyTransaction.Claimed"/> (at most
    /// this many: a storage that claims more is refused). Claimed sets leave the queue when the transaction commits and
    /// stay in it if it rolls back.
    /// </summary>
    /// <value>The default is 0.</value>
    public int Claim { get; init; }

    /// <summary>
    /// Gets the operation whose earlier attempt may have committed before its connection was lost, or
    /// <see langword="null"/>: the trials it inserted are read into <see cref="StudyTransaction.EarlierAttempt"/>
    /// (see <see cref="TransactionChanges.Operation"/>).
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Guid? EarlierAttemptOf { get; init; }
}
