namespace Tuning.Tests.Trials;

/// <summary><c>OptimizeAsync</c> called on a thread with a synchronization context of its own, as a UI thread has.</summary>
public class OptimizeContextTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", -2, 2).Build();
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_caller_that_blocks_on_the_run_on_a_single_threaded_context_does_not_deadlock()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 1));
        var ended = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ui = new Thread(() =>
        {
            // A context that never runs what is posted to it, as a UI thread blocked in Wait() does not.
            SynchronizationContext.SetSynchronizationContext(new NeverPumpedContext());
            try
            {
                study.OptimizeAsync(
                    async (trial, ct) =>
                    {
                        await Task.Yield();
                        return trial.GetDouble("x");
                    },
                    trials: 6,
                    maxConcurrency: 2,
                    progress: new Progress<StudyProgress>(_ => { })).Wait();
                ended.SetResult(study.Trials.Count);
            }
            catch (Exception e)
            {
                ended.SetException(e);
            }
        });
        ui.Start();

        Assert.Equal(6, await ended.Task.WaitAsync(Hang));
    }

    private sealed class NeverPumpedContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();
    }
}
