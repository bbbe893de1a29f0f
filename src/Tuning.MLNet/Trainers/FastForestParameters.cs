using Microsoft.ML.Trainers.FastTree;

namespace Tuning.MLNet;

/// <summary>
/// The FastForest (random forest) hyperparameters that <see cref="BinaryTrainerSpaces.FastForest"/> and
/// <see cref="RegressionTrainerSpaces.FastForest"/> tune. Each property is a parameter of the same name.
/// </summary>
/// <remarks>
/// Probst, Wright and Boulesteix (Hyperparameters and tuning strategies for random forest, WIREs Data Mining and
/// Knowledge Discovery, 2019) find the fraction of features and the sample fraction the most tunable, the minimum node
/// size next, and the number of trees best set "as large as affordable" rather than tuned; their tuneRanger searches
/// the sample fraction on 0.2–0.9. ML.NET's AutoML tunes trees and leaves on 4–32768 (log) and the feature fraction on
/// (0, 1] (<c>fast_forest_search_space.json</c>). The ranges here keep a trial to seconds on thousands of rows.
/// A new instance holds ML.NET's defaults, so <c>study.Enqueue(new FastForestParameters())</c> makes them the first trial.
/// </remarks>
public sealed class FastForestParameters
{
    /// <summary>Gets or sets the number of trees: 10–500, log scale (ML.NET's default is 100).</summary>
    [IntRange(10, 500, Log = true)]
    public int NumberOfTrees { get; set; } = 100;

    /// <summary>Gets or sets the maximum number of leaves per tree: 2–128, log scale (ML.NET's default is 20).</summary>
    [IntRange(2, 128, Log = true)]
    public int NumberOfLeaves { get; set; } = 20;

    /// <summary>Gets or sets the minimum number of examples in a leaf: 1–100, log scale (ML.NET's default is 10).</summary>
    [IntRange(1, 100, Log = true)]
    public int MinimumExampleCountPerLeaf { get; set; } = 10;

    /// <summary>Gets or sets the fraction of features each tree sees: 0.1–1 (ML.NET's default is 0.7).</summary>
    [FloatRange(0.1, 1.0)]
    public double FeatureFraction { get; set; } = 0.7;

    /// <summary>Gets or sets the fraction of examples each tree is trained on: 0.2–0.9 (ML.NET's default is 0.7).</summary>
    [FloatRange(0.2, 0.9)]
    public double BaggingExampleFraction { get; set; } = 0.7;

    internal void ApplyTo(TreeOptions options)
    {
        options.NumberOfTrees = NumberOfTrees;
        options.NumberOfLeaves = NumberOfLeaves;
        options.MinimumExampleCountPerLeaf = MinimumExampleCountPerLeaf;
        options.FeatureFraction = FeatureFraction;
        options.BaggingExampleFraction = BaggingExampleFraction;
    }
}
