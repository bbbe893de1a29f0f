namespace Tuning.Quality.Problems;

/// <summary>
/// BoTorch's <c>AugmentedHartmann</c> (botorch/test_functions/multi_fidelity.py): Hartmann-6 on [0, 1]⁶ whose first
/// coefficient α₁ becomes α₁ − 0.1·(1 − s) at fidelity s ∈ [0, 1]; at s = 1 it is Hartmann-6, minimum −3.32237. The
/// cost is 5 + s, as in BoTorch's multi-fidelity tutorial.
/// </summary>
internal sealed class AugmentedHartmann : IFidelityProblem
{
    public string Name => "Augmented Hartmann-6 (cost 5 + s)";

    public SearchSpace Space { get; } = Build();

    public double Budget => 60;

    public double Optimum => Hartmann6.Minimum;

    public IReadOnlyList<(long Step, double Fidelity)> Reports { get; } = [.. Enumerable.Range(0, 9).Select(k => ((long)k + 1, k / 8.0))];

    public double TrueValue(ParameterValues x, double fidelity) => Hartmann6.Value(x, 0.1 * (1 - fidelity));

    private static SearchSpace Build()
    {
        var builder = new SearchSpaceBuilder();
        for (int j = 1; j <= 6; j++)
        {
            builder.Float($"x{j}", 0, 1);
        }

        return builder.FloatFidelity("s", 0, 1, fixedCost: 5).Build();
    }
}
