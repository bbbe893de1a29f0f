namespace Tuning;

/// <summary>
/// What an ask sees while it holds a study's ask lock (see <see cref="TrialProposer"/>): every trial that changed since
/// the revision the caller already knows, and the running trials this ask is about to start from the queue.
/// </summary>
/// <remarks>
/// The caller keeps its own copy of the history up to its revision and merges <see cref="Changed"/> into it, so an ask
/// on a study of many trials reads and copies only what changed (not the whole history) while other workers wait.
/// </remarks>
public sealed class AskSnapshot
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="changed">The trials changed after the caller's revision, in number order.</param>
    /// <param name="claimed">The trials started from enqueued parameters in this ask, numbered after every other trial.</param>
    /// <param name="count">How many parameter sets the proposer returns; positive.</param>
    /// <exception cref="ArgumentNullException">A list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public AskSnapshot(IReadOnlyList<StoredTrial> changed, IReadOnlyList<StoredTrial> claimed, int count)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Changed = changed;
        Claimed = claimed;
        Count = count;
    }

    /// <summary>Gets the trials whose <see cref="StoredTrial.Revision"/> is above the caller's revision, in number order.</summary>
    public IReadOnlyList<StoredTrial> Changed { get; }

    /// <summary>
    /// Gets the trials this ask starts from enqueued parameters, running and numbered after every stored trial. They are
    /// not committed yet; the proposer should treat them as pending, like every other running trial.
    /// </summary>
    public IReadOnlyList<StoredTrial> Claimed { get; }

    /// <summary>Gets how many parameter sets to propose; the proposed trials are numbered after <see cref="Claimed"/>.</summary>
    public int Count { get; }
}
