namespace Tuning.Quality.Problems;

/// <summary>Hartmann-6 on [0, 1]⁶; global minimum −3.32237. A validation problem outside the main suite.</summary>
internal sealed class Hartmann6 : IProblem
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

    public string Name => "Hartmann-6 (validation)";

    public SearchSpace Space { get; } = Build();

    public int Budget => 80;

    public double? BoTorchMedianRegret => 2.31e-4;

    /// <summary>Hartmann-6's global minimum, at (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573).</summary>
    public const double Minimum = -3.3223680114155147;

    public double Optimum => Minimum;

    public double TrueValue(ParameterValues x) => Value(x, 0);

    /// <summary>Hartmann-6 at x, with the first coefficient α₁ lowered by <paramref name="firstAlphaShift"/>.</summary>
    internal static double Value(ParameterValues x, double firstAlphaShift) =>
        Value([.. Enumerable.Range(1, 6).Select(j => x.GetDouble($"x{j}"))], firstAlphaShift);

    /// <summary>Hartmann-6 at a point given as 6 coordinates (anywhere, not only in the unit cube).</summary>
    internal static double Value(double[] x, double firstAlphaShift = 0)
    {
        double sum = 0;
        for (int i = 0; i < 4; i++)
        {
            double inner = 0;
            for (int j = 0; j < 6; j++)
            {
                double v = x[j];
                inner += A[i, j] * (v - P[i, j]) * (v - P[i, j]);
            }

            sum += (i == 0 ? Alpha[0] - firstAlphaShift : Alpha[i]) * Math.Exp(-inner);
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

        return builder.Build();
    }
}
