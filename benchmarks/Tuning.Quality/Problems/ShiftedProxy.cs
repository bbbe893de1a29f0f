namespace Tuning.Quality.Problems;

/// <summary>
/// A cheap task that informs: Hartmann-6 on [0, 1]⁶ is the target (cost 1); the proxy task (cost 0.1) is a scaled copy
/// of it seen through a small shift of the inputs (0.03 on every coordinate), plus a smooth bias, as a model trained on
/// a tenth of the data tracks the full one. Its optimum lies next to the target's, so a method that learns the
/// relation between the tasks should reach the target's optimum for less than a target-only search.
/// </summary>
internal sealed class ShiftedProxy : IFidelityProblem
{
    public string Name => "Shifted proxy task (Hartmann-6; proxy at cost 0.1 tracks the target)";

    public SearchSpace Space { get; } = Build();

    public double Budget => 60;

    public double Optimum => -3.3223680114155147;

    /// <summary>Gets the pruner methods' reports: the proxy's value first (cost 0.1), then the target's.</summary>
    public IReadOnlyList<(long Step, double Fidelity)> Reports { get; } = [(1, 0.1), (2, 1)];

    public double TargetFidelity => 1;

    public double FidelityOf(ParameterValues x) => x.Task == "proxy" ? 0.1 : 1;

    public double CostAt(double fidelity) => fidelity;

    public double TrueValue(ParameterValues x, double fidelity)
    {
        if (fidelity >= 1)
        {
            return Hartmann6.Value(x, 0);
        }

        double[] shifted = new double[6];
        double bias = 0;
        for (int j = 0; j < 6; j++)
        {
            double v = x.GetDouble($"x{j + 1}");
            shifted[j] = Math.Clamp(v + 0.03, 0, 1);
            bias += Math.Sin(3 * v) / 6;
        }

        return (0.8 * Hartmann6.Value(shifted)) + (0.3 * bias);
    }

    private static SearchSpace Build()
    {
        var builder = new SearchSpaceBuilder();
        for (int j = 1; j <= 6; j++)
        {
            builder.Float($"x{j}", 0, 1);
        }

        return builder.Tasks("task", new FidelityTask("proxy", 0.1), new FidelityTask("target", 1)).Build();
    }
}
