namespace Tuning.Quality.Problems;

/// <summary>
/// A mixed problem shaped like tuning a training run: a log-scaled learning rate, an integer depth and a 3-way
/// optimizer choice, whose best learning rate depends on the optimizer and the depth. Minimum 0.05 at
/// (lr = 3e-3, depth = 6, "adamw").
/// </summary>
internal sealed class MixedTraining : IProblem
{
    public string Name => "Mixed (log float, int, categorical)";

    public SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("learning_rate", 1e-5, 1, log: true)
        .Int("depth", 1, 12)
        .Categorical("optimizer", "sgd", "adam", "adamw")
        .Build();

    public int Budget => 50;

    public double Optimum => 0.05;

    public double TrueValue(ParameterValues x)
    {
        double logLr = Math.Log10(x.GetDouble("learning_rate"));
        int depth = x.GetInt("depth");
        (double bestLogLr, double floor) = x.GetString("optimizer") switch
        {
            "sgd" => (-1.0, 0.30),
            "adam" => (-2.3, 0.10),
            _ => (-2.5 + (0.02 * (depth - 6)), 0.05),
        };
        double lrTerm = 0.15 * Math.Pow(logLr - bestLogLr, 2);
        double depthTerm = 0.01 * Math.Pow(depth - 6, 2);
        return floor + lrTerm + depthTerm + (0.02 * Math.Pow(Math.Sin(3 * logLr), 2) * Math.Abs(depth - 6) / 6);
    }
}
