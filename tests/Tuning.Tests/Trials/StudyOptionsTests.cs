namespace Tuning.Tests.Trials;

/// <summary>Options out of range are refused when they are set, before any study is written.</summary>
public class StudyOptionsTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    [Fact]
    public void A_heartbeat_interval_longer_than_a_timer_can_wait_is_refused_when_set()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new StudyOptions { HeartbeatInterval = TimeSpan.FromDays(50) });

        Assert.Equal("value", e.ParamName);
        Assert.Contains("heartbeat interval", e.Message, StringComparison.Ordinal);
        Assert.Contains("49 days", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StudyOptions { HeartbeatInterval = TimeSpan.MaxValue });
    }

    [Fact]
    public void A_heartbeat_interval_shorter_than_a_timer_can_repeat_is_refused_when_set()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new StudyOptions { HeartbeatInterval = TimeSpan.FromTicks(5_000) }); // 0.5 ms

        Assert.Equal("value", e.ParamName);
        Assert.Contains("at least 1 ms", e.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMilliseconds(1), new StudyOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(1) }.HeartbeatInterval);
    }

    [Fact]
    public void The_longest_heartbeat_interval_starts_a_study()
    {
        var storage = new InMemoryStudyStorage();
        var options = new StudyOptions { HeartbeatInterval = TimeSpan.FromDays(49) };

        Study study = Study.Create(storage, "long", Space, Metric.Minimize("loss"), new RandomSuggester(seed: 1), options);
        study.Tell(study.Ask(), 1.0);

        Assert.Equal(TrialState.Completed, study.Trials[0].State);
        Assert.Single(storage.ListStudies());
    }

    [Fact]
    public void A_null_clock_is_refused_when_set_not_at_the_first_ask()
    {
        var options = new StudyOptions();

        var e = Assert.Throws<ArgumentNullException>(() => options.TimeProvider = null!);

        Assert.Equal("value", e.ParamName);
        Assert.Contains("clock", e.Message, StringComparison.Ordinal);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Fact]
    public void A_study_reads_its_options_once_when_it_is_created()
    {
        var options = new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(10) };
        var study = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 1), options);

        // A grace period the constructor would refuse, and a pruner that prunes everything, change nothing now.
        options.HeartbeatGracePeriod = TimeSpan.FromSeconds(1);
        options.Pruner = new PruneEverything();
        Trial trial = study.Ask();
        trial.Report(1, 0.5);

        Assert.False(study.ShouldPrune(trial));
        Assert.NotSame(options, study.Options);
        Assert.Null(study.Options.HeartbeatGracePeriod);
        Assert.Null(study.Options.Pruner);
        Assert.Equal(TimeSpan.FromSeconds(10), study.Options.HeartbeatInterval);
    }

    [Fact]
    public void A_pruner_set_on_the_study_options_applies_to_the_study()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        Trial trial = study.Ask();
        trial.Report(1, 0.5);

        study.Options.Pruner = new PruneEverything();

        Assert.True(study.ShouldPrune(trial));
    }

    private sealed class PruneEverything : IPruner
    {
        public bool ShouldPrune(Trial trial, IReadOnlyList<Trial> trials) => true;
    }
}
