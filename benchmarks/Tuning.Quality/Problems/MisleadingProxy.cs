namespace Tuning.Quality.Problems;

/// <summary>
/// A cheap task that misleads: Hartmann-6 on [0, 1]⁶ is the target (cost 1); the proxy task (cost 0.1) is the same
/// function except in two places: the target's best basin is filled in (a Gaussian bump of height 2 and width 0.15 at
/// the optimum x* = (0.20, 0.15, 0.48, 0.28, 0.31, 0.66)), and a deep, wide false basin is dug elsewhere (a Gaussian
/// well of depth 3.5 and width 0.3 around z = (0.8, 0.85, 0.2, 0.8, 0.9, 0.1)), where the target is poor. The tasks
/// agree on most points, so they look well correlated, yet the proxy's optimum lies in the false basin and it rates the
/// target's optimum as mediocre. A method that trusts the proxy spends its target runs in the wrong place; one that
/// checks the proxy against the target abandons it.
/// </summary>
internal sealed class MisleadingProxy : Hartmann6ProxyTask
{
    private static readonly double[] FalseBasin = [0.8, 0.85, 0.2, 0.8, 0.9, 0.1];
    private static readonly double[] TrueOptimum = [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573];

    public override string Name => "Misleading proxy task (Hartmann-6; proxy at cost 0.1 has a false basin)";

    public override bool CheapFidelityIsInformative => false;

    protected override double Proxy(double[] x) =>
        Hartmann6.Value(x) + (2 * Bump(x, TrueOptimum, 0.15)) - (3.5 * Bump(x, FalseBasin, 0.3));

    private static double Bump(double[] x, double[] centre, double width)
    {
        double distance = 0;
        for (int j = 0; j < centre.Length; j++)
        {
            distance += Math.Pow(x[j] - centre[j], 2);
        }

        return Math.Exp(-distance / (2 * width * width));
    }
}
