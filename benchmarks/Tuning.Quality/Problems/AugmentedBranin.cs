namespace Tuning.Quality.Problems;

/// <summary>
/// BoTorch's <c>AugmentedBranin</c> (botorch/test_functions/multi_fidelity.py): Branin on [−5, 10] × [0, 15] whose
/// quadratic coefficient b becomes b − 0.1·(1 − s) at fidelity s ∈ [0, 1]; at s = 1 it is Branin, minimum 0.397887.
/// The cost is 5 + s (BoTorch's multi-fidelity tutorial), so the cheapest evaluation costs 5/6 of a target one.
/// </summary>
internal sealed class AugmentedBranin : IFidelityProblem
{
    public string Name => "Augmented Branin (cost 5 + s)";

    public SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("x1", -5, 10).Float("x2", 0, 15).FloatFidelity("s", 0, 1, fixedCost: 5).Build();

    public double Budget => 40;

    public double Optimum => 0.39788735772973816;

    public IReadOnlyList<(long Step, double Fidelity)> Reports { get; } = [.. Enumerable.Range(0, 9).Select(k => ((long)k + 1, k / 8.0))];

    public double TrueValue(ParameterValues x, double fidelity)
    {
        double x1 = x.GetDouble("x1"), x2 = x.GetDouble("x2");
        double b = (5.1 / (4 * Math.PI * Math.PI)) - (0.1 * (1 - fidelity)), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        double a = x2 - (b * x1 * x1) + (c * x1) - 6;
        return (a * a) + (10 * (1 - t) * Math.Cos(x1)) + 10;
    }
}
