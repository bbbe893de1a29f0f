using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;

namespace Tuning.Bayesian.Acquisitions;

/// <summary>
/// Chooses the fidelity at which to evaluate a configuration x: the level with the most information about the target
/// at x per unit of cost, <c>log ρ²(x, s) − log cost(s)</c>, among the levels that tell at least a quarter of what a
/// target evaluation would.
/// </summary>
/// <remarks>
/// <para>
/// ρ²(x, s) = cov(y(x, s), f(x, t))² / (var(y(x, s))·σ²(x, t)) is the share of the target's posterior variance at x
/// that an evaluation at s removes (the squared posterior correlation between the noisy observation at s and the
/// latent target), with the fidelity's offset taken as known (<see cref="TargetInformation"/>). Because it is
/// posterior, it falls once cheap evaluations near x have told what they can: what is left is the bias between
/// fidelities, which only costlier evaluations resolve, so a configuration is promoted to a higher fidelity when it is
/// chosen again, as successive halving promotes the best.
/// </para>
/// <para>
/// The floor (ρ²(x, s) ≥ ¼·ρ²(x, target)) keeps the ratio from choosing a fidelity that is almost free and almost
/// uninformative: with costs two orders of magnitude apart, a one-epoch run that explains 10% of the target's variance
/// would otherwise beat every other choice, again and again.
/// </para>
/// </remarks>
internal sealed class FidelityChoice
{
    private const double InformationFloor = 0.25;

    private readonly GaussianProcess _model;
    private readonly FidelityAxis _axis;
    private readonly FidelityKernel _offsetFree;

    public FidelityChoice(GaussianProcess model, FidelityAxis axis)
    {
        _model = model;
        _axis = axis;
        _offsetFree = ((FidelityKernel)model.Kernel).WithoutOffset();
    }

    /// <summary>
    /// Returns the chosen raw fidelity with its value, log ρ² − log cost, or null if every level was already tried at x.
    /// </summary>
    public (FidelityLevel Level, double Value)? Choose(double[] features, ISet<FidelityLevel> tried)
    {
        FidelityLevel target = _axis.Declaration.Target;
        double floor = InformationFloor * TargetInformation(features, _axis.Coordinate(target));
        FidelityLevel? best = null;
        double bestValue = double.NegativeInfinity;
        foreach (FidelityLevel raw in _axis.Levels)
        {
            if (tried.Contains(raw))
            {
                continue;
            }

            double information = raw == target ? floor / InformationFloor : TargetInformation(features, _axis.Coordinate(raw));
            if (information < floor && raw != target)
            {
                continue;
            }

            double value = Math.Log(Math.Max(information, 1e-300)) - Math.Log(_axis.Declaration.Cost(raw));
            if (value > bestValue)
            {
                (best, bestValue) = (raw, value);
            }
        }

        return best is FidelityLevel chosen ? (chosen, bestValue) : null;
    }

    /// <summary>
    /// The share of the target's posterior variance at x that an observation at fidelity s would remove, ρ² =
    /// cov(y(x, s), f(x, t))² / (var(y(x, s))·var(f(x, t))), with the fidelity's offset k_o taken as known.
    /// </summary>
    /// <remarks>
    /// The offset is a shift common to every configuration at a fidelity, so any evaluation there teaches it, and it
    /// does not change which configuration is best; counted as unknown, it would make a fidelity not yet tried look
    /// uninformative, and the suggester would never try it. So the observation is taken as the x-varying part at s plus
    /// noise: its covariances come from the kernel without the offset.
    /// </remarks>
    public double TargetInformation(double[] features, double s)
    {
        PosteriorPair p = _model.PredictPair(FidelityRows.Row(features, s), FidelityRows.Row(features, _axis.TargetCoordinate), _offsetFree);
        return p.Covariance * p.Covariance / ((p.FirstVariance + _model.NoiseVariance) * p.SecondVariance);
    }
}
