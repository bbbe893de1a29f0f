using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Tuning.Storage;

namespace Tuning;

/// <summary>
/// One run of <see cref="Study.OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, int, int, IProgress{StudyProgress}?, IReadOnlyCollection{Type}?, CancellationToken)"/>
/// or <see cref="Study.Optimize(Func{Trial, double}, int, IProgress{StudyProgress}?, IReadOnlyCollection{Type}?, CancellationToken)"/>:
/// workers that ask, evaluate and tell until the run's trials are used up, through the study's public ask/tell only.
/// </summary>
/// <remarks>
/// An objective that throws <see cref="TrialPrunedException"/> prunes its trial, and one that throws
/// <see cref="TrialFailedException"/> fails it with the exception's message (its configuration gave no usable result),
/// and the run goes on, as it does when the objective ends with the refusal of a report that is not finite
/// (<see cref="Trial.Report"/>; a diverged run, failed as one that returns NaN is); a cancellation fails the running trials as "cancelled" (an objective that ends by it with an
/// <see cref="AggregateException"/> of cancellations, having waited on a task synchronously, included), and so a trial
/// whose ask ended after the run stopped, without its objective running. Any other exception fails its trial with the exception's type and message; then, if its type is one
/// of the caught types (or derives from one), the run goes on, and otherwise the run stops (no new trial starts, running
/// ones are cancelled) and the exception is rethrown once they end, as Optuna's <c>catch=</c> does. A suggester with
/// nothing left to suggest (<see cref="SearchSpaceExhaustedException"/>, a finished grid) ends the run early and
/// quietly once the running trials end, as Optuna's grid sampler stops its study. Any other ask that throws
/// ends the run the same way as an exception of the objective, and so do a storage that fails to record how a trial ended and a progress callback that
/// throws. An <see cref="OutOfMemoryException"/> of the objective (a batch too large for the device, say) is an outcome
/// of its trial like any other exception: the trial fails, and the run goes on if the type is caught. A trial that
/// another worker finished while its objective ran (failed as stale) keeps that verdict however the objective ends, its
/// own tell, fail or prune included, and the run goes on. A callback an objective registered on the token that throws
/// when the run stops does not replace the error that stopped it. No trial of the run is left running: with heartbeats a last sweep (<see cref="Study.FailStaleTrials"/>)
/// fails the trials of other workers that died during the run, and a trial whose end the storage failed to record is
/// failed once more at the end of the run, or, if the storage is still down, no longer kept alive by heartbeats, so
/// that a later sweep fails it.
/// </remarks>
internal sealed class StudyOptimizer
{
    private readonly Study _study;
    private readonly int _total;
    private readonly IProgress<StudyProgress>? _progress;
    private readonly Type[] _caught;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _counting = new();
    private int _claimed;
    private int _finished;
    private int _completed;
    private int _failed;
    private int _pruned;
    private Exception? _fault;
    private readonly List<Trial> _unsettled = [];

    public StudyOptimizer(Study study, int total, IProgress<StudyProgress>? progress, Type[] caught)
    {
        _study = study;
        _total = total;
        _progress = progress;
        _caught = caught;
    }

    /// <summary>Runs the trials with up to <paramref name="maxConcurrency"/> at a time, each worker on the thread pool.</summary>
    public async Task RunAsync(Func<Trial, CancellationToken, Task> evaluate, int maxConcurrency, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task[] workers = [.. Enumerable.Range(0, Math.Min(maxConcurrency, _total)).Select(_ => Task.Run(() => WorkAsync(evaluate, stop), CancellationToken.None))];
        await Task.WhenAll(workers).ConfigureAwait(false);
        End(cancellationToken);
    }

    /// <summary>Runs the trials one after the other on the calling thread.</summary>
    public void Run(Action<Trial, CancellationToken> evaluate, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (!stop.IsCancellationRequested && Interlocked.Increment(ref _claimed) <= _total && TryAsk(stop, out Trial? trial))
        {
            Exception? error = StoppedDuringAsk(stop);
            if (error is null)
            {
                try
                {
                    evaluate(trial, stop.Token);
                }
                catch (Exception e)
                {
                    error = e; // an OutOfMemoryException too: see the remarks
                }
            }

            Settle(trial, error, stop);
        }

        End(cancellationToken);
    }

    private async Task WorkAsync(Func<Trial, CancellationToken, Task> evaluate, CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested && Interlocked.Increment(ref _claimed) <= _total)
        {
            Trial? trial = await Task.Run(() => TryAsk(stop, out Trial? asked) ? asked : null, CancellationToken.None).ConfigureAwait(false);
            if (trial is null)
            {
                return;
            }

            Exception? error = StoppedDuringAsk(stop);
            if (error is null)
            {
                try
                {
                    await evaluate(trial, stop.Token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    error = e; // an OutOfMemoryException too: see the remarks
                }
            }

            Settle(trial, error, stop);
        }
    }

    /// <summary>
    /// A cancellation for a trial whose ask ended after the run was stopped (cancelled, or stopped by another worker's
    /// error), or <see langword="null"/>: such a trial is failed as cancelled without its objective running, since an
    /// objective that ignores the token would otherwise start a whole training run after the caller cancelled.
    /// </summary>
    private static OperationCanceledException? StoppedDuringAsk(CancellationTokenSource stop) =>
        stop.IsCancellationRequested ? new OperationCanceledException(stop.Token) : null;

    /// <summary>Asks for a trial; an ask that fails (the storage, the suggester, a listener) ends the run: no new trial starts.</summary>
    private bool TryAsk(CancellationTokenSource stop, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Trial? trial)
    {
        try
        {
            trial = _study.Ask();
            return true;
        }
        catch (SearchSpaceExhaustedException)
        {
            // Nothing is wrong: every point has been tried. The other workers find the same and end too.
            trial = null;
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Stop(e, stop);
            trial = null;
            return false;
        }
    }

    /// <summary>
    /// Finishes what the objective left unfinished, after how it ended, and counts and reports the trial. If the storage
    /// fails to record the end (the trial is then neither counted nor reported), or the progress callback throws, the
    /// run stops with that exception.
    /// </summary>
    private void Settle(Trial trial, Exception? error, CancellationTokenSource stop)
    {
        try
        {
            Finish(trial, error, stop);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _study.StopBeating(trial);
            lock (_counting)
            {
                _unsettled.Add(trial);
            }

            Stop(e, stop);
            return;
        }

        try
        {
            Report(trial);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Stop(e, stop);
        }
    }

    /// <summary>
    /// Prunes or fails a trial the objective left running, after how it ended, unless another worker finished it
    /// meanwhile (that verdict stands); stops the run on an uncaught error.
    /// </summary>
    private void Finish(Trial trial, Exception? error, CancellationTokenSource stop)
    {
        switch (error)
        {
            case null:
                break;
            case TrialFinishedElsewhereException:
                break; // the objective's own tell, fail or prune found its trial finished by another worker: that verdict stands
            case TrialPrunedException:
                Study.FinishUnlessFinished(trial, _study.Prune);
                break;
            case TrialFailedException failed:
                Study.FinishUnlessFinished(trial, t => _study.Fail(t, FailReason.Of(failed)));
                break;
            case ArgumentException refused when trial.DivergedReport is { } diverged && ReferenceEquals(refused, diverged.Refusal):
                Study.FinishUnlessFinished(trial, t => _study.Fail(t, FailReason.OfDivergedReport(diverged.Report)));
                break;
            case Exception when stop.IsCancellationRequested && IsCancellation(error):
                Study.FinishUnlessFinished(trial, t => _study.Fail(t, "cancelled"));
                break;
            default:
                Study.FinishUnlessFinished(trial, t => _study.Fail(t, FailReason.Of(string.Empty, error)));
                if (!_caught.Any(t => t.IsInstanceOfType(error)))
                {
                    Stop(error, stop);
                }

                break;
        }
    }

    /// <summary>
    /// Whether an exception says only that the objective was cancelled: an <see cref="OperationCanceledException"/>,
    /// or an <see cref="AggregateException"/> of nothing else, as an objective that waits on a cancelled task
    /// synchronously (<c>Wait()</c>, <c>Result</c>) throws.
    /// </summary>
    private static bool IsCancellation(Exception error) =>
        error is OperationCanceledException
        || (error is AggregateException aggregate && aggregate.Flatten().InnerExceptions is { Count: > 0 } inner && inner.All(e => e is OperationCanceledException));

    /// <summary>Stops the run: keeps the first error, and cancels the running objectives.</summary>
    private void Stop(Exception error, CancellationTokenSource stop)
    {
        Interlocked.CompareExchange(ref _fault, error, null);
        try
        {
            stop.Cancel();
        }
        catch (AggregateException)
        {
            // A running objective's callback on the token threw as it ran (a process it would kill had exited, say):
            // that objective ends as cancelled, and the run stops with the error that stopped it.
        }
    }

    /// <summary>Sweeps the trials of dead workers, then rethrows the exception that stopped the run, or the cancellation.</summary>
    private void End(CancellationToken cancellationToken)
    {
        try
        {
            foreach (Trial trial in _unsettled.Where(t => !t.IsFinished))
            {
                // A lost end may have been stored after all (a commit whose acknowledgement was lost): that verdict
                // stands, and the other trials are still failed.
                Study.FinishUnlessFinished(trial, t => _study.Fail(t, FailReason.Of("the storage failed to record how the trial ended: ", _fault)));
            }

            if (_study.SendsHeartbeats)
            {
                // Nobody may ask again after this run: fail the trials of workers that died meanwhile, so none stays running.
                _study.FailStaleTrials();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException && _fault is not null)
        {
            // The storage is still failing; the exception that stopped the run says more.
        }

        if (_fault is not null)
        {
            ExceptionDispatchInfo.Throw(_fault);
        }

        cancellationToken.ThrowIfCancellationRequested();
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

            if (_progress is null)
            {
                return;
            }

            _study.TryGetBestTrial(out Trial? best);
            _progress.Report(new StudyProgress
            {
                Finished = _finished,
                Total = _total,
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
