namespace Tuning;

/// <summary>What a <see cref="StudyTransaction"/> commits: new trials, changed trials and parameters to enqueue.</summary>
/// <remarks>
/// Each inserted or updated trial takes the study's next revision, in the order inserted then updated; the storage
/// assigns them at commit (the <see cref="StoredTrial.Revision"/> given here is ignored).
/// </remarks>
public sealed record TransactionChanges
{
    /// <summary>Gets the trials to insert, numbered from <see cref="StudyTransaction.NextNumber"/> on, in number order.</summary>
    /// <value>The default is none.</value>
    public IReadOnlyList<StoredTrial> Inserted { get; init; } = [];

    /// <summary>Gets the new forms of existing trials, each read in the same transaction.</summary>
    /// <value>The default is none.</value>
    public IReadOnlyList<StoredTrial> Updated { get; init; } = [];

    /// <summary>Gets parameter sets to add to the end of the study's queue, as JSON objects.</summary>
    /// <value>The default is none.</value>
    public IReadOnlyList<string> Enqueued { get; init; } = [];

    /// <summary>
    /// Gets the operation the inserted trials belong to, which a storage whose commits can be lost in transit (a
    /// connection that drops after the server committed) keeps with them, so that a retry finds them through
    /// <see cref="TransactionReads.EarlierAttemptOf"/> instead of inserting them twice.
    /// </summary>
    /// <value>The default is <see cref="Guid.Empty"/>: none.</value>
    public Guid Operation { get; init; }
}
