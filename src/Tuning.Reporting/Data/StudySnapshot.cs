namespace Tuning.Reporting;

/// <summary>
/// One consistent read of a study: its trials are read from the storage once, so every plot and table of a report
/// describes the same history even while workers keep adding trials.
/// </summary>
internal sealed class StudySnapshot
{
    public StudySnapshot(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        Study = study;
        Trials = study.Trials;
        Completed = [.. Trials.Where(t => t.State == TrialState.Completed)];
    }

    public Study Study { get; }

    public SearchSpace Space => Study.Space;

    public IReadOnlyList<Trial> Trials { get; }

    /// <summary>Gets the completed trials, feasible or not, in id order.</summary>
    public IReadOnlyList<Trial> Completed { get; }

    /// <summary>Gets the metric named <paramref name="name"/>, or the first objective when it is <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The study has no metric of that name.</exception>
    public Metric Metric(string? name)
    {
        if (name is null)
        {
            return Study.Objectives[0];
        }

        return Study.Metrics.FirstOrDefault(m => m.Name == name)
            ?? throw new ArgumentException(
                $"The study has no metric '{name}'. Its metrics are: {string.Join(", ", Study.Metrics.Select(m => m.Name))}.",
                nameof(name));
    }

    /// <summary>Describes the trials by state, such as "3 completed, 1 failed".</summary>
    public string StateCounts() =>
        string.Join(", ", Trials.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));

    /// <summary>The message of a plot that needs completed trials and has none.</summary>
    public string NoCompletedTrial() =>
        Trials.Count == 0 ? "No trial yet" : $"No completed trial yet ({Trials.Count} trials: {StateCounts()})";

    /// <summary>Gets whether a trial's told values meet every constraint of the study.</summary>
    public bool IsFeasible(Trial trial)
    {
        foreach (Metric metric in Study.Metrics)
        {
            if (metric.Kind == MetricKind.Constraint
                && trial.Values.TryGetValue(metric.Name, out double value)
                && !metric.IsSatisfiedBy(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Gets the Pareto front of the snapshot, as <see cref="Study.ParetoFront"/> defines it: the feasible completed
    /// trials that no other one dominates (at least as good in every objective and better in one), in id order.
    /// </summary>
    public IReadOnlyList<Trial> ParetoFront()
    {
        List<Trial> candidates = [.. Completed.Where(IsFeasible)];
        return [.. candidates.Where(t => !candidates.Any(other => Dominates(other, t)))];
    }

    private bool Dominates(Trial a, Trial b)
    {
        bool strictlyBetter = false;
        foreach (Metric objective in Study.Objectives)
        {
            double va = a.Values[objective.Name], vb = b.Values[objective.Name];
            if (Better(objective, vb, va))
            {
                return false;
            }

            strictlyBetter |= Better(objective, va, vb);
        }

        return strictlyBetter;
    }

    private static bool Better(Metric objective, double a, double b) =>
        objective.Kind == MetricKind.Minimize ? a < b : a > b;
}
