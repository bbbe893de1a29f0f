namespace Tuning.MLNet.Tests.Trainers;

/// <summary>A configure action that leaves the trainer no column to read is refused by the factory, naming <c>configure</c>.</summary>
public sealed class ConfigureTests
{
    public static TheoryData<Func<TrainerSearchSpace>, string> EmptiedColumns => new()
    {
        { () => BinaryTrainerSpaces.LightGbm(o => o.LabelColumnName = null!), "LabelColumnName to null" },
        { () => BinaryTrainerSpaces.SdcaLogisticRegression(o => o.LabelColumnName = ""), "LabelColumnName to ''" },
        { () => RegressionTrainerSpaces.FastTree(o => o.FeatureColumnName = " "), "FeatureColumnName to ' '" },
        { () => MulticlassTrainerSpaces.LbfgsMaximumEntropy(o => o.FeatureColumnName = null!), "FeatureColumnName to null" },
    };

    [Theory]
    [MemberData(nameof(EmptiedColumns))]
    public void A_label_or_feature_column_set_to_nothing_is_refused_naming_configure(Func<TrainerSearchSpace> create, string expected)
    {
        var e = Assert.Throws<ArgumentException>(create);

        Assert.Equal("configure", e.ParamName);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
