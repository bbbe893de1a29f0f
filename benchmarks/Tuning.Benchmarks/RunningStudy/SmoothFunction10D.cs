namespace Tuning.Benchmarks.RunningStudy;

/// <summary>
/// The 10-D problem of the speed measurements (the same as <see cref="AskBenchmarks"/> and the Optuna reference runs):
/// x ∈ [0, 1]¹⁰, y = Σₖ sin(3xₖ + k) + xₖ², minimized.
/// </summary>
internal static class SmoothFunction10D
{
    public const int Dimensions = 10;

    public static SearchSpace Space { get; } = Build();

    public static double Value(Trial trial)
    {
        double y = 0;
        for (int k = 0; k < Dimensions; k++)
        {
            double x = trial.GetDouble($"x{k}");
            y += Math.Sin((3 * x) + k) + (x * x);
        }

        return y;
    }

    private static SearchSpace Build()
    {
        var builder = new SearchSpaceBuilder();
        for (int k = 0; k < Dimensions; k++)
        {
            builder.Float($"x{k}", 0, 1);
        }

        return builder.Build();
    }
}
