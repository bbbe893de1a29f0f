using Tuning.Storage.Testing;

namespace Tuning.Storage.Tests;

/// <summary>Grace periods and storage outages: a worker never fails the live trials of others because the storage was away.</summary>
public sealed class HeartbeatOutageTests
{
    private static readonly DateTimeOffset T0 = StoredTrials.T0;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private static StudyOptions Options(ManualTimeProvider clock, TimeSpan? grace = null) => new()
    {
        TimeProvider = clock,
        HeartbeatInterval = Interval,
        HeartbeatGracePeriod = grace,
        RetryStaleTrials = true,
    };

    /// <summary>Two workers, a and b, on one study in a storage that can be taken away.</summary>
    private static (ManualTimeProvider Clock, FlakyStorage Storage, Study A, Study B) TwoWorkers(TimeSpan grace)
    {
        var clock = new ManualTimeProvider(T0);
        var storage = new FlakyStorage(clock);
        Study a = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1), Options(clock, grace));
        Study b = Study.Open(storage, "s", new RandomSuggester(seed: 2), Options(clock, grace));
        return (clock, storage, a, b);
    }

    [Fact]
    public void A_grace_period_shorter_than_the_heartbeat_interval_is_refused()
    {
        var options = new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), HeartbeatGracePeriod = TimeSpan.FromSeconds(5) };

        var e = Assert.Throws<ArgumentException>(() => new Study(StoredTrials.Space, Metric.Minimize("loss"), new RandomSuggester(seed: 1), options));

        Assert.Contains("HeartbeatGracePeriod", e.Message, StringComparison.Ordinal);
        Assert.Contains("HeartbeatInterval", e.Message, StringComparison.Ordinal);

        // The factory methods refuse them before writing, so a retry with good options finds no study in the way.
        var storage = new InMemoryStudyStorage();
        string json = new Study(StoredTrials.Space, Metric.Minimize("loss"), new RandomSuggester(seed: 1)).ToJson();
        Assert.Throws<ArgumentException>(() => Study.Create(storage, "s", StoredTrials.Space, Metric.Minimize("loss"), new RandomSuggester(seed: 1), options));
        Assert.Throws<ArgumentException>(() => Study.CreateOrOpen(storage, "s", StoredTrials.Space, Metric.Minimize("loss"), new RandomSuggester(seed: 1), options));
        Assert.Throws<ArgumentException>(() => Study.FromJson(json, storage, new RandomSuggester(seed: 1), options));
        Assert.Empty(storage.ListStudies());
        Study.Create(storage, "s", StoredTrials.Space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
    }

    [Fact]
    public void The_default_grace_period_is_five_intervals()
    {
        var clock = new ManualTimeProvider(T0);
        var storage = new InMemoryStudyStorage();
        Study study = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1), Options(clock));
        long id = storage.FindStudy("s")!.Id;
        StoredTrial abandoned = storage.StartTrials(id, 1, 0, StoredTrials.Propose, clock)[0];

        clock.Advance(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(5));
        study.Tell(study.Ask(), 1);
        Assert.Equal(TrialState.Running, storage.ReadTrials(id, 0)[abandoned.Number].State); // 45 s: more than two intervals, fewer than five

        clock.Advance(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
        study.Tell(study.Ask(), 1);
        Assert.Equal(TrialState.Failed, storage.ReadTrials(id, 0)[abandoned.Number].State);
    }

    [Fact]
    public void After_an_outage_longer_than_the_grace_period_heartbeats_land_before_anything_is_failed()
    {
        TimeSpan grace = TimeSpan.FromSeconds(30);
        (ManualTimeProvider clock, FlakyStorage storage, Study a, Study b) = TwoWorkers(grace);
        Trial mine = a.Ask();
        Trial theirs = b.Ask();
        long id = storage.FindStudy("s")!.Id;
        StoredTrial abandoned = storage.StartTrials(id, 1, 0, StoredTrials.Propose, clock)[0]; // a worker that died

        storage.Throwing = true;
        clock.Advance(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5)); // every heartbeat fails for longer than the grace
        storage.Throwing = false;
        a.Tell(a.Ask(), 1); // right after the outage: b's heartbeats have not landed yet

        Assert.Equal(TrialState.Running, a.Trials[theirs.Id].State);
        Assert.Equal(TrialState.Running, a.Trials[abandoned.Number].State); // no sweep until heartbeats had a grace period to land

        clock.Advance(grace + Interval, TimeSpan.FromSeconds(5)); // b's and a's timers beat meanwhile
        a.Tell(a.Ask(), 1);

        Assert.Equal(TrialState.Running, a.Trials[theirs.Id].State);
        Assert.Equal(TrialState.Running, a.Trials[mine.Id].State);
        Assert.Equal(TrialState.Failed, a.Trials[abandoned.Number].State); // the dead worker's trial still goes stale
        b.Tell(theirs, 2);
        a.Tell(mine, 3);
    }

    [Fact]
    public void An_ask_that_waited_through_an_outage_fails_no_live_trial_of_another_worker()
    {
        TimeSpan grace = TimeSpan.FromSeconds(20);
        (ManualTimeProvider clock, FlakyStorage storage, Study a, Study b) = TwoWorkers(grace);
        Trial theirs = b.Ask();
        a.Tell(a.Ask(), 1); // a runs nothing now, so its timer has nothing to tell the storage

        storage.Throwing = true;
        clock.Advance(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)); // b's heartbeats fail
        storage.Throwing = false;
        storage.BlockUntil = clock.GetUtcNow().AddSeconds(35); // a's next call waits, retrying, until the storage is back
        a.Tell(a.Ask(), 1);

        Assert.Equal(TrialState.Running, a.Trials[theirs.Id].State);
        b.Tell(theirs, 2);
    }

    [Fact]
    public void A_sweep_that_failed_for_the_storage_holds_off_the_next_one_as_an_outage()
    {
        TimeSpan grace = TimeSpan.FromSeconds(20);
        (ManualTimeProvider clock, FlakyStorage storage, Study a, Study b) = TwoWorkers(grace);
        Trial theirs = b.Ask();
        a.Tell(a.Ask(), 1); // a runs nothing now, so its timer has nothing to tell the storage

        storage.WritesFailing = true; // another program holds the write lock past the busy timeout: b's heartbeats fail, reads go on
        clock.Advance(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));
        Assert.Throws<TimeoutException>(() => a.Ask()); // its sweep, the only call of a that fails, waited out the lock
        storage.WritesFailing = false;
        clock.Jump(Interval); // the next sweep is due before b's timer has beaten again

        a.Tell(a.Ask(), 1);

        Assert.Equal(TrialState.Running, a.Trials[theirs.Id].State);
        b.Tell(theirs, 2);
    }

    [Fact]
    public void A_worker_paused_with_its_machine_fails_no_live_trial_of_a_neighbour_paused_with_it()
    {
        TimeSpan grace = TimeSpan.FromSeconds(30);
        (ManualTimeProvider clock, FlakyStorage storage, Study a, Study b) = TwoWorkers(grace);
        Trial theirs = b.Ask();
        Trial mine = a.Ask();
        long id = storage.FindStudy("s")!.Id;
        StoredTrial abandoned = storage.StartTrials(id, 1, 0, StoredTrials.Propose, clock)[0]; // its worker died at once
        clock.Advance(Interval, TimeSpan.FromSeconds(5));

        clock.Jump(TimeSpan.FromMinutes(2)); // the machine of a and b is suspended: no timer fires, no heartbeat is sent
        a.Tell(mine, 1);
        Trial next = a.Ask(); // before b's timer has had a chance to beat

        Assert.Equal(TrialState.Running, a.Trials[theirs.Id].State);
        Assert.Equal(TrialState.Running, a.Trials[abandoned.Number].State);

        clock.Advance(grace + Interval, TimeSpan.FromSeconds(5)); // b's timer beats again
        a.Tell(next, 1);
        a.Tell(a.Ask(), 1); // a grace period after the pause, the dead worker's trial is failed

        Assert.Equal(TrialState.Failed, a.Trials[abandoned.Number].State);
        Assert.Equal(TrialState.Running, a.Trials[theirs.Id].State);
        b.Tell(theirs, 2);
    }

    [Fact]
    public void Options_changed_after_a_study_was_created_leave_its_heartbeats_sweeps_and_clock_as_they_were()
    {
        var clock = new ManualTimeProvider(T0);
        var storage = new FlakyStorage(clock);
        StudyOptions shared = Options(clock, TimeSpan.FromSeconds(30));
        Study a = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1), shared);
        Study b = Study.Open(storage, "s", new RandomSuggester(seed: 2), Options(clock, TimeSpan.FromSeconds(30)));
        Trial theirs = b.Ask();

        // The same options object, set up for another study that beats every second.
        shared.HeartbeatInterval = TimeSpan.FromSeconds(1);
        shared.HeartbeatGracePeriod = TimeSpan.FromSeconds(5);
        shared.TimeProvider = TimeProvider.System;
        a.Options.HeartbeatGracePeriod = TimeSpan.FromSeconds(5); // and the study's own copy: its timer still beats every 10 s
        a.Options.TimeProvider = TimeProvider.System;
        clock.Advance(TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(1)); // b beats every 10 s, as before
        Trial mine = a.Ask();

        Assert.Equal(TrialState.Running, a.Trials[theirs.Id].State);
        Assert.Equal(clock.GetUtcNow(), mine.StartedAt); // still the study's own clock
        b.Tell(theirs, 2);
        a.Tell(mine, 1);
    }

    [Fact]
    public void A_clock_set_back_after_an_outage_holds_off_the_sweeps_for_one_grace_period_only()
    {
        TimeSpan grace = TimeSpan.FromSeconds(30);
        (ManualTimeProvider clock, FlakyStorage storage, Study a, _) = TwoWorkers(grace);
        Trial mine = a.Ask();
        storage.Throwing = true;
        clock.Advance(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)); // a's heartbeats fail
        storage.Throwing = false;
        clock.Advance(Interval, TimeSpan.FromSeconds(5)); // a's timer finds the storage back
        clock.Jump(TimeSpan.FromHours(-1)); // then the machine's clock is set back an hour
        long id = storage.FindStudy("s")!.Id;
        StoredTrial abandoned = storage.StartTrials(id, 1, 0, StoredTrials.Propose, clock)[0]; // its worker died at once
        clock.Advance(Interval, TimeSpan.FromSeconds(5));
        a.Tell(a.Ask(), 1); // the storage has answered for no known time on the new clock: nothing is failed yet

        Assert.Equal(TrialState.Running, a.Trials[abandoned.Number].State);

        clock.Advance(grace + Interval, TimeSpan.FromSeconds(5));
        a.Tell(a.Ask(), 1); // a grace period later, not an hour later

        Assert.Equal(TrialState.Failed, a.Trials[abandoned.Number].State);
        Assert.Equal(TrialState.Running, a.Trials[mine.Id].State);
        a.Tell(mine, 2);
    }

    [Fact]
    public void An_ask_whose_start_waited_through_an_outage_fails_no_live_trial_of_another_worker()
    {
        TimeSpan grace = TimeSpan.FromSeconds(20);
        (ManualTimeProvider clock, FlakyStorage storage, Study a, Study b) = TwoWorkers(grace);
        Trial theirs = b.Ask();
        a.Tell(a.Ask(), 1); // a swept just now and runs nothing, so its next ask goes straight to the storage

        storage.BlockUntil = clock.GetUtcNow().AddSeconds(30); // a's ask waits, retrying, until the storage is back
        Trial next = a.Ask(); // meanwhile b's heartbeats could not land
        a.Tell(next, 1);
        a.Tell(a.Ask(), 1); // its sweep comes before b's heartbeats had a grace period to land

        Assert.Equal(TrialState.Running, a.Trials[theirs.Id].State);
        b.Tell(theirs, 2);
    }

    [Theory]
    [InlineData("tell")]
    [InlineData("report")]
    [InlineData("read")]
    public void A_call_that_waited_through_an_outage_holds_off_the_next_sweep(string call)
    {
        TimeSpan grace = TimeSpan.FromSeconds(20);
        (ManualTimeProvider clock, FlakyStorage storage, Study a, Study b) = TwoWorkers(grace);
        Trial theirs = b.Ask();
        Trial mine = a.Ask(); // a swept just now

        storage.BlockUntil = clock.GetUtcNow().AddSeconds(30); // a's next call waits, retrying, until the storage is back
        switch (call)
        {
            case "tell":
                a.Tell(mine, 1);
                break;
            case "report":
                mine.Report(1, 0.5);
                a.Tell(mine, 1);
                break;
            default:
                a.Tell(mine, 1);
                storage.BlockUntil = clock.GetUtcNow().AddSeconds(30);
                _ = a.Trials; // a reads the study while b's heartbeats cannot land
                break;
        }

        a.Tell(a.Ask(), 1); // its sweep comes before b's heartbeats had a grace period to land

        Assert.Equal(TrialState.Running, a.Trials[theirs.Id].State);
        b.Tell(theirs, 2);
    }

    [Fact]
    public void An_ask_whose_suggester_is_slow_does_not_hold_off_the_sweeps()
    {
        TimeSpan grace = TimeSpan.FromSeconds(20);
        var clock = new ManualTimeProvider(T0);
        var storage = new FlakyStorage(clock);
        var slow = new SlowSuggester(clock, TimeSpan.FromSeconds(15));
        Study a = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], slow, Options(clock, grace));
        long id = storage.FindStudy("s")!.Id;
        StoredTrial abandoned = storage.StartTrials(id, 1, 0, StoredTrials.Propose, clock)[0]; // its worker died at once

        a.Tell(a.Ask(), 1); // 15 s of the suggester's own work: no outage
        clock.Advance(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
        a.Tell(a.Ask(), 1); // 25 s after the trial's start, over the grace period

        Assert.Equal(TrialState.Failed, a.Trials[abandoned.Number].State);
    }

    /// <summary>A random suggester that takes its time, on the test's clock.</summary>
    private sealed class SlowSuggester(ManualTimeProvider clock, TimeSpan duration) : ISuggester
    {
        private readonly RandomSuggester _inner = new(seed: 3);

        public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
        {
            clock.Jump(duration);
            return _inner.Suggest(context, count);
        }
    }
}
