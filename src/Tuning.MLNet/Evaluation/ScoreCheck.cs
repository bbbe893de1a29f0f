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
        long rows = 0, bad = 0, missingFeatures = 0, infiniteFeatures = 0;
        using DataViewRowCursor cursor = scored.GetRowCursor(features is DataViewSchema.Column c ? [score, c] : [score]);
        Func<bool> scoredBadly = score.Type is VectorDataViewType ? VectorIsNotFinite(cursor, score) : ValueIsNotFinite(cursor, score);
        Func<float> featureProblem = features is DataViewSchema.Column featureColumn ? NotFiniteValue(cursor, featureColumn) : () => 0;
        while (cursor.MoveNext())
        {
            rows++;
            if (scoredBadly())
            {
                bad++;
                float problem = featureProblem();
                missingFeatures += float.IsNaN(problem) ? 1 : 0;
                infiniteFeatures += float.IsInfinity(problem) ? 1 : 0;
            }
        }

        string where = $"Fold {index + 1} of {folds}";
        string featureName = trainer.FeatureColumnName;
        const string Alternative = "or tune LightGbm, which learns where missing values go (FastTree and FastForest train without the rows that have them)";
        if (missingFeatures > 0)
        {
            string infinite = infiniteFeatures > 0 ? $"; {infiniteFeatures} more have infinite values, which that keeps, so bound those first" : string.Empty;
            throw new InvalidOperationException(
                $"{where}: {missingFeatures} of its {rows} held-out rows have missing (NaN) values in the feature column '{featureName}', which {trainer.Trainer} scores as NaN. Replace them in CrossValidationOptions.Featurizer (ml => ml.Transforms.ReplaceMissingValues(\"{featureName}\")){infinite}, {Alternative}.");
        }

        if (infiniteFeatures > 0)
        {
            throw new InvalidOperationException(
                $"{where}: {infiniteFeatures} of its {rows} held-out rows have infinite values in the feature column '{featureName}', which {trainer.Trainer} scores as NaN. Bound them in CrossValidationOptions.Featurizer (a transform of your own, such as ml.Transforms.CustomMapping), or tune LightGbm.");
        }

        if (bad > 0)
        {
            throw new TrialFailedException(
                $"{where}: {trainer.Trainer} scored {bad} of its {rows} held-out rows as NaN or infinite, so its settings gave no usable model there (for example leaves that need more rows than a training sample holds), and its metrics would not be honest.");
        }
    }

    private static Func<bool> VectorIsNotFinite(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        Func<float> notFinite = NotFiniteValue(cursor, column);
        return () => !float.IsFinite(notFinite());
    }

    /// <summary>Reads a row's vector and gives NaN if it holds one, else its first infinity, else 0.</summary>
    private static Func<float> NotFiniteValue(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        ValueGetter<VBuffer<float>> get = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> values = default;
        return () =>
        {
            get(ref values);
            float found = 0;
            foreach (float value in values.GetValues())
            {
                if (float.IsNaN(value))
                {
                    return value;
                }

                found = float.IsInfinity(value) && found == 0 ? value : found;
            }

            return found;
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
