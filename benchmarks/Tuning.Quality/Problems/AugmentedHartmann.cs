namespace Tuning.Quality.Problems;

/// <summary>
/// BoTorch's <c>AugmentedHartmann</c> (botorch/test_functions/multi_fidelity.py): Hartmann-6 on [0, 1]⁶ whose first
/// coefficient α₁ becomes α₁ − 0.1·(1 − s) at fidelity s ∈ [0, 1]; at s = 1 it is Hartmann-6, minimum −3.32237. The
/// cost is 5 + s, as in BoTorch's multi-fidelity tutorial.
/// </summary>
internal sealed class AugmentedHartmann : IFidelityProblem
{
    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];
    private static readonly double[,] A =
    {
        { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] P =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 }, { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 }, { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    public string Name => "Augmented Hartmann-6 (cost 5 + s)";

    public SearchSpace Space { get; } = Build();

    public double Budget => 60;

    public double Optimum => -3.3223680114155147;

    public IReadOnlyList<(long Step, double Fidelity)> Reports { get; } = [.. Enumerable.Range(0, 9).Select(k => ((long)k + 1, k / 8.0))];

    public double TrueValue(ParameterValues x, double fidelity)
    {
        double sum = 0;
        for (int i = 0; i < 4; i++)
        {
            double inner = 0;
            for (int j = 0; j < 6; j++)
            {
                double v = x.GetDouble($"x{j + 1}");
                inner += A[i, j] * (v - P[i, j]) * (v - P[i, j]);
            }

            double alpha = i == 0 ? Alpha[0] - (0.1 * (1 - fidelity)) : Alpha[i];
            sum += alpha * Math.Exp(-inner);
        }

        return -sum;
    }

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
