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

    private Task RunAsync(
        Func<Trial, CancellationToken, Task> evaluate,
        int trials,
        int maxConcurrency,
        IProgress<StudyProgress>? progress,
        bool rethrowExceptions,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        return new StudyOptimizer(this, trials, progress, rethrowExceptions).RunAsync(evaluate, maxConcurrency, cancellationToken);
    }
}
