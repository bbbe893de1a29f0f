namespace Tuning.Tests.Pruning;

/// <summary>A list of trials with a hole in it is refused by every pruner, naming the list, instead of failing inside.</summary>
public class PrunerArgumentsTests
{
    public static TheoryData<IPruner> Pruners => new()
    {
        new MedianPruner(new MedianPrunerOptions { StartupTrials = 0 }),
        new SuccessiveHalvingPruner(),
        new HyperbandPruner(),
    };

    [Theory]
    [MemberData(nameof(Pruners))]
    public void A_null_trial_in_the_list_is_refused_naming_the_list(IPruner pruner)
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        Trial done = study.Ask();
        done.Report(1, 0.5);
        study.Tell(done, 0.5);
        Trial running = study.Ask();
        running.Report(1, 0.9);

        var e = Assert.Throws<ArgumentException>(() => pruner.ShouldPrune(running, [done, null!, running]));

        Assert.Equal("trials", e.ParamName);
        Assert.Contains("null", e.Message, StringComparison.Ordinal);
        Assert.Contains("index 1", e.Message, StringComparison.Ordinal);
    }
}
