using Tuning.Bayesian.Kernels;

namespace Tuning.Bayesian.Models;

/// <summary>
/// How the multi-fidelity machinery sees a declared <see cref="Tuning.Fidelity"/>: the model's fidelity coordinate
/// (the unit coordinate, target at 1, for a range; the task's index for tasks), the fidelity kernel, and the fidelity
/// levels the suggester chooses among.
/// </summary>
/// <remarks>
/// A range fidelity is evaluated at levels spaced geometrically in cost, each a third of the cost of the next: the
/// target, then the values costing 1/3, 1/9, … of it, down to the lowest fidelity (a level within a factor √3 of the
/// lowest one's cost gives way to it). With epochs 1–100 and cost ∝ epochs these are 1, 4, 11, 33 and 100 epochs, the
/// spacing of Hyperband's rungs; with BoTorch's cost 5 + s on [0, 1] the lowest fidelity is already 5/6 of the target's
/// cost, so the levels are s = 0 and s = 1. A level is always worth its saving, and a suggestion is never a fidelity a
/// hair below the target that costs nearly as much and yet is not a result. Tasks are their own levels.
/// </remarks>
internal sealed class FidelityAxis
{
    /// <summary>The most a cheaper level may cost, relative to the target, for multi-fidelity modelling to be worth it.</summary>
    public const double MaxUsefulCost = 0.5;

    private const double CostRatio = 3;

    public FidelityAxis(SearchSpace space)
    {
        Declaration = space.Fidelity ?? throw new InvalidOperationException("The space declares no fidelity.");
        Levels = Declaration.IsTasks
            ? [.. Enumerable.Range(0, Declaration.Tasks.Count).Select(FidelityLevel.OfTask).OrderBy(Declaration.Cost)]
            : [.. RangeLevels(Declaration).Select(FidelityLevel.Range)];
        TargetCoordinate = Coordinate(Declaration.Target);
    }

    public Fidelity Declaration { get; }

    /// <summary>Gets the raw fidelity values the suggester evaluates, cheapest first; the target is the last.</summary>
    public FidelityLevel[] Levels { get; }

    public double TargetCoordinate { get; }

    public bool IsTasks => Declaration.IsTasks;

    /// <summary>Gets a value indicating whether some level other than the target costs at most <see cref="MaxUsefulCost"/> of it.</summary>
    public bool OffersSaving => Levels.Any(level => level != Declaration.Target && Declaration.Cost(level) <= MaxUsefulCost);

    /// <summary>The fidelity part of the model's kernel: a task covariance for tasks, an exponential decay for a range.</summary>
    public IFidelityKernel NewKernel() =>
        IsTasks ? new TaskFidelityKernel(Declaration.Tasks.Count, Declaration.Target.Task) : new ExponentialDecayFidelityKernel();

    /// <summary>The model's coordinate of a raw fidelity value.</summary>
    public double Coordinate(FidelityLevel level) => level.IsTask ? level.Task : Declaration.Unit(level.Value);

    private static double[] RangeLevels(Fidelity f)
    {
        double lowest = f.Cost(FidelityLevel.Range(f.Low));
        var levels = new SortedSet<double> { f.High, f.Low };
        for (double cost = 1 / CostRatio; cost >= lowest * Math.Sqrt(CostRatio); cost /= CostRatio)
        {
            // cost = (fixed + raw) / (fixed + high)
            double raw = (cost * (f.FixedCost + f.High)) - f.FixedCost;
            if (f.Kind == FidelityKind.Int)
            {
                raw = Math.Round(raw);
            }

            levels.Add(Math.Clamp(raw, f.Low, f.High));
        }

        return [.. levels];
    }
}
