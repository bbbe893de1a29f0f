namespace Tuning.Quality.Problems;

/// <summary>
/// A tuning-shaped validation problem in 5-D with log scales, an int and a step: a smooth bowl in log learning rate and
/// log regularization with an interaction, a plateau in batch size, and a small int effect. Minimum 0.1.
/// </summary>
internal sealed class TrainingSurface : IProblem
{
    public string Name => "Training surface 5-D (validation)";

    public SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("lr", 1e-5, 1, log: true)
        .Float("l2", 1e-7, 1e-1, log: true)
        .Int("batch", 8, 512, log: true)
        .Float("momentum", 0, 0.99, step: 0.01)
        .Int("layers", 1, 6)
        .Build();

    public int Budget => 60;

    public double Optimum => 0.1;

    public double TrueValue(ParameterValues x)
    {
        double lr = Math.Log10(x.GetDouble("lr")), l2 = Math.Log10(x.GetDouble("l2")), batch = Math.Log2(x.GetInt("batch"));
        double m = x.GetDouble("momentum");
        int layers = x.GetInt("layers");
        double bestLr = -2.5 + (0.3 * (batch - 6)) - (0.8 * (m - 0.9));
        return 0.1 + (0.08 * Math.Pow(lr - bestLr, 2)) + (0.03 * Math.Pow(l2 + 4, 2)) + (0.02 * Math.Pow(layers - 3, 2))
            + (0.05 * Math.Pow(Math.Max(0, Math.Abs(batch - 6) - 1), 2)) + (0.2 * Math.Pow(m - 0.9, 2));
    }
}
