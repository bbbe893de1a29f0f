using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace Tuning.MLNet;

/// <summary>Ready-made search spaces for ML.NET's multiclass classifiers (a key-typed label).</summary>
/// <remarks>Every trainer runs on one thread, as <see cref="BinaryTrainerSpaces"/> explains; change it in <c>configure</c>.</remarks>
public static class MulticlassTrainerSpaces
{
    /// <summary>LightGBM (<c>MulticlassClassification.Trainers.LightGbm</c>) over <see cref="LightGbmParameters"/>.</summary>
    /// <param name="configure">Sets fixed options after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<LightGbmMulticlassTrainer.Options> LightGbm(Action<LightGbmMulticlassTrainer.Options>? configure = null) => new(
        "LightGbm", TrainerTask.MulticlassClassification, SearchSpace.From<LightGbmParameters>(), producesProbabilities: true,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<LightGbmParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.MulticlassClassification.Trainers.LightGbm(o));

    /// <summary>SDCA maximum entropy (<c>MulticlassClassification.Trainers.SdcaMaximumEntropy</c>) over <see cref="SdcaParameters"/>.</summary>
    /// <param name="configure">Sets fixed options after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<SdcaMaximumEntropyMulticlassTrainer.Options> SdcaMaximumEntropy(Action<SdcaMaximumEntropyMulticlassTrainer.Options>? configure = null) => new(
        "SdcaMaximumEntropy", TrainerTask.MulticlassClassification, SearchSpace.From<SdcaParameters>(), producesProbabilities: true,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<SdcaParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(o));

    /// <summary>L-BFGS maximum entropy (<c>MulticlassClassification.Trainers.LbfgsMaximumEntropy</c>) over <see cref="LbfgsParameters"/>.</summary>
    /// <param name="configure">Sets fixed options after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<LbfgsMaximumEntropyMulticlassTrainer.Options> LbfgsMaximumEntropy(Action<LbfgsMaximumEntropyMulticlassTrainer.Options>? configure = null) => new(
        "LbfgsMaximumEntropy", TrainerTask.MulticlassClassification, SearchSpace.From<LbfgsParameters>(), producesProbabilities: true,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<LbfgsParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(o));

    /// <summary>Gets every multiclass classifier's space, with ML.NET's default columns (<c>Label</c>, <c>Features</c>).</summary>
    /// <returns>LightGBM, SDCA maximum entropy and L-BFGS maximum entropy.</returns>
    public static IReadOnlyList<TrainerSearchSpace> All() => [LightGbm(), SdcaMaximumEntropy(), LbfgsMaximumEntropy()];
}
