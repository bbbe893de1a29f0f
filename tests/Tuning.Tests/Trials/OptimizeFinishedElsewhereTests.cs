namespace Tuning.Tests.Trials;

/// <summary>
/// A trial of an optimize run that another worker finishes while its objective runs (fails as stale while this worker
/// was paused past its grace period, say) keeps that verdict however its objective ends, and the run goes on.
/// </summary>
public class OptimizeFinishedElsewhereTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", -2, 2).Build();

    public static TheoryData<string> Endings => ["reports", "throws TrialPrunedException", "prunes it", "tells it", "fails it", "throws TrialFailedException", "throws a caught exception"];

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task The_stored_verdict_stands_and_the_run_goes_on(string ending)
    {
        var storage = new InMemoryStudyStorage();
        Study study = Study.Create(storage, "paused", Space, Metric.Minimize("loss"), new SobolSuggester(seed: 31));

        await study.OptimizeAsync(
            (trial, _) =>
            {
                if (trial.Id == 1)
                {
                    // Another worker's sweep, played through the storage itself.
                    trial.Report(0, 0.5);
                    storage.FinishTrial(study.StudyId, trial.Id, TrialState.Failed, new Dictionary<string, double>(), "stale: no heartbeat", DateTimeOffset.UtcNow);
                    End(study, trial, ending);
                }

                return Task.FromResult(1.0);
            },
            trials: 4,
            @catch: [typeof(InvalidDataException)]);

        Assert.Equal([TrialState.Completed, TrialState.Failed, TrialState.Completed, TrialState.Completed], study.Trials.Select(t => t.State));
        Assert.Equal("stale: no heartbeat", study.Trials[1].FailReason);
    }

    private static void End(Study study, Trial trial, string ending)
    {
        switch (ending)
        {
            case "reports": trial.Report(1, 0.4); break;
            case "throws TrialPrunedException": throw new TrialPrunedException();
            case "prunes it": study.Prune(trial); break;
            case "tells it": study.Tell(trial, 2.0); break;
            case "fails it": study.Fail(trial, "diverged"); break;
            case "throws TrialFailedException": throw new TrialFailedException("no usable result");
            default: throw new InvalidDataException("a caught exception");
        }
    }

    [Theory]
    [InlineData("tell")]
    [InlineData("prune")]
    [InlineData("fail")]
    public void Finishing_a_trial_another_worker_finished_is_refused_and_the_trial_shows_the_stored_state(string how)
    {
        var storage = new InMemoryStudyStorage();
        Study study = Study.Create(storage, "paused", Space, Metric.Minimize("loss"), new SobolSuggester(seed: 31));
        Trial trial = study.Ask();
        storage.FinishTrial(study.StudyId, trial.Id, TrialState.Completed, new Dictionary<string, double> { ["loss"] = 3 }, null, DateTimeOffset.UtcNow);

        Assert.ThrowsAny<InvalidOperationException>(() =>
        {
            switch (how)
            {
                case "tell": study.Tell(trial, 1.0); break;
                case "prune": study.Prune(trial); break;
                default: study.Fail(trial, "diverged"); break;
            }
        });

        Assert.Equal(TrialState.Completed, trial.State);
        Assert.Equal(3, trial.Value);
    }

    [Fact]
    public void A_report_on_a_trial_another_worker_finished_is_refused_and_the_trial_shows_the_stored_state()
    {
        var storage = new InMemoryStudyStorage();
        Study study = Study.Create(storage, "paused", Space, Metric.Minimize("loss"), new SobolSuggester(seed: 31));
        Trial trial = study.Ask();
        storage.FinishTrial(study.StudyId, trial.Id, TrialState.Failed, new Dictionary<string, double>(), "stale: no heartbeat", DateTimeOffset.UtcNow);

        var e = Assert.ThrowsAny<InvalidOperationException>(() => trial.Report(0, 0.5));

        Assert.Contains("already failed", e.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Failed, trial.State);
        Assert.Equal("stale: no heartbeat", trial.FailReason);
        Assert.Empty(trial.Reports);
    }
}
