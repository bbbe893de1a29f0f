using Microsoft.ML.Trainers;

namespace Tuning.MLNet;

/// <summary>
/// The hyperparameters of the SDCA trainers (stochastic dual coordinate ascent: logistic regression, maximum entropy,
/// least squares) that <see cref="BinaryTrainerSpaces.SdcaLogisticRegression"/>,
/// <see cref="MulticlassTrainerSpaces.SdcaMaximumEntropy"/> and <see cref="RegressionTrainerSpaces.Sdca"/> tune.
/// Each property is a parameter of the same name.
/// </summary>
/// <remarks>
/// The ranges are those ML.NET's SDCA options suggest for sweeping (<c>SdcaTrainerBase.OptionsBase</c>: L2 constant
/// 1e-7…1e-2, L1 threshold 0…1, convergence tolerance 0.001…0.2), the L2 range extended one decade up for small data
/// sets. SDCA needs normalized features (for example <c>NormalizeMinMax</c> in the featurizer).
/// A new instance holds ML.NET's classification defaults where they are numbers (a convergence tolerance of 0.1, where
/// ML.NET's regression default is 0.01), and 1e-4 for the L2 constant ML.NET infers. To start a regression study from
/// ML.NET's own settings, set <see cref="ConvergenceTolerance"/> to 0.01 before enqueueing the instance.
/// </remarks>
public sealed class SdcaParameters
{
    /// <summary>Gets or sets the L2 regularization constant: 1e-7–0.1, log scale (ML.NET infers one from the data by default).</summary>
    [FloatRange(1e-7, 0.1, Log = true)]
    public double L2Regularization { get; set; } = 1e-4;

    /// <summary>Gets or sets the L1 soft threshold, relative to the L2 constant: 0–1 (ML.NET infers one from the data by default).</summary>
    [FloatRange(0, 1)]
    public double L1Regularization { get; set; }

    /// <summary>Gets or sets the duality-gap tolerance at which training stops: 0.001–0.2, log scale (ML.NET's default is 0.1, or 0.01 for regression).</summary>
    [FloatRange(0.001, 0.2, Log = true)]
    public double ConvergenceTolerance { get; set; } = 0.1;

    internal void ApplyTo(SdcaLogisticRegressionBinaryTrainer.Options options) =>
        (options.L2Regularization, options.L1Regularization, options.ConvergenceTolerance) = ((float)L2Regularization, (float)L1Regularization, (float)ConvergenceTolerance);

    internal void ApplyTo(SdcaMaximumEntropyMulticlassTrainer.Options options) =>
        (options.L2Regularization, options.L1Regularization, options.ConvergenceTolerance) = ((float)L2Regularization, (float)L1Regularization, (float)ConvergenceTolerance);

    internal void ApplyTo(SdcaRegressionTrainer.Options options) =>
        (options.L2Regularization, options.L1Regularization, options.ConvergenceTolerance) = ((float)L2Regularization, (float)L1Regularization, (float)ConvergenceTolerance);
}
