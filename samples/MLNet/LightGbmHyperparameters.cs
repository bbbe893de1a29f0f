using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using Tuning;

namespace MLNetSample;

/// <summary>
/// The hyperparameters of ML.NET's LightGBM binary classifier that the sample tunes. The booster is plain gradient
/// boosting (<c>gbdt</c>) or DART, which drops a fraction of the trees at each round; that fraction exists only for
/// DART, so it is a conditional parameter.
/// </summary>
public sealed record LightGbmHyperparameters(
    int NumberOfTrees,
    double LearningRate,
    int NumberOfLeaves,
    int MinimumExamplesPerLeaf,
    double FeatureFraction,
    double L2Regularization,
    string Booster,
    double? TreeDropFraction)
{
    public const string Gbdt = "gbdt";
    public const string Dart = "dart";

    /// <summary>Gets the search space that <see cref="FromTrial"/> reads.</summary>
    public static SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Int("number_of_trees", 10, 500, log: true)
        .Float("learning_rate", 0.005, 0.5, log: true)
        .Int("number_of_leaves", 2, 64, log: true)
        .Int("min_examples_per_leaf", 1, 64, log: true)
        .Float("feature_fraction", 0.3, 1.0)
        .Float("l2_regularization", 1e-4, 10, log: true)
        .Categorical("booster", Gbdt, Dart)
        .Float("tree_drop_fraction", 0.01, 0.5, log: true, when: ("booster", Dart))
        .Build();

    public static LightGbmHyperparameters FromTrial(Trial trial) => new(
        trial.GetInt("number_of_trees"),
        trial.GetDouble("learning_rate"),
        trial.GetInt("number_of_leaves"),
        trial.GetInt("min_examples_per_leaf"),
        trial.GetDouble("feature_fraction"),
        trial.GetDouble("l2_regularization"),
        trial.GetString("booster"),
        trial.IsActive("tree_drop_fraction") ? trial.GetDouble("tree_drop_fraction") : null);

    /// <summary>
    /// Creates the trainer. One thread: trials run in parallel, and LightGBM's default threading spin-waits on a small
    /// machine (seconds instead of a fraction of one per cross-validation).
    /// </summary>
    public IEstimator<ITransformer> CreateTrainer(MLContext ml)
    {
        BoosterParameterBase.OptionsBase booster = Booster == Dart
            ? new DartBooster.Options { TreeDropFraction = TreeDropFraction ?? 0.1, FeatureFraction = FeatureFraction, L2Regularization = L2Regularization }
            : new GradientBooster.Options { FeatureFraction = FeatureFraction, L2Regularization = L2Regularization };
        return ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = NumberOfTrees,
            LearningRate = LearningRate,
            NumberOfLeaves = NumberOfLeaves,
            MinimumExampleCountPerLeaf = MinimumExamplesPerLeaf,
            Booster = booster,
            NumberOfThreads = 1,
            Seed = 1,
        });
    }
}
