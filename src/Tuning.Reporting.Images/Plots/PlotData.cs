namespace Tuning.Reporting;

/// <summary>What the PNG plots read: one <see cref="StudySnapshot"/> of the study, with the few lookups they share.</summary>
internal sealed class PlotData
{
    public PlotData(Study study)
    {
        Snapshot = new StudySnapshot(study);
        Completed = [.. Snapshot.Trials.Where(t => t.State == TrialState.Completed)];
        CompletedAtTarget = [.. Completed.Where(t => t.IsAtTargetFidelity)];
    }

    public StudySnapshot Snapshot { get; }

    public Study Study => Snapshot.Study;

    public SearchSpace Space => Study.Space;

    public IReadOnlyList<Trial> Trials => Snapshot.Trials;

    /// <summary>Gets the completed trials, feasible or not, at any fidelity, in id order.</summary>
    public IReadOnlyList<Trial> Completed { get; }

    /// <summary>
    /// Gets the completed trials at the target fidelity, feasible or not, in id order: the ones whose values compare with
    /// each other, as the HTML report's parallel coordinates, slices and importance use them. Without a fidelity, every
    /// completed trial.
    /// </summary>
    public IReadOnlyList<Trial> CompletedAtTarget { get; }

    public bool IsFeasible(Trial trial) => Snapshot.IsFeasible(trial);

    public bool IsResult(Trial trial) => Snapshot.IsResult(trial);

    /// <summary>Sorts a completed trial into the group a plot draws it in (see <see cref="TrialGroups.Of"/>).</summary>
    public TrialGroup GroupOf(Trial trial) => TrialGroups.Of(Snapshot, trial);

    public IReadOnlyList<Trial> ParetoFront() => Snapshot.ParetoFront;

    /// <summary>Gets the metric <see cref="PlotOptions.Metric"/> names, or the first objective when it is <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The study has no metric of that name (the exception names <c>options</c>, the plots' parameter).</exception>
    public Metric Metric(PlotOptions options) => ChosenMetric.Find(Study, options.Metric, nameof(options));

    /// <summary>
    /// The message of a plot that has no completed trial to draw, or none at the target fidelity: the study's reason why
    /// no trial is a result yet (<see cref="StudySnapshot.NoResultReason"/>), such as "No trial has completed yet (3 failed)".
    /// </summary>
    public string NoTrialToDraw() => Snapshot.NoResultReason ?? "No completed trial to draw";
}
