namespace Tuning.Quality.Problems;

/// <summary>
/// A cheap fidelity whose optimum lies elsewhere, on a range: the value at fidelity s ∈ [0.1, 1] (cost ∝ s) is
/// Hartmann-6 at x + (1 − s)·δ, so the optimum drifts from the target's x* = (0.20, 0.15, 0.48, 0.28, 0.31, 0.66) at
/// s = 1 to x* − 0.9·δ = (0.65, 0.65, 0.21, 0.73, 0.76, 0.39) at s = 0.1, δ = (−0.5, −0.55, 0.3, −0.5, −0.5, 0.3).
/// Cheap runs rank configurations well near their own optimum and badly near the target's: learning where the
/// optimum goes as s grows, or relying on the target, pays; trusting cheap runs does not.
/// </summary>
internal sealed class DriftingOptimum : IFidelityProblem
{
    private static readonly double[] Drift = [-0.5, -0.55, 0.3, -0.5, -0.5, 0.3];

    public string Name => "Drifting optimum (Hartmann-6; cheap optimum elsewhere, s 0.1-1)";

    public SearchSpace Space { get; } = Build();

    public double Budget => 60;

    public double Optimum => Hartmann6.Minimum;

    public IReadOnlyList<(long Step, double Fidelity)> Reports { get; } = [(1, 0.1), (2, 0.3), (3, 1)];

    public bool CheapFidelityIsInformative => false;

    public double TrueValue(ParameterValues x, double fidelity)
    {
        double[] shifted = new double[Drift.Length];
        for (int j = 0; j < Drift.Length; j++)
        {
            shifted[j] = x.GetDouble($"x{j + 1}") + ((1 - fidelity) * Drift[j]);
        }

        return Hartmann6.Value(shifted);
    }

    private static SearchSpace Build()
    {
        var builder = new SearchSpaceBuilder();
        for (int j = 1; j <= 6; j++)
        {
            builder.Float($"x{j}", 0, 1);
        }

        return builder.FloatFidelity("s", 0.1, 1).Build();
    }
}
