using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tuning.MLNet;

/// <summary>Computes every metric of a task on one held-out fold's scored rows.</summary>
internal static class FoldMetrics
{
    /// <summary>The probability bounds of the log-loss, as scikit-learn clips them: a certain mistake costs ln(1e15) ≈ 34.5, not infinity.</summary>
    private const double Epsilon = 1e-15;

    public static Dictionary<string, double> Compute(MLContext ml, TrainerSearchSpace trainer, IDataView scored)
    {
        string label = trainer.LabelColumnName;
        switch (trainer.Task)
        {
            case TrainerTask.BinaryClassification:
                BinaryClassificationMetrics binary = trainer.ProducesProbabilities
                    ? ml.BinaryClassification.Evaluate(scored, label)
                    : ml.BinaryClassification.EvaluateNonCalibrated(scored, label);
                var result = new Dictionary<string, double>
                {
                    ["auc"] = binary.AreaUnderRocCurve,
                    ["accuracy"] = binary.Accuracy,
                    ["auprc"] = binary.AreaUnderPrecisionRecallCurve,
                    ["f1"] = binary.F1Score,
                };
                if (trainer.ProducesProbabilities)
                {
                    result["log_loss"] = BinaryLogLoss(scored, label);
                }

                return result;
            case TrainerTask.MulticlassClassification:
                MulticlassClassificationMetrics multiclass = ml.MulticlassClassification.Evaluate(scored, label);
                return new Dictionary<string, double>
                {
                    ["micro_accuracy"] = multiclass.MicroAccuracy,
                    ["macro_accuracy"] = multiclass.MacroAccuracy,
                    ["log_loss"] = multiclass.LogLoss,
                };
            default:
                RegressionMetrics regression = ml.Regression.Evaluate(scored, label);
                return new Dictionary<string, double>
                {
                    ["rmse"] = regression.RootMeanSquaredError,
                    ["mae"] = regression.MeanAbsoluteError,
                    ["mse"] = regression.MeanSquaredError,
                    ["r_squared"] = regression.RSquared,
                };
        }
    }

    /// <summary>The rows' binary labels (a Boolean label as it is, a numeric one as positive when above 0, as ML.NET reads it).</summary>
    public static bool[] BinaryLabels(IDataView data, string label) => data.Schema[label].Type == BooleanDataViewType.Instance
        ? [.. data.GetColumn<bool>(data.Schema[label])]
        : [.. data.GetColumn<float>(data.Schema[label]).Select(v => v > 0)];

    /// <summary>
    /// The mean negative log-likelihood in nats, probabilities clipped to [1e-15, 1 − 1e-15]. ML.NET's binary
    /// <c>LogLoss</c> is infinite once a model is certain and wrong on one row, which boosted trees can be.
    /// </summary>
    private static double BinaryLogLoss(IDataView scored, string label)
    {
        float[] probabilities = [.. scored.GetColumn<float>(scored.Schema["Probability"])];
        bool[] labels = BinaryLabels(scored, label);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = Math.Clamp(labels[i] ? probabilities[i] : 1 - probabilities[i], Epsilon, 1 - Epsilon);
            sum -= Math.Log(p);
        }

        return labels.Length == 0 ? double.NaN : sum / labels.Length;
    }
}
