using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tuning.MLNet;

/// <summary>
/// Refuses a fold whose model scored some held-out rows as NaN or infinite. ML.NET's regression metrics skip such rows
/// (a model that predicts NaN everywhere gets an RMSE of 0, the best there is), so without this check a broken model
/// would win the study: for example a FastForest whose leaves need more rows than each bagged sample holds. Such a
/// model fails its trial. When the rows scored so have NaN or infinite features, the data is at fault instead (a linear
/// model scores a missing value as NaN whatever its settings), and every trial would fail the same way, so the
/// evaluation stops with what to change.
/// </summary>
internal static class ScoreCheck
{
    public static void Check(TrainerSearchSpace trainer, IDataView scored, int index, int folds)
    {
        DataViewSchema.Column? column = scored.Schema.GetColumnOrNull("Score");
        if (column is not DataViewSchema.Column score)
        {
            return;
        }

        DataViewSchema.Column? features = scored.Schema.GetColumnOrNull(trainer.FeatureColumnName) is { Type: VectorDataViewType { ItemType: NumberDataViewType n } } f && n == NumberDataViewType.Single
            ? f
            : null;
        long rows = 0, bad = 0, badFeatures = 0;
        using DataViewRowCursor cursor = scored.GetRowCursor(features is DataViewSchema.Column c ? [score, c] : [score]);
        Func<bool> scoredBadly = score.Type is VectorDataViewType ? VectorIsNotFinite(cursor, score) : ValueIsNotFinite(cursor, score);
        Func<bool> hasBadFeatures = features is DataViewSchema.Column featureColumn ? VectorIsNotFinite(cursor, featureColumn) : () => false;
        while (cursor.MoveNext())
        {
            rows++;
            if (scoredBadly())
            {
                bad++;
                badFeatures += hasBadFeatures() ? 1 : 0;
            }
        }

        string where = $"Fold {index + 1} of {folds}";
        if (badFeatures > 0)
        {
            throw new InvalidOperationException(
                $"{where}: {badFeatures} of its {rows} held-out rows have NaN or infinite values in the feature column '{trainer.FeatureColumnName}', which {trainer.Trainer} scores as NaN. Replace them in CrossValidationOptions.Featurizer (ml => ml.Transforms.ReplaceMissingValues(\"{trainer.FeatureColumnName}\")), or tune LightGbm, which learns where missing values go (FastTree and FastForest train without the rows that have them).");
        }

        if (bad > 0)
        {
            throw new TrialFailedException(
                $"{where}: {trainer.Trainer} scored {bad} of its {rows} held-out rows as NaN or infinite, so its settings gave no usable model there (for example leaves that need more rows than a training sample holds), and its metrics would not be honest.");
        }
    }

    private static Func<bool> VectorIsNotFinite(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        ValueGetter<VBuffer<float>> get = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> values = default;
        return () =>
        {
            get(ref values);
            foreach (float value in values.GetValues())
            {
                if (!float.IsFinite(value))
                {
                    return true;
                }
            }

            return false;
        };
    }

    private static Func<bool> ValueIsNotFinite(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type != NumberDataViewType.Single)
        {
            return () => false;
        }

        ValueGetter<float> get = cursor.GetGetter<float>(column);
        float value = 0;
        return () =>
        {
            get(ref value);
            return !float.IsFinite(value);
        };
    }
}
