namespace Tuning.Tests.Trials;

/// <summary>A study's name is text every storage can keep, so that it finds the study again under that name.</summary>
public sealed class StudyNameTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    [Fact]
    public void A_name_no_storage_can_keep_is_refused_naming_the_argument()
    {
        var storage = new InMemoryStudyStorage();
        Study.Create(storage, "kept", Space, Metric.Minimize("loss"));
        const string Cut = "resnet-\uD83D";

        AssertRefused(() => Study.Create(storage, Cut, Space, Metric.Minimize("loss")), "name");
        AssertRefused(() => Study.CreateOrOpen(storage, Cut, Space, Metric.Minimize("loss")), "name");
        AssertRefused(() => Study.Rename(storage, "kept", Cut), "newName");
        AssertRefused(() => Study.Copy(storage, "kept", storage, Cut), "newName");
        var blank = Assert.Throws<ArgumentException>(() => Study.Copy(storage, "kept", storage, "  "));
        Assert.Equal("newName", blank.ParamName);

        Assert.NotNull(storage.FindStudy("kept"));
        Assert.Null(storage.FindStudy(Cut));
        Assert.Null(storage.FindStudy("  "));
    }

    private static void AssertRefused(Action act, string paramName)
    {
        var e = Assert.Throws<ArgumentException>(act);
        Assert.Equal(paramName, e.ParamName);
        Assert.Contains("lone UTF-16 surrogate", e.Message, StringComparison.Ordinal);
    }
}
