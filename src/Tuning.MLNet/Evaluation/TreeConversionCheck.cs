using Microsoft.ML;

namespace Tuning.MLNet;

/// <summary>
/// Fits a fold's trainer, failing only the trial when ML.NET cannot convert the trees LightGBM grew. Once boosting runs
/// out of splits (many fast iterations on easy data, say), LightGBM returns a tree without a split, and ML.NET's
/// conversion of it throws "Value cannot be null. (Parameter 'items')" from its regression-tree constructor
/// (dotnet/machinelearning issues 3913 and 5022). Other settings of the same trainer train on the same data, so this
/// is the configuration's failure, not the data's, and the study goes on.
/// </summary>
internal static class TreeConversionCheck
{
    public static ITransformer Fit(TrainerSearchSpace trainer, IEstimator<ITransformer> estimator, IDataView train, int index, int folds)
    {
        try
        {
            return estimator.Fit(train);
        }
        catch (ArgumentNullException e) when (e.ParamName == "items" && e.StackTrace?.Contains("RegressionTree", StringComparison.Ordinal) == true)
        {
            throw new TrialFailedException(
                $"Fold {index + 1} of {folds}: {trainer.Trainer} grew a tree without a split, which ML.NET cannot turn into a model; its settings ran out of splits on this data (fewer or slower iterations, or more regularization, avoid it).",
                e);
        }
    }
}
