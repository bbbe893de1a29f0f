using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Tuning.MLNet;

/// <summary>Ready-made search spaces for ML.NET's binary classifiers (a <see cref="bool"/> label).</summary>
/// <remarks>
/// Every trainer runs on one thread (<c>NumberOfThreads = 1</c>): trials then run side by side
/// (<c>OptimizeAsync</c>'s <c>maxConcurrency</c>) without oversubscribing the cores, results do not depend on the
/// machine's thread count, and LightGBM's default threading, which spin-waits, cannot slow small data sets down by an
/// order of magnitude. Give more threads in <c>configure</c> to train one large model at a time.
/// </remarks>
public static class BinaryTrainerSpaces
{
    /// <summary>LightGBM (<c>BinaryClassification.Trainers.LightGbm</c>) over <see cref="LightGbmParameters"/>.</summary>
    /// <param name="configure">Sets fixed options (columns, threads, seed) after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<LightGbmBinaryTrainer.Options> LightGbm(Action<LightGbmBinaryTrainer.Options>? configure = null) => new(
        "LightGbm", TrainerTask.BinaryClassification, SearchSpace.From<LightGbmParameters>(), producesProbabilities: true,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<LightGbmParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.BinaryClassification.Trainers.LightGbm(o));

    /// <summary>FastTree boosted trees (<c>BinaryClassification.Trainers.FastTree</c>) over <see cref="FastTreeParameters"/>.</summary>
    /// <param name="configure">Sets fixed options after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<FastTreeBinaryTrainer.Options> FastTree(Action<FastTreeBinaryTrainer.Options>? configure = null) => new(
        "FastTree", TrainerTask.BinaryClassification, SearchSpace.From<FastTreeParameters>(), producesProbabilities: true,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<FastTreeParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.BinaryClassification.Trainers.FastTree(o));

    /// <summary>
    /// FastForest random forest (<c>BinaryClassification.Trainers.FastForest</c>) over <see cref="FastForestParameters"/>.
    /// It scores no probabilities, so it cannot be tuned for log-loss.
    /// </summary>
    /// <param name="configure">Sets fixed options after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<FastForestBinaryTrainer.Options> FastForest(Action<FastForestBinaryTrainer.Options>? configure = null) => new(
        "FastForest", TrainerTask.BinaryClassification, SearchSpace.From<FastForestParameters>(), producesProbabilities: false,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<FastForestParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.BinaryClassification.Trainers.FastForest(o));

    /// <summary>SDCA logistic regression (<c>BinaryClassification.Trainers.SdcaLogisticRegression</c>) over <see cref="SdcaParameters"/>.</summary>
    /// <param name="configure">Sets fixed options after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<SdcaLogisticRegressionBinaryTrainer.Options> SdcaLogisticRegression(Action<SdcaLogisticRegressionBinaryTrainer.Options>? configure = null) => new(
        "SdcaLogisticRegression", TrainerTask.BinaryClassification, SearchSpace.From<SdcaParameters>(), producesProbabilities: true,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<SdcaParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(o));

    /// <summary>L-BFGS logistic regression (<c>BinaryClassification.Trainers.LbfgsLogisticRegression</c>) over <see cref="LbfgsParameters"/>.</summary>
    /// <param name="configure">Sets fixed options after the tuned ones; the default is none.</param>
    /// <returns>The trainer's search space.</returns>
    /// <exception cref="ArgumentException"><paramref name="configure"/> sets the label or feature column name to null, empty or white space.</exception>
    public static TrainerSearchSpace<LbfgsLogisticRegressionBinaryTrainer.Options> LbfgsLogisticRegression(Action<LbfgsLogisticRegressionBinaryTrainer.Options>? configure = null) => new(
        "LbfgsLogisticRegression", TrainerTask.BinaryClassification, SearchSpace.From<LbfgsParameters>(), producesProbabilities: true,
        o => o.NumberOfThreads = 1,
        (o, v) => v.Bind<LbfgsParameters>().ApplyTo(o),
        configure,
        (ml, o) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(o));

    /// <summary>Gets every binary classifier's space, with ML.NET's default columns (<c>Label</c>, <c>Features</c>).</summary>
    /// <returns>LightGBM, FastTree, FastForest, SDCA logistic regression and L-BFGS logistic regression.</returns>
    public static IReadOnlyList<TrainerSearchSpace> All() =>
        [LightGbm(), FastTree(), FastForest(), SdcaLogisticRegression(), LbfgsLogisticRegression()];
}
