namespace Tuning.Quality.Problems;

/// <summary>
/// A real noisy objective: the 5-fold cross-validated log-loss of an L2-regularized logistic regression trained by
/// mini-batch gradient descent with momentum on the breast-cancer data (the model of <c>samples/QuickStart</c>), with
/// the folds and the mini-batch order drawn afresh for every trial, as a user's CV does when its seed is not pinned.
/// </summary>
/// <remarks>
/// The value a method is told is one such CV. The true value of a configuration, for the reported figure, is the mean
/// over <see cref="Repeats"/> fixed reshuffles. The optimum is unknown, so the "regret" column holds that mean log-loss
/// itself (optimum taken as 0): lower is better, and differences between methods are comparable.
/// </remarks>
internal sealed class NoisyLogisticRegression : IProblem
{
    private const int Folds = 5;
    private const int Repeats = 8;

    public string Name => "Logistic regression, breast cancer (CV log-loss, folds reshuffled per trial)";

    public SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("learning_rate", 1e-4, 1.0, log: true)
        .Float("l2", 1e-6, 1.0, log: true)
        .Float("momentum", 0.0, 0.95)
        .Int("epochs", 1, 30)
        .Int("batch_size", 8, 256, log: true)
        .Build();

    public int Budget => 50;

    public double Optimum => 0;

    public bool OptimumKnown => false;

    public double TrueValue(ParameterValues x)
    {
        double sum = 0;
        for (int r = 0; r < Repeats; r++)
        {
            sum += CrossValidatedLogLoss(x, 7919 * (r + 1));
        }

        return sum / Repeats;
    }

    public double Observe(ParameterValues x, Random noise) => CrossValidatedLogLoss(x, noise.Next());

    private static double CrossValidatedLogLoss(ParameterValues x, int seed)
    {
        BreastCancerData data = BreastCancerData.Instance;
        var random = new Random(seed);
        int[] order = [.. Enumerable.Range(0, data.Labels.Length)];
        random.Shuffle(order);
        double total = 0;
        for (int fold = 0; fold < Folds; fold++)
        {
            int[] test = [.. order.Where((_, i) => i % Folds == fold)];
            int[] train = [.. order.Where((_, i) => i % Folds != fold)];
            var model = new LogisticModel(data, train);
            model.Train(train, x.GetDouble("learning_rate"), x.GetDouble("l2"), x.GetDouble("momentum"), x.GetInt("epochs"), x.GetInt("batch_size"), random);
            double loss = model.LogLoss(test);

            // A diverged run scores as badly as predicting with certainty and being wrong half the time.
            total += double.IsFinite(loss) ? Math.Min(loss, 17.3) : 17.3;
        }

        return total / Folds;
    }
}
