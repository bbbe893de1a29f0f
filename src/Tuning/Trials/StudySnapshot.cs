using System.Collections.ObjectModel;

namespace Tuning;

/// <summary>
/// One consistent read of a study and what its trials mean by the study's own rules: which trials are results, the
/// best trial or the Pareto front, which trials break a constraint, and what the trials cost. Reports, dashboards and
/// tools read a study through a snapshot, so they all agree with <see cref="Study.BestTrial"/> and
/// <see cref="Study.ParetoFront"/>.
/// </summary>
/// <remarks>
/// <para>
/// The trials are read from the storage once, when the snapshot is taken, so every figure drawn from one snapshot
/// describes the same history even while workers keep adding trials. Take a new snapshot to see newer trials.
/// </para>
/// <para>
/// The rules are the study's: a trial is a <em>result</em> when it completed, meets every constraint, and (when the
/// space declares a fidelity) ran at the target fidelity; the best trial and the Pareto front are chosen among results,
/// as <see cref="Study.BestTrial"/> and <see cref="Study.ParetoFront"/> choose them. A snapshot is immutable and safe
/// to share between threads.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var snapshot = new StudySnapshot(study);
/// Console.WriteLine($"{snapshot.Trials.Count} trials, {snapshot.Results.Count} results, best: {snapshot.BestTrial}");
/// foreach (Trial trial in snapshot.Trials.Where(t => t.State == TrialState.Completed &amp;&amp; !snapshot.IsFeasible(t)))
///     Console.WriteLine($"#{trial.Id} breaks a constraint");
/// </code>
/// </example>
public sealed partial class StudySnapshot
{
    private IReadOnlyList<Trial>? _results;
    private Trial? _bestTrial;
    private bool _bestTrialFound;
    private IReadOnlyList<Trial>? _paretoFront;
    private HashSet<int>? _front;

    /// <summary>Takes a snapshot of a study: reads its trials once, with other workers' trials.</summary>
    /// <param name="study">The study.</param>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is <see langword="null"/>.</exception>
    public StudySnapshot(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        Study = study;
        // Copies: the study's own trial objects change as their trials report and finish, and the snapshot must not.
        Trials = new ReadOnlyCollection<Trial>([.. study.Trials.Select(t => t.Frozen())]);
        TakenAt = study.Now;
        Revision = Trials.Count == 0 ? 0 : Trials.Max(t => t.Record.Revision);
    }

    /// <summary>Gets the study.</summary>
    public Study Study { get; }

    /// <summary>Gets when the snapshot was taken, by the study's clock (<see cref="StudyOptions.TimeProvider"/>).</summary>
    public DateTimeOffset TakenAt { get; }

    /// <summary>
    /// Gets the study-wide change number of the latest change the snapshot includes (0 for a study without trials):
    /// two snapshots of one study with the same revision hold the same trials in the same states.
    /// </summary>
    public long Revision { get; }

    /// <summary>
    /// Gets every trial, in id order, as it was when the snapshot was taken: copies of the study's trial objects, which
    /// go on changing as their trials report and finish (compare trials by <see cref="Trial.Id"/>).
    /// </summary>
    public IReadOnlyList<Trial> Trials { get; }

    /// <summary>
    /// Gets the results, in id order: the completed trials that meet every constraint and, when the space declares a
    /// fidelity, ran at the target fidelity. <see cref="BestTrial"/> and <see cref="ParetoFront"/> are chosen among them.
    /// </summary>
    /// <remarks>This and the other derived views are computed on first use, so a snapshot taken only for its
    /// <see cref="Revision"/> or <see cref="Trials"/> costs one read; computing one twice from two threads gives equal results.</remarks>
    public IReadOnlyList<Trial> Results => _results ??= new ReadOnlyCollection<Trial>([.. Trials.Where(Study.IsResult)]);

    /// <summary>
    /// Gets the best result, as <see cref="Study.BestTrial"/> defines it: the lowest value of a minimized objective or
    /// the highest of a maximized one, the earliest trial winning a tie.
    /// </summary>
    /// <value><see langword="null"/> when there is no result yet, and always with two objectives (see <see cref="ParetoFront"/>).</value>
    public Trial? BestTrial
    {
        get
        {
            if (!Volatile.Read(ref _bestTrialFound))
            {
                _bestTrial = Study.FindBest(Trials);
                Volatile.Write(ref _bestTrialFound, true);
            }

            return _bestTrial;
        }
    }

    /// <summary>
    /// Gets the results that no other result dominates (at least as good in every objective and better in one), in id
    /// order, as <see cref="Study.ParetoFront"/> defines them. With one objective, the results that tie for the best value.
    /// </summary>
    public IReadOnlyList<Trial> ParetoFront => _paretoFront ??= new ReadOnlyCollection<Trial>([.. StudyRules.NonDominated(Study.Objectives, Results)]);

    /// <summary>
    /// Gets the hypervolume of this snapshot's <see cref="ParetoFront"/>, as <see cref="Study.Hypervolume"/> measures the
    /// study's: the area of objective values that some front trial dominates and that dominates the reference point.
    /// </summary>
    /// <param name="referencePoint">
    /// One value per objective, in the order of <see cref="Study.Objectives"/> and in the metrics' own units; the default,
    /// <see langword="null"/>, infers it from this front (<see cref="InferReferencePoint"/>).
    /// </param>
    /// <returns>The hypervolume, positive.</returns>
    /// <exception cref="InvalidOperationException">No trial of the snapshot is a result, so there is no front.</exception>
    /// <exception cref="ArgumentException">
    /// The reference point does not have one finite value per objective (refused before any other check, with or without
    /// a front), or no front trial is strictly better than it in every objective, or it lies so near the front that
    /// the hypervolume is below the smallest positive double.
    /// </exception>
    /// <exception cref="OverflowException">
    /// The hypervolume exceeds <see cref="double.MaxValue"/>, or, with the reference point inferred, every front trial
    /// reaches the largest double in an objective.
    /// </exception>
    public double Hypervolume(IReadOnlyList<double>? referencePoint = null)
    {
        FrontHypervolume.CheckReference(Study.Objectives, referencePoint); // a mistake in the call is named before a missing front
        return FrontHypervolume.Measure(Study.Objectives, MeasurableFront(), referencePoint);
    }

    /// <summary>
    /// Infers a reference point from this snapshot's <see cref="ParetoFront"/>, by the rule of
    /// <see cref="Study.InferReferencePoint"/>, so that a front and its hypervolume shown together describe the same trials.
    /// </summary>
    /// <returns>The reference point, one value per objective in the order of <see cref="Study.Objectives"/>, in the metrics' units.</returns>
    /// <exception cref="InvalidOperationException">No trial of the snapshot is a result, so there is no front.</exception>
    public IReadOnlyList<double> InferReferencePoint() => FrontHypervolume.InferReference(Study.Objectives, MeasurableFront());

    /// <summary>
    /// Gets why no trial is a result yet, in the words of the exception of <see cref="Study.BestTrial"/>: no trial has
    /// completed, none has completed at the target fidelity, or none meets every constraint.
    /// </summary>
    /// <value>
    /// A clause without a full stop, such as "No trial has completed yet (1 failed, 1 pruned)", for the caller to finish
    /// with what follows from it (the study's exceptions add ", so there is no best trial."); <see langword="null"/> when
    /// there is a result.
    /// </value>
    public string? NoResultReason => Results.Count > 0 ? null : Study.WhyNoResult(Trials);

    /// <summary>Gets a value indicating whether the space declares a fidelity, so that some trials may not be results however good.</summary>
    public bool HasFidelity => Study.Space.Fidelity is not null;

    /// <summary>Counts the trials in a state.</summary>
    /// <param name="state">The state.</param>
    /// <returns>How many of the snapshot's trials are in that state.</returns>
    public int Count(TrialState state) => Trials.Count(t => t.State == state);

    /// <summary>Gets whether a trial's told values meet every constraint of the study (a missing value does not).</summary>
    /// <param name="trial">The trial; for one that has not completed, the answer is about the values it has (usually none).</param>
    /// <returns><see langword="true"/> if every constraint is met, which a study without constraints always is.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The trial belongs to another study, whose metrics may differ.</exception>
    public bool IsFeasible(Trial trial) => StudyRules.MeetsConstraints(Study.Metrics, Own(trial).Values);

    /// <summary>Gets whether a trial is a result: completed, feasible, and at the target fidelity (see <see cref="Results"/>).</summary>
    /// <param name="trial">The trial.</param>
    /// <returns><see langword="true"/> if it is a result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The trial belongs to another study, whose metrics may differ.</exception>
    public bool IsResult(Trial trial) => Study.IsResult(Own(trial));

    /// <summary>Gets whether a trial is on the <see cref="ParetoFront"/> of this snapshot.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns><see langword="true"/> if it is on the front.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> is <see langword="null"/>.</exception>
    public bool IsOnParetoFront(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        _front ??= [.. ParetoFront.Select(t => t.Id)];
        return ReferenceEquals(trial.Study, Study) && _front.Contains(trial.Id);
    }

    /// <summary>The trial, if it belongs to this snapshot's study.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The trial belongs to another study.</exception>
    private Trial Own(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return ReferenceEquals(trial.Study, Study) ? trial : throw new ArgumentException(Study.NotOwn(trial), nameof(trial));
    }

    /// <summary>The Pareto front, which must not be empty.</summary>
    private IReadOnlyList<Trial> MeasurableFront() => ParetoFront.Count > 0
        ? ParetoFront
        : throw new InvalidOperationException(Study.NoResult(Trials, "there is no Pareto front to measure"));

    /// <summary>Gets the trial with an id.</summary>
    /// <param name="id">The trial's id.</param>
    /// <param name="trial">The trial, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> if the snapshot holds a trial with that id.</returns>
    public bool TryGetTrial(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Trial? trial)
    {
        trial = id >= 0 && id < Trials.Count ? Trials[id] : null;
        return trial is not null;
    }
}
