using Microsoft.ML.Trainers.FastTree;

namespace Tuning.MLNet;

/// <summary>
/// The FastTree (gradient-boosted trees, MART) hyperparameters that <see cref="BinaryTrainerSpaces.FastTree"/> and
/// <see cref="RegressionTrainerSpaces.FastTree"/> tune. Each property is a parameter of the same name.
/// </summary>
/// <remarks>
/// ML.NET's AutoML tunes the same options (trees and leaves 4–32768 log, at least 2–128 examples per leaf log, feature
/// fraction up to 1, learning rate 2e-10–1 log; <c>fast_tree_search_space.json</c>); the ranges here are
/// narrowed to what trains in seconds on data sets of thousands of rows, and the learning rate follows Friedman's
/// advice (Greedy Function Approximation, 2001) that small shrinkage with more trees generalizes better.
/// A new instance holds ML.NET's defaults, so <c>study.Enqueue(new FastTreeParameters())</c> makes them the first trial.
/// </remarks>
public sealed class FastTreeParameters
{
    /// <summary>Gets or sets the number of trees: 10–1000, log scale (ML.NET's default is 100).</summary>
    [IntRange(10, 1000, Log = true)]
    public int NumberOfTrees { get; set; } = 100;

    /// <summary>Gets or sets the shrinkage of each tree: 0.005–0.5, log scale (ML.NET's default is 0.2).</summary>
    [FloatRange(0.005, 0.5, Log = true)]
    public double LearningRate { get; set; } = 0.2;

    /// <summary>Gets or sets the maximum number of leaves per tree: 2–128, log scale (ML.NET's default is 20).</summary>
    [IntRange(2, 128, Log = true)]
    public int NumberOfLeaves { get; set; } = 20;

    /// <summary>Gets or sets the minimum number of examples in a leaf: 1–100, log scale (ML.NET's default is 10).</summary>
    [IntRange(1, 100, Log = true)]
    public int MinimumExampleCountPerLeaf { get; set; } = 10;

    /// <summary>Gets or sets the fraction of features each tree sees: 0.4–1 (ML.NET's default is 1).</summary>
    [FloatRange(0.4, 1.0)]
    public double FeatureFraction { get; set; } = 1;

    internal void ApplyTo(BoostedTreeOptions options)
    {
        options.NumberOfTrees = NumberOfTrees;
        options.LearningRate = LearningRate;
        options.NumberOfLeaves = NumberOfLeaves;
        options.MinimumExampleCountPerLeaf = MinimumExampleCountPerLeaf;
        options.FeatureFraction = FeatureFraction;
    }
}
