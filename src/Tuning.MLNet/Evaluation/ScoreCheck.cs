using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tuning.MLNet;

/// <summary>
/// Refuses a fold whose model scored some held-out rows as NaN or infinite. ML.NET's regression metrics skip such rows
/// (a model that predicts NaN everywhere gets an RMSE of 0, the best there is), so without this check a broken model
/// would win the study: for example a FastForest whose leaves need more rows than each bagged sample holds.
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

        long rows = 0, bad = 0;
        using DataViewRowCursor cursor = scored.GetRowCursor([score]);
        if (score.Type is VectorDataViewType)
        {
            ValueGetter<VBuffer<float>> get = cursor.GetGetter<VBuffer<float>>(score);
            VBuffer<float> values = default;
            while (cursor.MoveNext())
            {
                get(ref values);
                rows++;
                bad += values.DenseValues().Any(v => !float.IsFinite(v)) ? 1 : 0;
            }
        }
        else if (score.Type == NumberDataViewType.Single)
        {
            ValueGetter<float> get = cursor.GetGetter<float>(score);
            float value = 0;
            while (cursor.MoveNext())
            {
                get(ref value);
                rows++;
                bad += float.IsFinite(value) ? 0 : 1;
            }
        }

        if (bad > 0)
        {
            throw new TrialFailedException(
                $"Fold {index + 1} of {folds}: {trainer.Trainer} scored {bad} of its {rows} held-out rows as NaN or infinite, so its settings gave no usable model there (for example leaves that need more rows than a training sample holds), and its metrics would not be honest.");
        }
    }
}
