namespace Tuning.Quality.Problems;

/// <summary>
/// Logistic regression on standardized features (the training rows' mean and deviation), trained by mini-batch
/// gradient descent with momentum and an L2 penalty on the weights.
/// </summary>
internal sealed class LogisticModel
{
    private readonly BreastCancerData _data;
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[] _weights;

    public LogisticModel(BreastCancerData data, int[] trainingRows)
    {
        _data = data;
        int d = data.Features[0].Length;
        _mean = new double[d];
        _scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            _mean[j] = trainingRows.Average(r => data.Features[r][j]);
            _scale[j] = Math.Max(Math.Sqrt(trainingRows.Average(r => Math.Pow(data.Features[r][j] - _mean[j], 2))), 1e-12);
        }

        _weights = new double[d + 1];
    }

    public void Train(int[] rows, double learningRate, double l2, double momentum, int epochs, int batchSize, Random random)
    {
        int d = _mean.Length;
        var velocity = new double[d + 1];
        var gradient = new double[d + 1];
        int[] order = [.. rows];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            for (int start = 0; start < order.Length; start += batchSize)
            {
                int end = Math.Min(start + batchSize, order.Length);
                Array.Clear(gradient);
                for (int i = start; i < end; i++)
                {
                    int r = order[i];
                    double error = Probability(r) - _data.Labels[r];
                    for (int j = 0; j < d; j++)
                    {
                        gradient[j] += error * Feature(r, j);
                    }

                    gradient[d] += error;
                }

                for (int j = 0; j <= d; j++)
                {
                    double g = (gradient[j] / (end - start)) + (j < d ? l2 * _weights[j] : 0);
                    velocity[j] = (momentum * velocity[j]) - (learningRate * g);
                    _weights[j] += velocity[j];
                }
            }
        }
    }

    /// <summary>The mean log-loss on <paramref name="rows"/>, probabilities clipped to [1e-15, 1 − 1e-15].</summary>
    public double LogLoss(int[] rows) => rows.Average(r =>
    {
        double p = Math.Clamp(Probability(r), 1e-15, 1 - 1e-15);
        return _data.Labels[r] == 1 ? -Math.Log(p) : -Math.Log(1 - p);
    });

    private double Feature(int row, int j) => (_data.Features[row][j] - _mean[j]) / _scale[j];

    private double Probability(int row)
    {
        double z = _weights[^1];
        for (int j = 0; j < _mean.Length; j++)
        {
            z += _weights[j] * Feature(row, j);
        }

        return 1 / (1 + Math.Exp(-z));
    }
}
