namespace Tuning.Quality.Problems;

/// <summary>
/// A conditional space shaped like choosing a model and tuning it: a 3-way model choice, each model with its own
/// parameters (active only when it is chosen), and two shared ones. The network is best (0.10) at a learning rate
/// that moves with the batch size, width 128, dropout 0.2 and scale 0.3; the tree's basin (0.20) is a decoy and the
/// linear model's (0.30) a worse one. Held out.
/// </summary>
internal sealed class ConditionalModelChoice : IProblem
{
    public string Name => "Conditional model choice (3 models, 8 parameters, held out)";

    public SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Categorical("model", "linear", "tree", "net")
        .Float("l2", 1e-6, 10, log: true, when: ("model", "linear"))
        .Int("depth", 1, 20, when: ("model", "tree"))
        .Float("min_leaf", 0.001, 0.2, when: ("model", "tree"))
        .Float("learning_rate", 1e-5, 1, log: true, when: ("model", "net"))
        .Int("width", 8, 512, log: true, when: ("model", "net"))
        .Float("dropout", 0, 0.7, when: ("model", "net"))
        .Float("scale", 0, 1)
        .Int("batch", 16, 512, log: true)
        .Build();

    public int Budget => 60;

    public double Optimum => 0.10;

    public double TrueValue(ParameterValues x)
    {
        double shared = 0.05 * Math.Pow(x.GetDouble("scale") - 0.3, 2);
        double logBatch = Math.Log2(x.GetInt("batch"));
        return shared + x.GetString("model") switch
        {
            "linear" => 0.30 + (0.02 * Math.Pow(Math.Log10(x.GetDouble("l2")) + 2, 2)),
            "tree" => 0.20 + (0.002 * Math.Pow(x.GetInt("depth") - 9, 2)) + (3 * Math.Pow(x.GetDouble("min_leaf") - 0.03, 2)),
            _ => 0.10
                + (0.05 * Math.Pow(Math.Log10(x.GetDouble("learning_rate")) - (-2.7 + (0.25 * (logBatch - 6))), 2))
                + (0.03 * Math.Pow(Math.Log2(x.GetInt("width")) - 7, 2))
                + (0.4 * Math.Pow(x.GetDouble("dropout") - 0.2, 2)),
        };
    }
}
