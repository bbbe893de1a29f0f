using System.Diagnostics;
using Microsoft.ML;

namespace MLNetSample;

/// <summary>What a k-fold cross-validation of one configuration measured.</summary>
/// <param name="LogLoss">
/// The mean log-loss over the held-out folds, in nats, with probabilities clipped to [1e-15, 1 − 1e-15] as scikit-learn
/// does (ML.NET's own log-loss is infinite for a model that is certain and wrong once, which FastTree's often is).
/// </param>
/// <param name="Auc">The mean area under the ROC curve over the held-out folds.</param>
/// <param name="TrainMilliseconds">The wall time of the whole cross-validation divided by the number of folds: about one fit and one scoring.</param>
/// <param name="ModelKilobytes">The size of the first fold's saved model.</param>
public sealed record CrossValidationResult(double LogLoss, double Auc, double TrainMilliseconds, double ModelKilobytes);

/// <summary>Runs ML.NET's k-fold cross-validation of a binary classifier on the breast-cancer rows.</summary>
public static class CrossValidation
{
    private const double Epsilon = 1e-15;

    /// <summary>
    /// Cross-validates a trainer made by <paramref name="createTrainer"/>; the folds depend only on <paramref name="seed"/>.
    /// Cancellation is checked before and after: one cross-validation takes about a second at most.
    /// </summary>
    public static CrossValidationResult Run(
        IReadOnlyList<BreastCancerRow> rows, Func<MLContext, IEstimator<ITransformer>> createTrainer, int folds, int seed, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // A context per evaluation: an MLContext is not meant to be shared by parallel trainings.
        var ml = new MLContext(seed);
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        var clock = Stopwatch.StartNew();
        var results = ml.BinaryClassification.CrossValidate(data, createTrainer(ml), numberOfFolds: folds, seed: seed);
        double trainMs = clock.Elapsed.TotalMilliseconds / folds;
        cancellationToken.ThrowIfCancellationRequested();

        double logLoss = results.Average(r => LogLoss(ml, r.ScoredHoldOutSet));
        using var model = new MemoryStream();
        ml.Model.Save(results[0].Model, data.Schema, model);
        return new CrossValidationResult(logLoss, results.Average(r => r.Metrics.AreaUnderRocCurve), trainMs, model.Length / 1024.0);
    }

    private static double LogLoss(MLContext ml, IDataView scored) =>
        ml.Data.CreateEnumerable<ScoredRow>(scored, reuseRowObject: false)
            .Average(row => -Math.Log(Math.Clamp(row.Label ? row.Probability : 1 - row.Probability, Epsilon, 1 - Epsilon)));

    private sealed class ScoredRow
    {
        public bool Label { get; set; }

        public float Probability { get; set; }
    }
}
