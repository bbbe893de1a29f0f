using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tuning.MLNet;

/// <summary>
/// Refuses data whose label column the trainer cannot read: the column is missing from the data as the trainer sees it
/// (after the featurizer, which may create it), or it is not of the type ML.NET's trainers of that task require
/// (<see cref="bool"/> in binary classification, a key, the class's index, in multiclass classification, <see cref="float"/>
/// in regression). Without the check every trial would fail with ML.NET's message about its own parameters.
/// </summary>
internal static class LabelCheck
{
    /// <summary>Gets the problem with the label column of <paramref name="schema"/>, or <see langword="null"/> if there is none.</summary>
    /// <param name="trainer">The trainer that reads the label.</param>
    /// <param name="schema">The data's schema as the trainer sees it.</param>
    /// <param name="featurized">Whether <paramref name="schema"/> is the featurizer's output.</param>
    public static string? Problem(TrainerSearchSpace trainer, DataViewSchema schema, bool featurized)
    {
        string label = trainer.LabelColumnName;
        string where = featurized ? "The data after the featurizer" : "The data";
        if (schema.GetColumnOrNull(label) is not DataViewSchema.Column column)
        {
            return $"{where} has no label column '{label}', which {trainer.Trainer} reads; its columns are {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}. Name the label column with the trainer's configure action (o => o.LabelColumnName = \"…\"), or create it in CrossValidationOptions.Featurizer.";
        }

        if (trainer.Task == TrainerTask.MulticlassClassification)
        {
            return column.Type is KeyDataViewType
                ? null
                : $"{where} has the label column '{label}' of type {column.Type}, but {trainer.Trainer} ({trainer.Task}) reads a key-typed label (the class's index). Map the classes to keys in CrossValidationOptions.Featurizer (ml => ml.Transforms.Conversion.MapValueToKey(\"{label}\")).";
        }

        (DataViewType needed, string typeName, string kind) = trainer.Task == TrainerTask.BinaryClassification
            ? ((DataViewType)BooleanDataViewType.Instance, "Boolean (bool)", "Boolean")
            : (NumberDataViewType.Single, "Single (float)", "Single");
        return column.Type == needed
            ? null
            : $"{where} has the label column '{label}' of type {column.Type}, but {trainer.Trainer} ({trainer.Task}) reads a {typeName} label. Load the column as {typeName}, or convert it in CrossValidationOptions.Featurizer (ml => ml.Transforms.Conversion.ConvertType(\"{label}\", \"…\", DataKind.{kind})).";
    }
}
