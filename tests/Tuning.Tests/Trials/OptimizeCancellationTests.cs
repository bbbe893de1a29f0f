namespace Tuning.Tests.Trials;

/// <summary>Cancelling <c>Optimize</c> and <c>OptimizeAsync</c> at the moments between a trial's ask and its end.</summary>
public class OptimizeCancellationTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", -2, 2).Build();
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_trial_whose_ask_ends_after_the_cancellation_is_cancelled_without_running_its_objective()
    {
        using var gate = new AskGate(blockOnAsk: 2);
        var study = new Study(Space, Metric.Minimize("loss"), gate.Wrap(new SobolSuggester(seed: 1)));
        using var cts = new CancellationTokenSource();
        var evaluated = new List<int>();

        Task run = study.OptimizeAsync(
            (trial, _) =>
            {
                lock (evaluated)
                {
                    evaluated.Add(trial.Id);
                }

                return Task.FromResult(1.0); // ignores the token, as a training loop that never checks it does
            },
            trials: 5,
            cancellationToken: cts.Token);
        Assert.True(gate.Entered.Wait(Hang));
        await cts.CancelAsync();
        gate.Release.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Hang));
        Assert.Equal([0], evaluated);
        Assert.Equal([TrialState.Completed, TrialState.Failed], study.Trials.Select(t => t.State));
        Assert.Equal("cancelled", study.Trials[1].FailReason);
    }

    [Fact]
    public async Task A_synchronous_run_cancelled_during_an_ask_does_not_run_the_objective_on_its_trial()
    {
        using var gate = new AskGate(blockOnAsk: 2);
        var study = new Study(Space, Metric.Minimize("loss"), gate.Wrap(new SobolSuggester(seed: 1)));
        using var cts = new CancellationTokenSource();
        var evaluated = new List<int>();
        Task canceller = Task.Run(() =>
        {
            Assert.True(gate.Entered.Wait(Hang));
            cts.Cancel();
            gate.Release.Set();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => study.Optimize(
            trial =>
            {
                evaluated.Add(trial.Id);
                return 1.0;
            },
            trials: 5,
            cancellationToken: cts.Token));
        await canceller.WaitAsync(Hang);

        Assert.Equal([0], evaluated);
        Assert.Equal([TrialState.Completed, TrialState.Failed], study.Trials.Select(t => t.State));
        Assert.Equal("cancelled", study.Trials[1].FailReason);
    }

    [Fact]
    public async Task An_objective_that_waits_synchronously_on_the_cancelled_token_ends_its_trial_as_cancelled_and_the_caller_gets_the_cancellation()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 1));
        using var cts = new CancellationTokenSource();
        using var bothRunning = new Barrier(2);

        Task run = study.OptimizeAsync(
            (_, ct) => Task.Run(() =>
            {
                Assert.True(bothRunning.SignalAndWait(Hang));
                cts.Cancel();
                Task.Delay(Timeout.Infinite, ct).Wait(); // sync over async: an AggregateException of a TaskCanceledException
                return 1.0;
            }),
            trials: 10,
            maxConcurrency: 2,
            cancellationToken: cts.Token);

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Hang));
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.Equal(2, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal("cancelled", t.FailReason));
    }

    [Fact]
    public async Task A_timeout_of_the_objectives_own_is_an_error_of_its_trial_not_the_runs_cancellation()
    {
        var stopped = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 1));
        var caught = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 1));

        await Assert.ThrowsAsync<TaskCanceledException>(() => stopped.OptimizeAsync(OwnTimeout, trials: 4).WaitAsync(Hang));
        await caught.OptimizeAsync(OwnTimeout, trials: 4, @catch: [typeof(OperationCanceledException)]).WaitAsync(Hang);

        Assert.Equal([TrialState.Completed, TrialState.Failed], stopped.Trials.Select(t => t.State));
        Assert.StartsWith("TaskCanceledException", stopped.Trials[1].FailReason, StringComparison.Ordinal);
        Assert.Equal([TrialState.Completed, TrialState.Failed, TrialState.Completed, TrialState.Completed], caught.Trials.Select(t => t.State));
    }

    /// <summary>An objective whose second trial runs into a deadline of its own, as an HTTP client's timeout does.</summary>
    private static async Task<double> OwnTimeout(Trial trial, CancellationToken cancellationToken)
    {
        if (trial.Id == 1)
        {
            using var deadline = new CancellationTokenSource();
            await deadline.CancelAsync();
            await Task.Delay(Timeout.Infinite, deadline.Token);
        }

        return 1.0;
    }

    [Fact]
    public async Task A_cancellation_callback_of_an_objective_that_throws_does_not_hide_the_error_that_stopped_the_run()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 1), new StudyOptions { HeartbeatInterval = TimeSpan.FromMinutes(1) });
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new SynchronousProgress(_ => throw new FormatException("the progress bar failed"));

        Task run = study.OptimizeAsync(
            async (trial, ct) =>
            {
                if (trial.Id == 0)
                {
                    using CancellationTokenRegistration kill = ct.Register(() => throw new InvalidOperationException("the training process had exited"));
                    registered.SetResult();
                    await Task.Delay(Timeout.Infinite, ct);
                }

                await registered.Task;
                return 1.0;
            },
            trials: 10,
            maxConcurrency: 2,
            progress: progress);

        var e = await Assert.ThrowsAsync<FormatException>(() => run.WaitAsync(Hang));
        Assert.Equal("the progress bar failed", e.Message);
        Assert.Equal([TrialState.Failed, TrialState.Completed], study.Trials.Select(t => t.State));
        Assert.Equal("cancelled", study.Trials[0].FailReason);
    }

    private sealed class SynchronousProgress(Action<StudyProgress> report) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value) => report(value);
    }

    /// <summary>Holds the suggester's <c>blockOnAsk</c>-th ask until released, and says when that ask has begun.</summary>
    private sealed class AskGate(int blockOnAsk) : IDisposable
    {
        private int _asks;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public ISuggester Wrap(ISuggester inner) => new Gated(this, inner);

        public void Dispose()
        {
            Release.Set();
            Entered.Dispose();
            Release.Dispose();
        }

        private void Pass()
        {
            if (Interlocked.Increment(ref _asks) == blockOnAsk)
            {
                Entered.Set();
                Assert.True(Release.Wait(Hang));
            }
        }

        private sealed class Gated(AskGate gate, ISuggester inner) : ISuggester
        {
            public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
            {
                gate.Pass();
                return inner.Suggest(context, count);
            }
        }
    }
}
