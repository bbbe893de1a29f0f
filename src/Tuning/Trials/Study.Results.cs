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
                return [.. _trials];
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
    /// No completed trial at the target fidelity meets every constraint yet, or the study has two objectives (use <see cref="ParetoFront"/>).
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

            return FindBest(Trials)
                ?? throw new InvalidOperationException("No completed trial meets every constraint yet, so there is no best trial.");
        }
    }

    /// <summary>Gets the best trial (see <see cref="BestTrial"/>) if there is one yet.</summary>
    /// <param name="best">The best completed trial that meets every constraint, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> if there is a best trial; always <see langword="false"/> with two objectives.</returns>
    public bool TryGetBestTrial([NotNullWhen(true)] out Trial? best)
    {
        best = FindBest(Trials);
        return best is not null;
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
            List<Trial> candidates = [.. Trials.Where(IsFeasibleCompleted)];
            return [.. candidates.Where(t => !candidates.Any(other => Dominates(other, t)))];
        }
    }

    internal Trial? FindBest(IReadOnlyList<Trial> trials)
    {
        if (Objectives.Count > 1)
        {
            return null;
        }

        Metric objective = Objectives[0];
        Trial? best = null;
        foreach (Trial trial in trials)
        {
            if (IsFeasibleCompleted(trial)
                && (best is null || Better(objective, trial.Values[objective.Name], best.Values[objective.Name])))
            {
                best = trial;
            }
        }

        return best;
    }

    internal bool IsFeasibleCompleted(Trial trial) =>
        trial.State == TrialState.Completed && trial.IsAtTargetFidelity && _metrics.IsFeasible(trial.Values);

    private bool Dominates(Trial a, Trial b)
    {
        bool strictlyBetter = false;
        foreach (Metric objective in Objectives)
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
