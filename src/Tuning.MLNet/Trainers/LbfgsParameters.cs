using Microsoft.ML.Trainers;

namespace Tuning.MLNet;

/// <summary>
/// The hyperparameters of the L-BFGS trainers (logistic regression and maximum entropy) that
/// <see cref="BinaryTrainerSpaces.LbfgsLogisticRegression"/> and <see cref="MulticlassTrainerSpaces.LbfgsMaximumEntropy"/>
/// tune. Each property is a parameter of the same name.
/// </summary>
/// <remarks>
/// ML.NET's AutoML tunes the two penalties on [0.03125, 32768] (log; <c>lbfgs_search_space.json</c>); the penalties
/// weigh against the summed (not averaged) loss, so the range here, 1e-4–1000, spans from almost no penalty to a model
/// close to the prior on data sets of hundreds to millions of rows. The history sizes are those ML.NET's options suggest
/// for sweeping (5, 20, 50).
/// A new instance holds ML.NET's defaults, so <c>study.Enqueue(new LbfgsParameters())</c> makes them the first trial.
/// </remarks>
public sealed class LbfgsParameters
{
    /// <summary>Gets or sets the L2 penalty: 1e-4–1000, log scale (ML.NET's default is 1).</summary>
    [FloatRange(1e-4, 1000, Log = true)]
    public double L2Regularization { get; set; } = 1;

    /// <summary>Gets or sets the L1 penalty: 1e-4–1000, log scale (ML.NET's default is 1).</summary>
    [FloatRange(1e-4, 1000, Log = true)]
    public double L1Regularization { get; set; } = 1;

    /// <summary>Gets or sets the number of past updates L-BFGS keeps: 5, 20 or 50 (ML.NET's default is 20).</summary>
    [Choices(5, 20, 50)]
    public int HistorySize { get; set; } = 20;

    internal void ApplyTo(LbfgsLogisticRegressionBinaryTrainer.Options options) =>
        (options.L2Regularization, options.L1Regularization, options.HistorySize) = ((float)L2Regularization, (float)L1Regularization, HistorySize);

    internal void ApplyTo(LbfgsMaximumEntropyMulticlassTrainer.Options options) =>
        (options.L2Regularization, options.L1Regularization, options.HistorySize) = ((float)L2Regularization, (float)L1Regularization, HistorySize);
}
