using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tuning.MLNet;

/// <summary>
/// Refuses data whose feature column the trainer cannot read: the column is missing from the data as the trainer sees
/// it (after the featurizer, which may create it), or it is not a vector of <see cref="float"/>, which every ML.NET
/// trainer reads. Without the check every trial would fail with ML.NET's message about its own parameters, and the
/// usual first attempt (one property per feature, or doubles) would get no hint of the transform that fixes it.
/// </summary>
internal static class FeatureCheck
{
    /// <summary>Gets the problem with the feature column of <paramref name="schema"/>, or <see langword="null"/> if there is none.</summary>
    /// <param name="trainer">The trainer that reads the features.</param>
    /// <param name="schema">The data's schema as the trainer sees it.</param>
    /// <param name="featurized">Whether <paramref name="schema"/> is the featurizer's output.</param>
    public static string? Problem(TrainerSearchSpace trainer, DataViewSchema schema, bool featurized)
    {
        string features = trainer.FeatureColumnName;
        string where = featurized ? "The data after the featurizer" : "The data";
        if (schema.GetColumnOrNull(features) is not DataViewSchema.Column column)
        {
            string[] visible = [.. schema.Where(c => !c.IsHidden).Select(c => c.Name)];
            string others = string.Join(", ", visible.Where(c => c != trainer.LabelColumnName).Select(c => $"\"{c}\""));
            return $"{where} has no feature column '{features}', which {trainer.Trainer} reads; its columns are {string.Join(", ", visible)}. Concatenate the features into one column in CrossValidationOptions.Featurizer (ml => ml.Transforms.Concatenate(\"{features}\", {others})), or name the column with the trainer's configure action (o => o.FeatureColumnName = \"…\").";
        }

        string problem = $"{where} has the feature column '{features}' of type {column.Type}, but {trainer.Trainer} reads a vector of Single (float).";
        return column.Type switch
        {
            VectorDataViewType { ItemType: var item } when item == NumberDataViewType.Single => null,
            VectorDataViewType => $"{problem} Load the features as floats, or convert them in CrossValidationOptions.Featurizer (ml => ml.Transforms.Conversion.ConvertType(\"{features}\", outputKind: DataKind.Single)).",
            _ => $"{problem} Make it a vector in CrossValidationOptions.Featurizer (ml => ml.Transforms.Concatenate(\"{features}\", \"{features}\"), with the other feature columns after it).",
        };
    }
}
