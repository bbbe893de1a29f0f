using Tuning.Tests.Support;

namespace Tuning.Tests.Pruning;

/// <summary>The report rules pruners rely on: increasing steps, and no report once a trial has finished.</summary>
public class ReportRulesTests
{
    private readonly Study _study = Curves.NewStudy(new SuccessiveHalvingPruner());

    [Fact]
    public void A_step_that_goes_backwards_is_refused()
    {
        Trial trial = _study.Ask();
        trial.Report(3, 0.5);
        ArgumentException e = Assert.Throws<ArgumentException>(() => trial.Report(2, 0.4));
        Assert.StartsWith($"Trial {trial.Id} reported step 2 after step 3; steps must increase.", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => trial.Report(3, 0.4));
        Assert.StartsWith($"Trial {trial.Id} reported step 3 after step 3; steps must increase.", e.Message, StringComparison.Ordinal);
        Assert.Equal("step", e.ParamName);
        Assert.Equal([new TrialReport(3, 0.5)], trial.Reports);
    }

    [Fact]
    public void A_negative_step_is_refused()
    {
        Trial trial = _study.Ask();
        ArgumentException e = Assert.Throws<ArgumentException>(() => trial.Report(-1, 0.4));
        Assert.StartsWith($"Trial {trial.Id} reported the negative step -1.", e.Message, StringComparison.Ordinal);
        Assert.Equal("step", e.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_value_that_is_not_finite_is_refused_naming_the_value(double value)
    {
        Trial trial = _study.Ask();
        ArgumentException e = Assert.Throws<ArgumentException>(() => trial.Report(1, value));
        Assert.StartsWith($"Trial {trial.Id} reported {value} at step 1; values must be finite.", e.Message, StringComparison.Ordinal);
        Assert.Equal("value", e.ParamName);
        Assert.Empty(trial.Reports);
    }

    [Theory]
    [InlineData(TrialState.Completed, "completed")]
    [InlineData(TrialState.Pruned, "pruned")]
    [InlineData(TrialState.Failed, "failed")]
    public void Reporting_after_the_trial_finished_is_refused(TrialState state, string word)
    {
        Trial trial = _study.Ask();
        trial.Report(1, 0.5);
        switch (state)
        {
            case TrialState.Completed: _study.Tell(trial, 0.5); break;
            case TrialState.Pruned: _study.Prune(trial); break;
            default: _study.Fail(trial, "diverged"); break;
        }

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => trial.Report(2, 0.4));
        Assert.Equal($"Trial {trial.Id} is already {word}; reports are accepted only while it runs.", e.Message);
        Assert.Single(trial.Reports);
        Assert.False(_study.ShouldPrune(trial));
    }

    [Fact]
    public void A_trial_another_worker_finished_is_not_pruned()
    {
        // Two study objects over one storage stand for two workers; the second fails the first one's trial (as a sweep
        // of stale trials would) while the first still holds it as running.
        var storage = new InMemoryStudyStorage();
        var options = Curves.Options(new MedianPruner(new MedianPrunerOptions { StartupTrials = 0 }));
        Study first = Study.Create(storage, "shared", Curves.Space, [Metric.Minimize("v")], new RandomSuggester(seed: 1), options);
        Study second = Study.Open(storage, "shared", new RandomSuggester(seed: 2), options);
        Curves.Completed(first, 0.1);
        Trial trial = Curves.Reported(first, 0.9);
        Assert.True(first.ShouldPrune(trial)); // worse than the completed trial's .1

        second.Fail(second.Trials[trial.Id], "stale");
        Assert.False(first.ShouldPrune(trial));
        Assert.Equal(TrialState.Failed, trial.State);
    }

    [Fact]
    public void A_trial_pruned_by_a_worker_that_missed_a_later_report_keeps_that_later_report()
    {
        // A restarted worker carries the trial on and reports once more; the first worker, which still holds the trial
        // with its own last report, then prunes it.
        var storage = new InMemoryStudyStorage();
        Study first = Study.Create(storage, "shared", Curves.Space, [Metric.Minimize("v")], new RandomSuggester(seed: 1));
        Study restarted = Study.Open(storage, "shared", new RandomSuggester(seed: 2));
        Trial trial = Curves.Reported(first, 0.9);
        restarted.Trials[trial.Id].Report(2, 0.3);

        first.Prune(trial);
        Assert.Equal(0.3, trial.Value);
        Assert.Equal(0.3, Study.Open(storage, "shared").Trials[trial.Id].Value);
    }

    [Fact]
    public void A_null_trial_is_refused_as_documented()
    {
        Assert.Equal("trial", Assert.Throws<ArgumentNullException>(() => _study.ShouldPrune(null!)).ParamName);
        Assert.Equal("trial", Assert.Throws<ArgumentNullException>(() => _study.Prune(null!)).ParamName);
        Assert.Equal("trial", Assert.Throws<ArgumentNullException>(() => _study.Fail(null!, "x")).ParamName);
        Assert.Equal("trial", Assert.Throws<ArgumentNullException>(() => _study.Tell(null!, 1.0)).ParamName);
        Assert.Equal("trial", Assert.Throws<ArgumentNullException>(() => _study.Tell(null!, new Measurements { ["v"] = 1 })).ParamName);
        Assert.Equal("measurements", Assert.Throws<ArgumentNullException>(() => _study.Tell(_study.Ask(), (Measurements)null!)).ParamName);
        foreach (string member in new[]
        {
            "M:Tuning.Study.ShouldPrune(Tuning.Trial)", "M:Tuning.Study.Prune(Tuning.Trial)", "M:Tuning.Study.Fail(Tuning.Trial,System.String)",
            "M:Tuning.Study.Tell(Tuning.Trial,System.Double)", "M:Tuning.Study.Tell(Tuning.Trial,Tuning.Measurements)",
        })
        {
            Assert.StartsWith("trial", PublicDocs.Exception(member, typeof(ArgumentNullException)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_pruned_trial_keeps_its_last_reported_value()
    {
        Trial trial = _study.Ask();
        trial.Report(1, 0.9);
        trial.Report(2, 0.7);
        _study.Prune(trial);
        Assert.Equal(TrialState.Pruned, trial.State);
        Assert.Equal(0.7, trial.Value);
    }
}
