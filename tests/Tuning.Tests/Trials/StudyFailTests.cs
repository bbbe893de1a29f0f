namespace Tuning.Tests.Trials;

/// <summary>A fail reason is kept as every storage and export keeps it.</summary>
public sealed class StudyFailTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    [Fact]
    public void A_reason_with_a_lone_surrogate_reads_the_same_before_and_after_a_json_round_trip()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        Trial told = study.Ask();
        study.Fail(told, "cut \uD83D in half");
        study.Optimize(double (_) => throw new TrialFailedException("also \uDC00 cut"), trials: 1);

        Study imported = Study.FromJson(study.ToJson());

        Assert.Equal("cut \uFFFD in half", told.FailReason);
        Assert.Equal("also \uFFFD cut", study.Trials[1].FailReason);
        Assert.Equal(study.Trials.Select(t => t.FailReason), imported.Trials.Select(t => t.FailReason));
        Assert.Equal(study.ToJson(), imported.ToJson());
    }
}
