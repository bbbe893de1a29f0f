using System.Diagnostics.CodeAnalysis;

namespace Tuning;

public sealed partial class Study
{
    /// <summary>Gets every trial of the study, in id order, read fresh from the storage (other workers' trials included).</summary>
    public IReadOnlyList<Trial> Trials
    {
        get
        {
            lock (_gate)
            {
                Refresh();
                return [.. _history.Trials];
            }
        }
    }

    /// <summary>
    /// Gets the best completed trial that meets every constraint threshold: the lowest value of a minimized objective
    /// or the highest of a maximized one (the earliest trial wins a tie). When the space declares a fidelity, only
    /// trials evaluated at the target fidelity count: a value from a cheaper fidelity is evidence for the suggester, not
    /// a result (a configuration seen only at low fidelity becomes a result once a trial confirms it at the target).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// No trial has completed yet (at the target fidelity, meeting every constraint; the message says which), or the
    /// study has two objectives (use <see cref="ParetoFront"/>).
    /// </exception>
    public Trial BestTrial
    {
        get
        {
            if (Objectives.Count > 1)
            {
                throw new InvalidOperationException(
                    $"The study optimizes two metrics ({Objectives[0].Name} and {Objectives[1].Name}), so no single trial is best: use ParetoFront.");
            }

            lock (_gate)
            {
                // The reason is read from the same trials as the verdict.
                return BestResult() ?? throw new InvalidOperationException(NoResult(_history.Trials, "there is no best trial"));
            }
        }
    }

    /// <summary>Gets the best trial (see <see cref="BestTrial"/>) if there is one yet.</summary>
    /// <param name="best">The best completed trial that meets every constraint, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> if there is a best trial; always <see langword="false"/> with two objectives.</returns>
    public bool TryGetBestTrial([NotNullWhen(true)] out Trial? best)
    {
        best = BestResult();
        return best is not null;
    }

    /// <summary>
    /// The best result of the trials read fresh from the storage, as <see cref="FindBest"/> would choose it from them,
    /// without looking at every trial again (see <see cref="TrialHistory.Best"/>); <see langword="null"/> with two objectives.
    /// </summary>
    private Trial? BestResult()
    {
        lock (_gate)
        {
            Refresh();
            return _history.BestUnknown ? FindBest(_history.Trials) : _history.Best;
        }
    }

    /// <summary>
    /// Gets the completed, feasible trials that no other completed, feasible trial dominates (at least as good in every
    /// objective and better in one), in id order. With one objective, these are the trials that tie for the best value.
    /// When the space declares a fidelity, only trials at the target fidelity count.
    /// </summary>
    public IReadOnlyList<Trial> ParetoFront
    {
        get
        {
            List<Trial> results = [.. Trials.Where(IsResult)];
            return StudyRules.NonDominated(Objectives, results);
        }
    }

    internal Trial? FindBest(IReadOnlyList<Trial> trials)
    {
        if (Objectives.Count > 1)
        {
            return null;
        }

        Trial? best = null;
        foreach (Trial trial in trials)
        {
            if (IsResult(trial) && (best is null || IsBetterResult(trial, best)))
            {
                best = trial;
            }
        }

        return best;
    }

    /// <summary>
    /// Whether the result <paramref name="candidate"/> beats the result <paramref name="incumbent"/> as the best trial of
    /// a one-objective study: a better value of the objective, or the same value and an earlier trial.
    /// </summary>
    internal bool IsBetterResult(Trial candidate, Trial incumbent)
    {
        Metric objective = Objectives[0];
        double value = candidate.Values[objective.Name], best = incumbent.Values[objective.Name];
        return StudyRules.IsBetter(objective, value, best) || (!StudyRules.IsBetter(objective, best, value) && candidate.Id < incumbent.Id);
    }

    /// <summary>Why no trial is a result yet, followed by <paramref name="consequence"/>: "…, so there is no best trial."</summary>
    internal static string NoResult(IReadOnlyList<Trial> trials, string consequence) => $"{WhyNoResult(trials)}, so {consequence}.";

    /// <summary>
    /// Why none of <paramref name="trials"/> is a result, as a clause without a full stop: no trial completed, or none at
    /// the target fidelity, or none meets the constraints. Meaningful only when none is a result.
    /// </summary>
    internal static string WhyNoResult(IReadOnlyList<Trial> trials)
    {
        List<Trial> completed = [.. trials.Where(t => t.State == TrialState.Completed)];
        if (completed.Count == 0)
        {
            string states = string.Join(", ", trials.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
            return $"No trial has completed yet{(trials.Count == 0 ? string.Empty : $" ({states})")}";
        }

        List<Trial> atTarget = [.. completed.Where(t => t.IsAtTargetFidelity)];
        if (atTarget.Count == 0)
        {
            return $"No trial has completed at the target fidelity yet ({completed.Count} completed at lower fidelities)";
        }

        return $"No completed trial meets every constraint yet ({atTarget.Count} completed {(atTarget.Count == 1 ? "trial breaks" : "trials break")} one)";
    }

    /// <summary>Whether a trial is a result: completed, at the target fidelity, meeting every constraint (<see cref="StudyRules.IsResult"/>).</summary>
    internal bool IsResult(Trial trial) => StudyRules.IsResult(trial, Metrics);

    /// <summary>
    /// Gets the hypervolume of the <see cref="ParetoFront"/>: the area of the region of objective values that some front
    /// trial dominates and that dominates the reference point (with one objective, the length from the best value to the
    /// reference). The larger, the better the front; it is the usual single number to compare multi-objective runs by.
    /// </summary>
    /// <param name="referencePoint">
    /// The reference point, one value per objective in the order of <see cref="Objectives"/> and in the metrics' own
    /// units: for a minimized metric an upper bound, for a maximized one a lower bound of the values worth having. The
    /// default, <see langword="null"/>, infers it from the front by <see cref="InferReferencePoint"/>. Front trials that are
    /// not strictly better than the reference point in every objective add nothing.
    /// </param>
    /// <returns>The hypervolume, positive.</returns>
    /// <exception cref="InvalidOperationException">No trial is a result yet (completed, at the target fidelity, meeting every constraint), so there is no front.</exception>
    /// <exception cref="ArgumentException">
    /// The reference point does not have one finite value per objective (refused before any other check, with or without
    /// a front), or no front trial is strictly better than it in every objective (its hypervolume would be 0), or it
    /// lies so near the front that the hypervolume is below the smallest positive double.
    /// </exception>
    /// <exception cref="OverflowException">
    /// The hypervolume exceeds <see cref="double.MaxValue"/> (objective values near the largest double), or, with the
    /// reference point inferred, every front trial reaches the largest double in an objective, so that no reference point
    /// lies beyond it.
    /// </exception>
    /// <example>
    /// <code>
    /// // accuracy (maximized) and latency_ms (minimized): the area above accuracy 0.8 and below latency 50 ms the front covers
    /// double hv = study.Hypervolume([0.8, 50]);
    /// </code>
    /// </example>
    public double Hypervolume(IReadOnlyList<double>? referencePoint = null) => new StudySnapshot(this).Hypervolume(referencePoint);

    /// <summary>
    /// Infers a reference point for <see cref="Hypervolume"/> from the <see cref="ParetoFront"/>, as BoTorch's
    /// <c>infer_reference_point</c> does: the front's nadir (its worst value in each objective) moved a further 10% of
    /// the front's range in that objective toward worse values. With a single front trial, the step is 10% of its value's
    /// magnitude instead; the range (or magnitude) is taken as at least 1e-7 (times the nadir's magnitude when that exceeds
    /// 1), so a step is never below a tenth of that. Every front trial is
    /// then strictly better than the reference point, unless its value is so near the largest double that the reference,
    /// clamped to it, cannot be further away.
    /// </summary>
    /// <returns>The reference point, one value per objective in the order of <see cref="Objectives"/>, in the metrics' units.</returns>
    /// <exception cref="InvalidOperationException">No trial is a result yet (completed, at the target fidelity, meeting every constraint), so there is no front.</exception>
    /// <remarks>
    /// The inferred point moves as the front grows, so hypervolumes with inferred reference points are comparable only
    /// within one front; to compare runs or track progress, fix a reference point.
    /// </remarks>
    public IReadOnlyList<double> InferReferencePoint() => new StudySnapshot(this).InferReferencePoint();
}
