using Tuning.Bayesian.Models;

namespace Tuning;

public sealed partial class StudySnapshot
{
    private IReadOnlyList<Trial?>? _bestSoFar;

    /// <summary>
    /// Gets the cost of a trial in units of one trial at the target fidelity: its fidelity's relative cost
    /// (<see cref="Trial.FidelityCost"/>), whatever its state, so a failed, pruned or running trial counts what it was
    /// asked to spend. Without a fidelity every trial costs 1.
    /// </summary>
    /// <param name="trial">The trial.</param>
    /// <returns>The cost, in (0, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The trial belongs to another study.</exception>
    public double Cost(Trial trial)
    {
        return CostLedger.Cost(Own(trial), reportsAreFidelities: false);
    }

    /// <summary>Gets the cost of every trial of the snapshot together (see <see cref="Cost"/>), in units of one trial at the target fidelity.</summary>
    public double TotalCost => Trials.Sum(Cost);

    /// <summary>
    /// Gets, for each trial in id order, the best result among that trial and the ones before it (as
    /// <see cref="BestTrial"/> chooses): the curve of the best value found so far.
    /// </summary>
    /// <value>One entry per trial: <see langword="null"/> until the first result, and always with two objectives.</value>
    public IReadOnlyList<Trial?> BestSoFar => _bestSoFar ??= FindBestSoFar();

    private Trial?[] FindBestSoFar()
    {
        var curve = new Trial?[Trials.Count];
        Trial? best = null;
        for (int i = 0; i < curve.Length; i++)
        {
            // The study's own choice between the best so far and the next trial keeps its tie and feasibility rules.
            best = Study.FindBest(best is null ? [Trials[i]] : [best, Trials[i]]);
            curve[i] = best;
        }

        return curve;
    }
}
