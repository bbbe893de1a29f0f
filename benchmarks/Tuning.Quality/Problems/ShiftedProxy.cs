namespace Tuning.Quality.Problems;

/// <summary>
/// A cheap task that informs: Hartmann-6 on [0, 1]⁶ is the target (cost 1); the proxy task (cost 0.1) is a scaled copy
/// of it seen through a small shift of the inputs (0.03 on every coordinate), plus a smooth bias, as a model trained on
/// a tenth of the data tracks the full one. Its optimum lies next to the target's, so a method that learns the
/// relation between the tasks should reach the target's optimum for less than a target-only search.
/// </summary>
internal sealed class ShiftedProxy : Hartmann6ProxyTask
{
    public override string Name => "Shifted proxy task (Hartmann-6; proxy at cost 0.1 tracks the target)";

    protected override double Proxy(double[] x)
    {
        double[] shifted = new double[x.Length];
        double bias = 0;
        for (int j = 0; j < x.Length; j++)
        {
            shifted[j] = Math.Clamp(x[j] + 0.03, 0, 1);
            bias += Math.Sin(3 * x[j]) / 6;
        }

        return (0.8 * Hartmann6.Value(shifted)) + (0.3 * bias);
    }
}
