namespace Tuning;

/// <summary>What a <see cref="ISuggester"/> knows when it suggests: the space, the metrics, and the history.</summary>
public sealed class SuggestionContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="metrics">
    /// The study's metrics: as a study's, one or two objectives, distinct names, no null (see <see cref="Study"/>).
    /// </param>
    /// <param name="trials">
    /// Every trial so far, in id order: completed, failed, pruned and running (pending). Each has parameters of
    /// <paramref name="space"/> (or of an identical space), and each completed one a value for every metric.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// The metrics break a study's rules, a trial is null or has parameters of another space, or a completed trial has
    /// no value for one of the metrics (its study has other metrics).
    /// </exception>
    public SuggestionContext(SearchSpace space, IReadOnlyList<Metric> metrics, IReadOnlyList<Trial> trials)
        : this(space, metrics, trials, trials)
    {
    }

    /// <summary>
    /// Creates a context whose trials are checked only in part: a study's ask checks the trials that changed since its
    /// last ask, since the others were checked then and are as they were (a study of 50,000 trials is not checked again
    /// in full at every ask).
    /// </summary>
    /// <param name="space">The search space.</param>
    /// <param name="metrics">The study's metrics.</param>
    /// <param name="trials">Every trial so far, in id order.</param>
    /// <param name="toCheck">The trials of <paramref name="trials"/> to check, in id order; the others passed these checks before, as they are now.</param>
    internal SuggestionContext(SearchSpace space, IReadOnlyList<Metric> metrics, IReadOnlyList<Trial> trials, IEnumerable<Trial?> toCheck)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(trials);
        _ = new MetricSet(metrics); // a study's rules for its metrics, with their messages
        var checkedSpaces = new List<SearchSpace> { space };
        foreach (Trial? trial in toCheck)
        {
            if (trial is null)
            {
                throw new ArgumentException("The list of trials contains null.", nameof(trials));
            }

            SearchSpace own = trial.Parameters.Space;
            if (!checkedSpaces.Any(s => ReferenceEquals(s, own)))
            {
                if (!own.IsEquivalentTo(space))
                {
                    throw new ArgumentException($"Trial {trial.Id} has parameters of another search space than the context's.", nameof(trials));
                }

                checkedSpaces.Add(own);
            }

            if (trial.State == TrialState.Completed && metrics.FirstOrDefault(m => !trial.Values.ContainsKey(m.Name)) is Metric missing)
            {
                throw new ArgumentException(
                    $"Completed trial {trial.Id} has no value for the metric '{missing.Name}': the context's metrics must be those of the trials' study ({string.Join(", ", trial.Values.Keys)}).",
                    nameof(trials));
            }
        }

        Space = space;
        Metrics = metrics;
        Trials = trials;
    }

    /// <summary>Gets the search space.</summary>
    public SearchSpace Space { get; }

    /// <summary>Gets the study's metrics.</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Gets every trial so far, in id order; running ones are pending evaluations.</summary>
    public IReadOnlyList<Trial> Trials { get; }

    /// <summary>
    /// Gets the stored study the trials belong to (every <see cref="Study"/> object that opens it sees the same), or
    /// <see langword="null"/> before the first trial. A suggester that keeps a model between asks starts afresh when it changes.
    /// </summary>
    internal (IStudyStorage Storage, long Id)? Study => Trials.Count > 0 ? (Trials[0].Study.Storage, Trials[0].Study.StudyId) : null;
}
