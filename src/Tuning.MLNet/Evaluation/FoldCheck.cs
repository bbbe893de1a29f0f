using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tuning.MLNet;

/// <summary>
/// Refuses a fold that cannot be trained on or scored before ML.NET fails on it with a message about its own internals:
/// one without held-out rows (in regression, with fewer than two) or with fewer than two training rows, in binary
/// classification one whose training or held-out rows all have the same class (AUC and F1 are then not defined, and the
/// trainer learns nothing), and in multiclass classification one whose training rows have a single class.
/// </summary>
internal static class FoldCheck
{
    /// <summary>
    /// Refuses more folds than the data has rows before the split, which leaves a fold empty whatever the rows: ML.NET
    /// would first build every fold (for <see cref="int.MaxValue"/> folds, for hours) before the first one is refused.
    /// </summary>
    public static void CheckFoldCount(TrainerSearchSpace trainer, long rows, int folds)
    {
        if (folds > rows)
        {
            throw new InvalidOperationException(
                $"The data has {rows} rows, fewer than the {folds} folds, too few to cross-validate {trainer.Trainer}. Use fewer folds or more data.");
        }
    }

    /// <summary>Counts the rows of <paramref name="data"/>: its known count, else by reading it once.</summary>
    public static long Rows(IDataView data)
    {
        if (data.GetRowCount() is long known)
        {
            return known;
        }

        long count = 0;
        using DataViewRowCursor cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            count++;
        }

        return count;
    }

    /// <summary>Refuses a fold with too few training or held-out rows, naming the sampling key when there is one (its values, not the rows, are spread over the folds).</summary>
    public static void CheckRows(TrainerSearchSpace trainer, DataOperationsCatalog.TrainTestData fold, int index, int folds, string? samplingKey)
    {
        string where = $"Fold {index + 1} of {folds}";
        long train = Rows(fold.TrainSet), test = Rows(fold.TestSet);

        // R² compares the errors with the held-out labels' spread, which one row does not have.
        long fewestHeldOut = trainer.Task == TrainerTask.Regression ? 2 : 1;
        if (test < fewestHeldOut || train < 2)
        {
            string remedy = samplingKey is null
                ? "Use fewer folds or more data."
                : $"The sampling key column '{samplingKey}' keeps the rows of each of its values in one fold, so it needs more distinct values than folds, well spread: use fewer folds, a key with more values, or none.";
            throw new InvalidOperationException(
                $"{where} has {train} training and {test} held-out rows, too few to cross-validate {trainer.Trainer}. {remedy}");
        }
    }

    /// <summary>
    /// Refuses a fold (featurized, so that the label is the one the trainer reads) whose classes cannot be learned or
    /// scored: in binary classification, training or held-out rows that all have one class; in multiclass
    /// classification, a label key of fewer than two classes in the training rows (a featurizer's <c>MapValueToKey</c>,
    /// fitted on them, has seen one class only), which each ML.NET trainer refuses with a message of its own.
    /// </summary>
    public static void CheckClasses(TrainerSearchSpace trainer, IDataView train, IDataView test, int index, int folds)
    {
        string where = $"Fold {index + 1} of {folds}";
        if (trainer.Task == TrainerTask.MulticlassClassification
            && train.Schema[trainer.LabelColumnName].Type is KeyDataViewType { Count: < 2 } key)
        {
            throw new InvalidOperationException(
                $"{where}: the label '{trainer.LabelColumnName}' of the training rows has {key.Count} class, so {trainer.Trainer} cannot learn to tell classes apart; a multiclass model needs two or more. Use fewer folds, a sampling key that spreads the classes over the folds, or more data of the other classes.");
        }

        if (trainer.Task != TrainerTask.BinaryClassification)
        {
            return;
        }

        foreach ((string part, IDataView rows) in (ReadOnlySpan<(string, IDataView)>)[("training", train), ("held-out", test)])
        {
            bool[] labels = FoldMetrics.BinaryLabels(rows, trainer.LabelColumnName);
            if (labels.All(l => l == labels[0]))
            {
                throw new InvalidOperationException(
                    $"{where}: all {labels.Length} {part} rows are {(labels[0] ? "positive" : "negative")}, so {trainer.Trainer} cannot be cross-validated on it (AUC and F1 are not defined for one class). Use fewer folds, a sampling key that spreads both classes over the folds, or more data.");
            }
        }
    }
}
