using System.Diagnostics;

namespace Tuning;

public sealed partial class Study
{
    /// <summary>
    /// Runs <paramref name="trials"/> trials of a single-metric objective, up to <paramref name="maxConcurrency"/> at a time.
    /// </summary>
    /// <param name="objective">Evaluates a trial and returns its value. It may call <see cref="Trial.Report"/> and throw <see cref="TrialPrunedException"/>.</param>
    /// <param name="trials">How many trials to run; at least 1.</param>
    /// <param name="maxConcurrency">How many trials run at once; the default is 1.</param>
    /// <param name="progress">Receives an update after every finished trial; the default is none.</param>
    /// <param name="rethrowExceptions">
    /// If <see langword="false"/> (the default), an exception in the objective marks its trial failed and the run goes on;
    /// if <see langword="true"/>, the trial is marked failed, no new trial starts, and the exception is rethrown once the running ones end.
    /// </param>
    /// <param name="cancellationToken">Stops the run: running trials are marked failed ("cancelled") and none is left running.</param>
    /// <returns>A task that completes when every trial has finished.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trials"/> or <paramref name="maxConcurrency"/> is less than 1.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public Task OptimizeAsync(
        Func<Trial, CancellationToken, Task<double>> objective,
        int trials,
        int maxConcurrency = 1,
        IProgress<StudyProgress>? progress = null,
        bool rethrowExceptions = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return RunAsync(
            async (trial, ct) =>
            {
                double value = await objective(trial, ct).ConfigureAwait(false);
                if (!trial.IsFinished)
                {
                    Tell(trial, value);
                }
            },
            trials,
            maxConcurrency,
            progress,
            rethrowExceptions,
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="trials"/> trials of an objective that measures several metrics, up to <paramref name="maxConcurrency"/> at a time.
    /// </summary>
    /// <param name="objective">Evaluates a trial and returns a value for every metric. It may call <see cref="Trial.Report"/> and throw <see cref="TrialPrunedException"/>.</param>
    /// <param name="trials">How many trials to run; at least 1.</param>
    /// <param name="maxConcurrency">How many trials run at once; the default is 1.</param>
    /// <param name="progress">Receives an update after every finished trial; the default is none.</param>
    /// <param name="rethrowExceptions">
    /// If <see langword="false"/> (the default), an exception in the objective marks its trial failed and the run goes on;
    /// if <see langword="true"/>, the trial is marked failed, no new trial starts, and the exception is rethrown once the running ones end.
    /// </param>
    /// <param name="cancellationToken">Stops the run: running trials are marked failed ("cancelled") and none is left running.</param>
    /// <returns>A task that completes when every trial has finished.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trials"/> or <paramref name="maxConcurrency"/> is less than 1.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public Task OptimizeAsync(
        Func<Trial, CancellationToken, Task<Measurements>> objective,
        int trials,
        int maxConcurrency = 1,
        IProgress<StudyProgress>? progress = null,
        bool rethrowExceptions = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return RunAsync(
            async (trial, ct) =>
            {
                Measurements measurements = await objective(trial, ct).ConfigureAwait(false);
                if (!trial.IsFinished)
                {
                    Tell(trial, measurements);
                }
            },
            trials,
            maxConcurrency,
            progress,
            rethrowExceptions,
            cancellationToken);
    }

    private async Task RunAsync(
        Func<Trial, CancellationToken, Task> evaluate,
        int trials,
        int maxConcurrency,
        IProgress<StudyProgress>? progress,
        bool rethrowExceptions,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        var run = new OptimizationRun(trials, Stopwatch.StartNew());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task WorkerAsync()
        {
            while (!stop.IsCancellationRequested && run.TryClaimSlot())
            {
                Trial trial = await Task.Run(Ask, CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await evaluate(trial, stop.Token).ConfigureAwait(false);
                }
                catch (TrialPrunedException)
                {
                    if (!trial.IsFinished)
                    {
                        Prune(trial);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    if (!trial.IsFinished)
                    {
                        Fail(trial, "cancelled");
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    if (!trial.IsFinished)
                    {
                        Fail(trial, $"{e.GetType().Name}: {e.Message}");
                    }

                    if (rethrowExceptions)
                    {
                        run.Fault(e);
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                }

                ReportProgress(run, trial, progress);
            }
        }

        Task[] workers = [.. Enumerable.Range(0, Math.Min(maxConcurrency, trials)).Select(_ => Task.Run(WorkerAsync, CancellationToken.None))];
        await Task.WhenAll(workers).ConfigureAwait(false);
        run.ThrowIfFaulted();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void ReportProgress(OptimizationRun run, Trial trial, IProgress<StudyProgress>? progress)
    {
        lock (run)
        {
            run.Count(trial.State);
            if (progress is null)
            {
                return;
            }

            progress.Report(new StudyProgress
            {
                Finished = run.Finished,
                Total = run.Total,
                Completed = run.Completed,
                Failed = run.Failed,
                Pruned = run.Pruned,
                LastTrial = trial,
                BestTrial = FindBest(Trials),
                Elapsed = run.Clock.Elapsed,
            });
        }
    }

    /// <summary>The counters of one <see cref="OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, int, int, IProgress{StudyProgress}?, bool, CancellationToken)"/> call.</summary>
    private sealed class OptimizationRun(int total, Stopwatch clock)
    {
        private int _claimed;
        private Exception? _fault;

        public int Total { get; } = total;

        public Stopwatch Clock { get; } = clock;

        public int Finished { get; private set; }

        public int Completed { get; private set; }

        public int Failed { get; private set; }

        public int Pruned { get; private set; }

        public bool TryClaimSlot() => Interlocked.Increment(ref _claimed) <= Total;

        public void Count(TrialState state)
        {
            Finished++;
            switch (state)
            {
                case TrialState.Completed: Completed++; break;
                case TrialState.Failed: Failed++; break;
                case TrialState.Pruned: Pruned++; break;
            }
        }

        public void Fault(Exception e) => Interlocked.CompareExchange(ref _fault, e, null);

        public void ThrowIfFaulted()
        {
            if (_fault is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_fault);
            }
        }
    }
}
