namespace Tuning.Tests.Pruning;

/// <summary>Bad pruner options are refused when the pruner is built, with a message naming the option and its bound.</summary>
public class PrunerOptionsTests
{
    public static TheoryData<Func<IPruner>, string> BadOptions => new()
    {
        { () => new SuccessiveHalvingPruner(new() { ReductionFactor = 1 }), "SuccessiveHalvingPrunerOptions.ReductionFactor is 1; it must be at least 2." },
        { () => new SuccessiveHalvingPruner(new() { MinResource = 0 }), "SuccessiveHalvingPrunerOptions.MinResource is 0; it must be at least 1." },
        { () => new SuccessiveHalvingPruner(new() { MinEarlyStoppingRate = -1 }), "SuccessiveHalvingPrunerOptions.MinEarlyStoppingRate is -1; it must be at least 0." },
        { () => new SuccessiveHalvingPruner(new() { BootstrapCount = -2 }), "SuccessiveHalvingPrunerOptions.BootstrapCount is -2; it must be at least 0." },
        { () => new SuccessiveHalvingPruner(new() { MinResource = 4, MaxResource = 3 }), "SuccessiveHalvingPrunerOptions.MaxResource is 3; it must be at least MinResource (4)." },
        { () => new HyperbandPruner(new() { ReductionFactor = 0 }), "HyperbandPrunerOptions.ReductionFactor is 0; it must be at least 2." },
        { () => new HyperbandPruner(new() { MinResource = -5 }), "HyperbandPrunerOptions.MinResource is -5; it must be at least 1." },
        { () => new HyperbandPruner(new() { MinResource = 4, MaxResource = 3 }), "HyperbandPrunerOptions.MaxResource is 3; it must be at least MinResource (4)." },
        { () => new HyperbandPruner(new() { BootstrapCount = -1 }), "HyperbandPrunerOptions.BootstrapCount is -1; it must be at least 0." },
        { () => new MedianPruner(new() { StartupTrials = -1 }), "MedianPrunerOptions.StartupTrials is -1; it must be at least 0." },
        { () => new MedianPruner(new() { WarmupSteps = -1 }), "MedianPrunerOptions.WarmupSteps is -1; it must be at least 0." },
        { () => new MedianPruner(new() { IntervalSteps = 0 }), "MedianPrunerOptions.IntervalSteps is 0; it must be at least 1." },
        { () => new MedianPruner(new() { MinTrialsAtStep = 0 }), "MedianPrunerOptions.MinTrialsAtStep is 0; it must be at least 1." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_are_refused_with_a_clear_message(Func<IPruner> create, string message)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.IsType<ArgumentOutOfRangeException>(e);
        Assert.Equal("options", e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_documented_values()
    {
        var asha = new SuccessiveHalvingPrunerOptions();
        Assert.Equal((1L, (long?)null, 4, 0, 0), (asha.MinResource, asha.MaxResource, asha.ReductionFactor, asha.MinEarlyStoppingRate, asha.BootstrapCount));
        var hyperband = new HyperbandPrunerOptions();
        Assert.Equal((1L, (long?)null, 3, 0), (hyperband.MinResource, hyperband.MaxResource, hyperband.ReductionFactor, hyperband.BootstrapCount));
        var median = new MedianPrunerOptions();
        Assert.Equal((5, 0L, 1L, 1), (median.StartupTrials, median.WarmupSteps, median.IntervalSteps, median.MinTrialsAtStep));
    }

    [Fact]
    public void Options_are_read_once_when_the_pruner_is_built()
    {
        var options = new SuccessiveHalvingPrunerOptions { ReductionFactor = 2 };
        var pruner = new SuccessiveHalvingPruner(options);
        options.ReductionFactor = 1000;
        Study study = Curves.NewStudy(pruner);
        Curves.Completed(study, 0.1);
        Curves.Completed(study, 0.2);
        Curves.Completed(study, 0.3);
        Assert.Null(Curves.Run(study, 0.15)); // with η = 2 and n = 4 the 2nd best (.15) continues; η = 1000 would prune it
    }

    [Fact]
    public void Null_options_mean_the_defaults()
    {
        Assert.NotNull(new MedianPruner());
        Assert.NotNull(new SuccessiveHalvingPruner(null));
        Assert.NotNull(new HyperbandPruner());
    }
}
