namespace Tuning;

/// <summary>What a <see cref="ISuggester"/> knows when it suggests: the space, the metrics, and the history.</summary>
public sealed class SuggestionContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="metrics">The study's metrics.</param>
    /// <param name="trials">Every trial so far, in id order: completed, failed, pruned and running (pending).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public SuggestionContext(SearchSpace space, IReadOnlyList<Metric> metrics, IReadOnlyList<Trial> trials)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(trials);
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
}
