namespace Tuning;

/// <summary>
/// A storage's copy of one study's trials, kept up to date by reading only the trials changed since its
/// <see cref="Revision"/>, so that handing the whole history to a suggester at every ask costs a copy, not a full read.
/// </summary>
/// <remarks>
/// Correct only if the storage assigns revisions so that a reader never sees a change without every change of a lower
/// revision (for example by assigning them under a per-study lock held until commit). Not thread-safe: callers lock it.
/// </remarks>
internal sealed class TrialHistory
{
    private readonly List<StoredTrial> _trials = [];

    /// <summary>Gets the revision up to which every change is merged.</summary>
    public long Revision { get; private set; }

    /// <summary>Gets the number of trials.</summary>
    public int Count => _trials.Count;

    /// <summary>Gets the trials in number order.</summary>
    public IReadOnlyList<StoredTrial> Trials => _trials;

    /// <summary>
    /// Merges trials read with <c>revision &gt; </c><see cref="Revision"/>, in any order.
    /// </summary>
    /// <returns><see langword="false"/> if they leave a gap in the numbers (the copy is then cleared; read everything again).</returns>
    public bool Merge(IEnumerable<StoredTrial> changed)
    {
        long revision = Revision;
        foreach (StoredTrial trial in changed.OrderBy(t => t.Number))
        {
            if (trial.Number < _trials.Count)
            {
                if (trial.Revision >= _trials[trial.Number].Revision)
                {
                    _trials[trial.Number] = trial;
                }
            }
            else if (trial.Number == _trials.Count)
            {
                _trials.Add(trial);
            }
            else
            {
                Clear();
                return false;
            }

            revision = Math.Max(revision, trial.Revision);
        }

        Revision = revision;
        return true;
    }

    /// <summary>Forgets every trial.</summary>
    public void Clear()
    {
        _trials.Clear();
        Revision = 0;
    }
}
