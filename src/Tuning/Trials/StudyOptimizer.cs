using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Tuning;

/// <summary>
/// One run of <see cref="Study.OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, int, int, IProgress{StudyProgress}?, bool, CancellationToken)"/>:
/// workers that ask, evaluate and tell until the run's trials are used up, through the study's public ask/tell only.
/// </summary>
/// <remarks>
/// An objective that throws <see cref="TrialPrunedException"/> prunes its trial; a cancellation fails the running trials
/// as "cancelled"; any other exception fails its trial with the exception's type and message and, when
/// <c>rethrowExceptions</c> is set, stops the run (no new trial starts; the exception is rethrown once the running
/// ones end). An ask that throws ends the run the same way. No trial of the run is left running, and with heartbeats a
/// last sweep (<see cref="Study.FailStaleTrials"/>) fails the trials of other workers that died during the run.
/// </remarks>
internal sealed class StudyOptimizer(Study study, int total, IProgress<StudyProgress>? progress, bool rethrowExceptions)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _counting = new();
    private int _claimed;
    private int _finished;
    private int _completed;
    private int _failed;
    private int _pruned;
    private Exception? _fault;

    /// <summary>Runs the trials with up to <paramref name="maxConcurrency"/> at a time.</summary>
    public async Task RunAsync(Func<Trial, CancellationToken, Task> evaluate, int maxConcurrency, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task[] workers = [.. Enumerable.Range(0, Math.Min(maxConcurrency, total)).Select(_ => Task.Run(() => WorkAsync(evaluate, stop), CancellationToken.None))];
        await Task.WhenAll(workers).ConfigureAwait(false);
        if (study.Options.HeartbeatInterval is not null)
        {
            // Nobody may ask again after this run: fail the trials of workers that died meanwhile, so none stays running.
            study.FailStaleTrials();
        }

        if (_fault is not null)
        {
            ExceptionDispatchInfo.Throw(_fault);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task WorkAsync(Func<Trial, CancellationToken, Task> evaluate, CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested && Interlocked.Increment(ref _claimed) <= total)
        {
            Trial trial;
            try
            {
                trial = await Task.Run(study.Ask, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // An ask that fails (the storage, the suggester, a listener) ends the run: no new trial starts.
                Interlocked.CompareExchange(ref _fault, e, null);
                await stop.CancelAsync().ConfigureAwait(false);
                return;
            }

            try
            {
                await evaluate(trial, stop.Token).ConfigureAwait(false);
            }
            catch (TrialPrunedException)
            {
                if (!trial.IsFinished)
                {
                    study.Prune(trial);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                if (!trial.IsFinished)
                {
                    study.Fail(trial, "cancelled");
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (!trial.IsFinished)
                {
                    study.Fail(trial, $"{e.GetType().Name}: {e.Message}");
                }

                if (rethrowExceptions)
                {
                    Interlocked.CompareExchange(ref _fault, e, null);
                    await stop.CancelAsync().ConfigureAwait(false);
                }
            }

            Report(trial);
        }
    }

    /// <summary>Counts a finished trial and reports the run's progress, one report at a time.</summary>
    private void Report(Trial trial)
    {
        lock (_counting)
        {
            _finished++;
            switch (trial.State)
            {
                case TrialState.Completed: _completed++; break;
                case TrialState.Failed: _failed++; break;
                case TrialState.Pruned: _pruned++; break;
            }

            if (progress is null)
            {
                return;
            }

            study.TryGetBestTrial(out Trial? best);
            progress.Report(new StudyProgress
            {
                Finished = _finished,
                Total = total,
                Completed = _completed,
                Failed = _failed,
                Pruned = _pruned,
                LastTrial = trial,
                BestTrial = best,
                Elapsed = _clock.Elapsed,
            });
        }
    }
}
