using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Tuning.MLNet;

/// <summary>Ready-made search spaces for ML.NET's regression trainers (a <see cref="float"/> label).</summary>
/// <remarks>Every trainer runs on one thread, as <see cref="BinaryTrainerSpaces"/> explains; change it in <c>configure</c>.</remarks>
public static class RegressionTrainerSpaces
{
    /// <summary>LightGBM (<c>Regression.Trainers.LightGbm</c>) over <see cref="LightGbmParameters"/>.</summary>
    /// <param name="configure">Sets fixed options after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<LightGbmRegressionTrainer.Options> LightGbm(Action<LightGbmRegressionTrainer.Options>? configure = null) => new(
        "LightGbm", TrainerTask.Regression, SearchSpace.From<LightGbmParameters>(), producesProbabilities: false,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<LightGbmParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.Regression.Trainers.LightGbm(o));

    /// <summary>FastTree boosted trees (<c>Regression.Trainers.FastTree</c>) over <see cref="FastTreeParameters"/>.</summary>
    /// <param name="configure">Sets fixed options after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<FastTreeRegressionTrainer.Options> FastTree(Action<FastTreeRegressionTrainer.Options>? configure = null) => new(
        "FastTree", TrainerTask.Regression, SearchSpace.From<FastTreeParameters>(), producesProbabilities: false,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<FastTreeParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.Regression.Trainers.FastTree(o));

    /// <summary>FastForest random forest (<c>Regression.Trainers.FastForest</c>) over <see cref="FastForestParameters"/>.</summary>
    /// <param name="configure">Sets fixed options after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<FastForestRegressionTrainer.Options> FastForest(Action<FastForestRegressionTrainer.Options>? configure = null) => new(
        "FastForest", TrainerTask.Regression, SearchSpace.From<FastForestParameters>(), producesProbabilities: false,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<FastForestParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.Regression.Trainers.FastForest(o));

    /// <summary>SDCA least squares (<c>Regression.Trainers.Sdca</c>) over <see cref="SdcaParameters"/>.</summary>
    /// <param name="configure">Sets fixed options after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<SdcaRegressionTrainer.Options> Sdca(Action<SdcaRegressionTrainer.Options>? configure = null) => new(
        "Sdca", TrainerTask.Regression, SearchSpace.From<SdcaParameters>(), producesProbabilities: false,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<SdcaParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.Regression.Trainers.Sdca(o));

    /// <summary>Gets every regression trainer's space, with ML.NET's default columns (<c>Label</c>, <c>Features</c>).</summary>
    /// <returns>LightGBM, FastTree, FastForest and SDCA.</returns>
    public static IReadOnlyList<TrainerSearchSpace> All() => [LightGbm(), FastTree(), FastForest(), Sdca()];
}
