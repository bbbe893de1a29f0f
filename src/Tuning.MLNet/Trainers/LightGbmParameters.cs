using Microsoft.ML.Trainers.LightGbm;

namespace Tuning.MLNet;

/// <summary>
/// The LightGBM hyperparameters that <see cref="BinaryTrainerSpaces.LightGbm"/>, <see cref="MulticlassTrainerSpaces.LightGbm"/>
/// and <see cref="RegressionTrainerSpaces.LightGbm"/> tune, with gradient boosting (<c>gbdt</c>) as the booster. Each
/// property is a parameter of the same name (read a trial with <c>trial.Bind&lt;LightGbmParameters&gt;()</c>).
/// </summary>
/// <remarks>
/// The ranges follow Optuna's stepwise LightGBM tuner (<c>optuna.integration.lightgbm</c>: L1 and L2 in [1e-8, 10] log,
/// leaves 2–256, feature and bagging fractions 0.4–1, at least 5–100 examples per leaf) and LightGBM's
/// "Parameters Tuning" guide (more iterations with a smaller learning rate; fewer leaves and more examples per leaf
/// against over-fitting), with the lower bounds of leaf size and iterations widened for small data sets. Bagging
/// draws a new sample at every iteration (<c>SubsampleFrequency = 1</c>). A new instance holds LightGBM's own defaults
/// (L1 at the range's floor for 0), so <c>study.Enqueue(new LightGbmParameters())</c> makes them the first trial;
/// ML.NET's trainer, left to itself, picks the learning rate, the leaves and the leaf size from the data's size.
/// </remarks>
public sealed class LightGbmParameters
{
    /// <summary>Gets or sets the number of boosting iterations (trees): 10–1000, log scale (ML.NET's default is 100).</summary>
    [IntRange(10, 1000, Log = true)]
    public int NumberOfIterations { get; set; } = 100;

    /// <summary>Gets or sets the shrinkage of each tree: 0.005–0.5, log scale (LightGBM's default is 0.1; ML.NET picks one from the data's size).</summary>
    [FloatRange(0.005, 0.5, Log = true)]
    public double LearningRate { get; set; } = 0.1;

    /// <summary>Gets or sets the maximum number of leaves per tree: 2–256, log scale (LightGBM's default is 31; ML.NET picks one from the data's size).</summary>
    [IntRange(2, 256, Log = true)]
    public int NumberOfLeaves { get; set; } = 31;

    /// <summary>Gets or sets the minimum number of examples in a leaf: 1–100, log scale (LightGBM's default is 20; ML.NET picks one from the data's size).</summary>
    [IntRange(1, 100, Log = true)]
    public int MinimumExampleCountPerLeaf { get; set; } = 20;

    /// <summary>Gets or sets the fraction of features each tree sees: 0.4–1 (the default is 1).</summary>
    [FloatRange(0.4, 1.0)]
    public double FeatureFraction { get; set; } = 1;

    /// <summary>Gets or sets the fraction of examples each iteration trains on (bagging): 0.4–1 (the default is 1, no bagging).</summary>
    [FloatRange(0.4, 1.0)]
    public double SubsampleFraction { get; set; } = 1;

    /// <summary>Gets or sets the L1 penalty on leaf values: 1e-8–10, log scale (LightGBM's default is 0; a new instance holds the range's floor).</summary>
    [FloatRange(1e-8, 10, Log = true)]
    public double L1Regularization { get; set; } = 1e-8;

    /// <summary>Gets or sets the L2 penalty on leaf values: 1e-8–10, log scale (the default is 0.01).</summary>
    [FloatRange(1e-8, 10, Log = true)]
    public double L2Regularization { get; set; } = 0.01;

    internal void ApplyTo(LightGbmBinaryTrainer.Options options)
    {
        (options.NumberOfIterations, options.LearningRate, options.NumberOfLeaves, options.MinimumExampleCountPerLeaf, options.Booster) =
            (NumberOfIterations, LearningRate, NumberOfLeaves, MinimumExampleCountPerLeaf, Booster());
    }

    internal void ApplyTo(LightGbmMulticlassTrainer.Options options)
    {
        (options.NumberOfIterations, options.LearningRate, options.NumberOfLeaves, options.MinimumExampleCountPerLeaf, options.Booster) =
            (NumberOfIterations, LearningRate, NumberOfLeaves, MinimumExampleCountPerLeaf, Booster());
    }

    internal void ApplyTo(LightGbmRegressionTrainer.Options options)
    {
        (options.NumberOfIterations, options.LearningRate, options.NumberOfLeaves, options.MinimumExampleCountPerLeaf, options.Booster) =
            (NumberOfIterations, LearningRate, NumberOfLeaves, MinimumExampleCountPerLeaf, Booster());
    }

    private GradientBooster.Options Booster() => new()
    {
        FeatureFraction = FeatureFraction,
        SubsampleFraction = SubsampleFraction,
        SubsampleFrequency = SubsampleFraction < 1 ? 1 : 0,
        L1Regularization = L1Regularization,
        L2Regularization = L2Regularization,
    };
}
