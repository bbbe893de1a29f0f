using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace MLNetSample;

/// <summary>
/// The baselines: ML.NET's boosted-tree trainers with their default hyperparameters (only the thread count set to 1,
/// which changes speed, not results).
/// </summary>
public static class DefaultTrainers
{
    public static IReadOnlyDictionary<string, Func<MLContext, IEstimator<ITransformer>>> All { get; } =
        new Dictionary<string, Func<MLContext, IEstimator<ITransformer>>>
        {
            ["LightGBM"] = ml => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfThreads = 1 }),
            ["FastTree"] = ml => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { NumberOfThreads = 1 }),
        };
}
