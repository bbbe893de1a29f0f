namespace Tuning.Tests.Trials;

/// <summary>A listener that throws reaches the caller, and never leaves a trial running for good.</summary>
public class ListenerFaultTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    [Fact]
    public void A_listener_that_throws_after_an_ask_fails_the_trials_it_started_and_reaches_the_caller()
    {
        var listener = new ThrowingListener(askFailures: 1);
        var study = new Study(Space, Metric.Minimize("y"), new RandomSuggester(seed: 1), new StudyOptions { Listener = listener });

        var e = Assert.Throws<InvalidDataException>(() => study.Ask(2));

        Assert.Equal("listener broke", e.Message);
        IReadOnlyList<Trial> trials = study.Trials;
        Assert.Equal(2, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Failed, t.State);
            Assert.Contains("listener broke", t.FailReason);
        });
        Trial next = study.Ask();
        study.Tell(next, 1.0);
        Assert.Equal(TrialState.Completed, study.Trials[2].State);
    }

    [Fact]
    public void The_reason_of_a_trial_a_listener_kept_from_its_caller_keeps_no_password()
    {
        var study = new Study(Space, Metric.Minimize("y"), new RandomSuggester(seed: 1), new StudyOptions { Listener = new LeakingListener() });

        Assert.Throws<InvalidOperationException>(() => study.Ask());

        Trial failed = Assert.Single(study.Trials);
        Assert.Contains("Password=***", failed.FailReason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failed.FailReason, StringComparison.Ordinal);
    }

    private sealed class LeakingListener : StudyListener
    {
        public override void OnAsked(Study study, IReadOnlyList<Trial> trials, TimeSpan duration) =>
            throw new InvalidOperationException("cannot log to Server=logs;User Id=me;Password=hunter2");
    }

    [Fact]
    public void A_listener_that_throws_on_a_model_fit_fails_the_ask_with_nothing_stored()
    {
        var listener = new FitThrowingListener();
        var study = new Study(Space, Metric.Minimize("y"), new GaussianProcessSuggester(1, new GaussianProcessOptions { StartupTrials = 2, Candidates = 64, LocalSearches = 2 }), new StudyOptions { Listener = listener });
        study.Tell(study.Ask(), 0.5);
        study.Tell(study.Ask(), 0.25);

        var e = Assert.Throws<InvalidDataException>(() => study.Ask());

        Assert.Equal("fit listener broke", e.Message);
        Assert.Equal(2, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Completed, t.State));
    }

    private sealed class FitThrowingListener : StudyListener
    {
        public override void OnModelFitted(Study study, ModelFit fit) => throw new InvalidDataException("fit listener broke");
    }

    [Fact]
    public async Task A_listener_that_throws_stops_OptimizeAsync_and_leaves_no_trial_running()
    {
        var listener = new ThrowingListener(askFailures: 1, skipAsks: 3);
        var study = new Study(Space, Metric.Minimize("y"), new RandomSuggester(seed: 2), new StudyOptions { Listener = listener });

        await Assert.ThrowsAsync<InvalidDataException>(() => study.OptimizeAsync(
            async (trial, ct) =>
            {
                await Task.Delay(5, ct);
                return trial.GetDouble("x");
            },
            trials: 20,
            maxConcurrency: 3));

        IReadOnlyList<Trial> trials = study.Trials;
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
        Assert.InRange(trials.Count, 4, 6);
        Assert.Single(trials, t => t.FailReason?.Contains("listener broke", StringComparison.Ordinal) == true);
        Assert.All(trials.Where(t => t.State == TrialState.Failed), t => Assert.Matches("listener broke|cancelled", t.FailReason));
    }

    private sealed class ThrowingListener(int askFailures, int skipAsks = 0) : StudyListener
    {
        private int _asks;

        public override void OnAsked(Study study, IReadOnlyList<Trial> trials, TimeSpan duration)
        {
            int ask = Interlocked.Increment(ref _asks);
            if (ask > skipAsks && ask <= skipAsks + askFailures)
            {
                throw new InvalidDataException("listener broke");
            }
        }
    }
}
