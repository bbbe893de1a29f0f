namespace QuickStart;

/// <summary>
/// L2-regularized logistic regression trained by mini-batch gradient descent with momentum: a small real model whose
/// quality depends strongly on its hyperparameters.
/// </summary>
internal static class LogisticRegression
{
    /// <summary>The mean k-fold cross-validated log-loss of a configuration.</summary>
    public static double CrossValidatedLogLoss(BreastCancerData data, Hyperparameters h, int folds = 5, int seed = 7)
    {
        int[] order = [.. Enumerable.Range(0, data.Count).OrderBy(_ => 0).ToArray().Shuffle(seed)];
        double total = 0;
        for (int fold = 0; fold < folds; fold++)
        {
            int[] test = [.. order.Where((_, i) => i % folds == fold)];
            int[] train = [.. order.Where((_, i) => i % folds != fold)];
            var scaler = Scaler.Fit(data.Features, train, h.Scaling);
            double[] w = Train(data, train, scaler, h, seed + fold);
            total += LogLoss(data, test, scaler, w);
        }

        return total / folds;
    }

    private static double[] Train(BreastCancerData data, int[] rows, Scaler scaler, Hyperparameters h, int seed)
    {
        int d = data.Features[0].Length;
        var w = new double[d + 1];
        var velocity = new double[d + 1];
        var gradient = new double[d + 1];
        var random = new Random(seed);
        int[] order = [.. rows];
        var x = new double[d];
        for (int epoch = 0; epoch < h.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (int start = 0; start < order.Length; start += h.BatchSize)
            {
                int end = Math.Min(start + h.BatchSize, order.Length);
                Array.Clear(gradient);
                for (int r = start; r < end; r++)
                {
                    scaler.Transform(data.Features[order[r]], x);
                    double error = Sigmoid(Dot(w, x)) - data.Labels[order[r]];
                    for (int j = 0; j < d; j++)
                    {
                        gradient[j] += error * x[j];
                    }

                    gradient[d] += error;
                }

                for (int j = 0; j <= d; j++)
                {
                    double g = (gradient[j] / (end - start)) + (j < d ? h.L2 * w[j] : 0);
                    velocity[j] = (h.Momentum * velocity[j]) - (h.LearningRate * g);
                    w[j] += velocity[j];
                }
            }
        }

        return w;
    }

    private static double LogLoss(BreastCancerData data, int[] rows, Scaler scaler, double[] w)
    {
        var x = new double[w.Length - 1];
        double loss = 0;
        foreach (int r in rows)
        {
            scaler.Transform(data.Features[r], x);
            double p = Math.Clamp(Sigmoid(Dot(w, x)), 1e-15, 1 - 1e-15);
            loss -= data.Labels[r] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }

        return loss / rows.Length;
    }

    private static double Dot(double[] w, double[] x)
    {
        double s = w[^1];
        for (int j = 0; j < x.Length; j++)
        {
            s += w[j] * x[j];
        }

        return s;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static T[] Shuffle<T>(this T[] items, int seed)
    {
        new Random(seed).Shuffle(items);
        return items;
    }
}
