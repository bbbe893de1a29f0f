using Tuning.Storage.Testing;

namespace Tuning.Storage.Tests;

/// <summary>A storage that fails to record how a trial ended stops the run, and leaves no trial running for good.</summary>
public sealed class StorageFaultInRunTests
{
    private static readonly DateTimeOffset T0 = StoredTrials.T0;

    private static (ManualTimeProvider Clock, FlakyStorage Storage, Study Study) Run()
    {
        var clock = new ManualTimeProvider(T0);
        var storage = new FlakyStorage(clock);
        var options = new StudyOptions { TimeProvider = clock, HeartbeatInterval = TimeSpan.FromSeconds(10), HeartbeatGracePeriod = TimeSpan.FromSeconds(30) };
        return (clock, storage, Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1), options));
    }

    [Fact]
    public async Task A_trial_whose_end_was_lost_is_failed_when_the_run_ends_if_the_storage_is_back()
    {
        (_, FlakyStorage storage, Study study) = Run();

        // The objective's tell and the run's attempt to fail the trial meet the outage; the storage is back at the end.
        var e = await Assert.ThrowsAsync<TimeoutException>(() => study.OptimizeAsync(
            (_, _) =>
            {
                storage.FailNext = 2;
                return Task.FromResult(1.0);
            },
            trials: 3));

        Assert.Contains("unreachable", e.Message, StringComparison.Ordinal);
        Trial lost = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Failed, lost.State);
        Assert.Contains("the storage failed to record how the trial ended", lost.FailReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tell_the_storage_refuses_with_an_invalid_operation_while_the_trial_runs_stops_the_run_and_leaves_no_trial_running()
    {
        (_, FlakyStorage storage, Study study) = Run();
        storage.Failure = message => new InvalidOperationException(message); // as a driver's connection in a bad state throws

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => study.OptimizeAsync(
            (_, _) =>
            {
                storage.FailNext = 1;
                return Task.FromResult(1.0);
            },
            trials: 3));

        Assert.Contains("unreachable", e.Message, StringComparison.Ordinal);
        Trial lost = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Failed, lost.State);
        Assert.Contains("unreachable", lost.FailReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reason_of_a_trial_whose_end_was_lost_keeps_no_password_of_the_storage_failure()
    {
        (_, FlakyStorage storage, Study study) = Run();
        storage.FailureMessage = "Cannot reach Host=db;Username=me;Password=hunter2;Timeout=5";

        await Assert.ThrowsAsync<TimeoutException>(() => study.OptimizeAsync(
            (_, _) =>
            {
                storage.FailNext = 2;
                return Task.FromResult(1.0);
            },
            trials: 3));

        Trial lost = Assert.Single(study.Trials);
        Assert.Contains("the storage failed to record how the trial ended", lost.FailReason, StringComparison.Ordinal);
        Assert.Contains("Password=***", lost.FailReason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", lost.FailReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trial_whose_end_was_lost_goes_stale_if_the_storage_stays_down_until_the_run_ends()
    {
        (ManualTimeProvider clock, FlakyStorage storage, Study study) = Run();

        await Assert.ThrowsAsync<TimeoutException>(() => study.OptimizeAsync(
            (_, _) =>
            {
                storage.Throwing = true;
                return Task.FromResult(1.0);
            },
            trials: 3));

        storage.Throwing = false;
        Trial lost = Assert.Single(study.Trials);
        clock.Advance(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(5)); // heartbeat timers fire meanwhile

        Assert.Equal([lost.Id], study.FailStaleTrials().Select(t => t.Id)); // no longer kept alive by this process
        Assert.Equal(TrialState.Failed, lost.State);
    }

    [Fact]
    public async Task Every_trial_whose_end_was_lost_is_failed_at_the_end_even_when_an_earlier_one_was_stored_after_all()
    {
        (_, FlakyStorage storage, Study study) = Run();
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int firstFails = 0, secondFails = 0;
        storage.FinishScript = (number, state) => (number, state) switch
        {
            (0, TrialState.Completed) => (true, true),                           // the first trial's tell commits, unacknowledged
            (0, TrialState.Failed) => Interlocked.Increment(ref firstFails) == 1 ? (false, true) : (true, false), // failing it is lost once
            (1, _) => Interlocked.Increment(ref secondFails) == 1 ? (false, true) : (true, false),     // the second trial's end is lost once
            _ => (true, false),
        };

        await Assert.ThrowsAsync<TimeoutException>(() => study.OptimizeAsync(
            async (trial, token) =>
            {
                if (trial.Id == 0)
                {
                    await secondStarted.Task;
                    return 1.0;
                }

                // Runs until the first trial's lost end stops the run, then ends as cancelled, which is lost too.
                secondStarted.SetResult();
                await Task.Delay(Timeout.Infinite, token);
                return 2.0;
            },
            trials: 2,
            maxConcurrency: 2));

        // The first trial's tell was stored after all, and that verdict stands; the second is failed, not left running.
        Assert.Equal([TrialState.Completed, TrialState.Failed], storage.ReadTrials(study.StudyId, 0).Select(t => t.State));
        Assert.Equal([TrialState.Completed, TrialState.Failed], study.Trials.Select(t => t.State));
    }

    [Fact]
    public async Task A_progress_callback_that_throws_stops_the_run_and_leaves_no_trial_running()
    {
        (_, _, Study study) = Run();
        var progress = new ThrowingProgress();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => study.OptimizeAsync((_, _) => Task.FromResult(1.0), trials: 10, maxConcurrency: 2, progress: progress));

        Assert.Equal("progress broke", e.Message);
        Assert.InRange(study.Trials.Count, 1, 3); // the run stopped: no new trial after the failing report
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Running);
    }

    /// <summary>A progress callback whose first report throws.</summary>
    private sealed class ThrowingProgress : IProgress<StudyProgress>
    {
        private int _reports;

        public void Report(StudyProgress value)
        {
            if (Interlocked.Increment(ref _reports) == 1)
            {
                throw new InvalidOperationException("progress broke");
            }
        }
    }
}
