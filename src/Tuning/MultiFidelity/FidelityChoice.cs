namespace Tuning.MultiFidelity;

/// <summary>
/// Chooses the fidelity at which to evaluate a configuration x: the level with the most information about the target
/// at x per unit of cost, <c>log ρ²(x, s) − log cost(s)</c>, among the levels that tell at least a quarter of what a
/// target evaluation would.
/// </summary>
/// <remarks>
/// <para>
/// ρ²(x, s) = cov(y(x, s), f(x, t))² / (var(y(x, s))·σ²(x, t)) is the share of the target's posterior variance at x
/// that an evaluation at s removes (the squared posterior correlation between the noisy observation at s and the
/// latent target), with the fidelity's offset taken as known (<see cref="MultiFidelityModel.TargetInformation"/>). Because it is posterior, it falls once cheap evaluations near x have told what they can: what is
/// left is the bias between fidelities, which only costlier evaluations resolve, so a configuration is promoted to a
/// higher fidelity when it is chosen again, as successive halving promotes the best.
/// </para>
/// <para>
/// The floor (ρ²(x, s) ≥ ¼·ρ²(x, target)) keeps the ratio from choosing a fidelity that is almost free and almost
/// uninformative: with costs two orders of magnitude apart, a one-epoch run that explains 10% of the target's variance
/// would otherwise beat every other choice, again and again. On the learning-curve problems of the quality suite (median
/// share of the budget spent before reaching the target-only GP's final regret; plain and deceptive variant, seeds 0–9,
/// then 10–19) a quarter gave 38%, 28%, 23% and 36%; a half 40%, 31%, 28% and 45%; a tenth 33%, 26%, 23% and 42%.
/// </para>
/// </remarks>
internal static class FidelityChoice
{
    private const double InformationFloor = 0.25;

    /// <summary>
    /// Returns the chosen raw fidelity with its value, log ρ² − log cost, or null if every level was already tried at x.
    /// </summary>
    public static (double Raw, double Value)? Choose(MultiFidelityModel model, FidelityAxis axis, double[] features, ISet<double> tried)
    {
        double Information(double raw) => model.TargetInformation(features, axis.Coordinate(raw));

        double target = axis.Declaration.TargetRaw;
        double floor = InformationFloor * Information(target);
        double? best = null;
        double bestValue = double.NegativeInfinity;
        foreach (double raw in axis.Levels)
        {
            if (tried.Contains(raw))
            {
                continue;
            }

            double information = raw == target ? floor / InformationFloor : Information(raw);
            if (information < floor && raw != target)
            {
                continue;
            }

            double value = Math.Log(Math.Max(information, 1e-300)) - Math.Log(axis.Declaration.Cost(raw));
            if (value > bestValue)
            {
                (best, bestValue) = (raw, value);
            }
        }

        return best is double chosen ? (chosen, bestValue) : null;
    }
}
