using Tuning.Storage.Testing;

namespace Tuning.Storage.Tests;

/// <summary>Trials abandoned at the end of a run do not stay running: OptimizeAsync sweeps at its end, and FailStaleTrials sweeps on demand.</summary>
public sealed class StaleTrialSweepTests
{
    private static readonly DateTimeOffset T0 = StoredTrials.T0;

    [Fact]
    public async Task OptimizeAsync_fails_the_trials_of_dead_workers_when_it_ends()
    {
        var clock = new ManualTimeProvider(T0);
        var storage = new InMemoryStudyStorage();
        var options = new StudyOptions { TimeProvider = clock, HeartbeatInterval = TimeSpan.FromSeconds(10), HeartbeatGracePeriod = TimeSpan.FromSeconds(30) };
        Study study = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1), options);
        long id = storage.FindStudy("s")!.Id;
        StoredTrial abandoned = storage.StartTrials(id, 1, 0, StoredTrials.Propose, clock)[0]; // its worker died at once

        await study.OptimizeAsync(
            (trial, _) =>
            {
                clock.Advance(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5)); // 20 s of training each
                return Task.FromResult(1.0);
            },
            trials: 2);

        // The last ask, at 20 s, was within the grace period; only the sweep at the end, at 40 s, finds the trial stale.
        Assert.Equal(TrialState.Failed, study.Trials[abandoned.Number].State);
        Assert.Equal(TrialTransitions.StaleReason, study.Trials[abandoned.Number].FailReason);
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Running);
    }

    [Fact]
    public void FailStaleTrials_fails_only_the_trials_without_heartbeats_for_the_grace_period()
    {
        var clock = new ManualTimeProvider(T0);
        var storage = new InMemoryStudyStorage();
        var options = new StudyOptions { TimeProvider = clock, HeartbeatInterval = TimeSpan.FromSeconds(10), RetryStaleTrials = true };
        Study study = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1), options);
        Trial alive = study.Ask();
        long id = storage.FindStudy("s")!.Id;
        StoredTrial abandoned = storage.StartTrials(id, 1, 0, StoredTrials.Propose, clock)[0];
        clock.Advance(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));

        Assert.Empty(study.FailStaleTrials()); // 30 s: within the default grace (five intervals)
        clock.Advance(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));
        IReadOnlyList<Trial> failed = study.FailStaleTrials();

        Assert.Equal([abandoned.Number], failed.Select(t => t.Id));
        Assert.Equal(TrialState.Failed, failed[0].State);
        Assert.Equal(TrialState.Running, alive.State);
        Assert.Equal([abandoned.Parameters], storage.ReadEnqueued(id)); // RetryStaleTrials
        Study other = Study.Open(storage, "s", new RandomSuggester(seed: 2), new StudyOptions { TimeProvider = clock });
        Assert.Equal(T0.AddSeconds(60), storage.ReadTrials(id, 0)[alive.Id].HeartbeatAt);
        clock.Jump(TimeSpan.FromSeconds(2)); // no heartbeat meanwhile
        Assert.Equal([alive.Id], other.FailStaleTrials(TimeSpan.FromSeconds(1)).Select(t => t.Id)); // any grace, given explicitly
        Assert.Throws<InvalidOperationException>(() => other.FailStaleTrials()); // no heartbeats configured, no grace given
        Assert.Throws<ArgumentOutOfRangeException>(() => other.FailStaleTrials(TimeSpan.Zero));
    }

    [Fact]
    public void Without_heartbeats_a_study_fails_a_trial_it_handed_out_once_its_start_is_older_than_the_grace_given()
    {
        // A service that hands trials to clients over ask and tell: the client that took the first trial died.
        var clock = new ManualTimeProvider(T0);
        var storage = new InMemoryStudyStorage();
        Study service = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1), new StudyOptions { TimeProvider = clock });
        Trial abandoned = service.Ask();
        clock.Jump(TimeSpan.FromMinutes(10));
        Trial taken = service.Ask();

        IReadOnlyList<Trial> failed = service.FailStaleTrials(TimeSpan.FromMinutes(5));

        Assert.Equal([abandoned.Id], failed.Select(t => t.Id)); // nothing proves it alive: no heartbeats are sent
        Assert.Equal(TrialState.Failed, abandoned.State);
        Assert.Equal(TrialState.Running, taken.State);
    }

    [Fact]
    public void Trials_failed_as_stale_by_a_sweep_reach_the_listener_as_failures_before_the_ask_that_swept()
    {
        var clock = new ManualTimeProvider(T0);
        var storage = new InMemoryStudyStorage();
        var events = new RecordingListener();
        var options = new StudyOptions
        {
            TimeProvider = clock, HeartbeatInterval = TimeSpan.FromSeconds(10), HeartbeatGracePeriod = TimeSpan.FromSeconds(30), Listener = events,
        };
        Study study = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1), options);
        long id = storage.FindStudy("s")!.Id;
        StoredTrial first = storage.StartTrials(id, 1, 0, StoredTrials.Propose, clock)[0]; // their workers died at once
        clock.Advance(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5));

        Trial asked = study.Ask(); // the ask's sweep fails the first abandoned trial
        StoredTrial second = storage.StartTrials(id, 1, 0, StoredTrials.Propose, clock)[0];
        clock.Advance(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5));
        IReadOnlyList<Trial> swept = study.FailStaleTrials();

        Assert.Equal([second.Number], swept.Select(t => t.Id));
        Assert.Equal([$"failed {first.Number}: {TrialTransitions.StaleReason}", $"asked {asked.Id}", $"failed {second.Number}: {TrialTransitions.StaleReason}"], events.Events);
    }

    private sealed class RecordingListener : StudyListener
    {
        public List<string> Events { get; } = [];

        public override void OnAsked(Study study, IReadOnlyList<Trial> trials, TimeSpan duration) =>
            Events.Add($"asked {string.Join(",", trials.Select(t => t.Id))}");

        public override void OnFailed(Study study, Trial trial, TimeSpan duration) =>
            Events.Add($"failed {trial.Id}: {trial.FailReason}");
    }

    [Fact]
    public void A_clock_set_back_does_not_hold_off_the_sweep_before_an_ask()
    {
        var clock = new ManualTimeProvider(T0);
        var storage = new InMemoryStudyStorage();
        var options = new StudyOptions { TimeProvider = clock, HeartbeatInterval = TimeSpan.FromSeconds(10), HeartbeatGracePeriod = TimeSpan.FromSeconds(30) };
        Study study = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1), options);
        study.Tell(study.Ask(), 1.0); // this ask swept at T0
        clock.Jump(TimeSpan.FromHours(-1)); // the machine's clock is set back an hour
        long id = storage.FindStudy("s")!.Id;
        StoredTrial abandoned = storage.StartTrials(id, 1, 0, StoredTrials.Propose, clock)[0]; // its worker died at once
        clock.Advance(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5));

        study.Tell(study.Ask(), 1.0); // 60 s without a heartbeat: this ask's sweep fails it, not one an hour later

        Assert.Equal(TrialState.Failed, study.Trials[abandoned.Number].State);
        Assert.Equal(TrialTransitions.StaleReason, study.Trials[abandoned.Number].FailReason);
    }
}
