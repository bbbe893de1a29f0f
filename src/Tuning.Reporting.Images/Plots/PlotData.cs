namespace Tuning.Reporting;

/// <summary>What the PNG plots read: one <see cref="StudySnapshot"/> of the study, with the few lookups they share.</summary>
internal sealed class PlotData
{
    public PlotData(Study study)
    {
        Snapshot = new StudySnapshot(study);
        Completed = [.. Snapshot.Trials.Where(t => t.State == TrialState.Completed)];
    }

    public StudySnapshot Snapshot { get; }

    public Study Study => Snapshot.Study;

    public SearchSpace Space => Study.Space;

    public IReadOnlyList<Trial> Trials => Snapshot.Trials;

    /// <summary>Gets the completed trials, feasible or not, in id order.</summary>
    public IReadOnlyList<Trial> Completed { get; }

    public bool IsFeasible(Trial trial) => Snapshot.IsFeasible(trial);

    public bool IsResult(Trial trial) => Snapshot.IsResult(trial);

    public IReadOnlyList<Trial> ParetoFront() => Snapshot.ParetoFront;

    /// <summary>Gets the metric named <paramref name="name"/>, or the first objective when it is <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The study has no metric of that name.</exception>
    public Metric Metric(string? name) => ChosenMetric.Find(Study, name);

    /// <summary>The message of a plot that needs completed trials and has none.</summary>
    public string NoCompletedTrial() =>
        Trials.Count == 0
            ? "No trial yet"
            : $"No completed trial yet ({Trials.Count} trials: {string.Join(", ", Trials.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))})";
}
