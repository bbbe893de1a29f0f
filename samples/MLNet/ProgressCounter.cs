using System.Diagnostics;
using Tuning;

namespace MLNetSample;

/// <summary>
/// Counts finished trials over the whole run, the ask/tell loop and the <c>OptimizeAsync</c> call after it, and
/// forwards one <see cref="StudyProgress"/> per finished trial.
/// </summary>
internal sealed class ProgressCounter(Study study, int total, Stopwatch clock, IProgress<StudyProgress>? target)
{
    private readonly Lock _gate = new();
    private int _finished;
    private int _completed;
    private int _failed;
    private int _pruned;

    /// <summary>Counts a trial finished in the ask/tell loop.</summary>
    public void Finished(Trial trial)
    {
        lock (_gate)
        {
            _finished++;
            _completed += trial.State == TrialState.Completed ? 1 : 0;
            _failed += trial.State == TrialState.Failed ? 1 : 0;
            _pruned += trial.State == TrialState.Pruned ? 1 : 0;
            Report(trial, _finished, _completed, _failed, _pruned);
        }
    }

    /// <summary>Gets a progress for <c>OptimizeAsync</c> whose counts continue those of the ask/tell loop.</summary>
    public IProgress<StudyProgress> Continuing() => new Offset(this);

    private void Report(Trial trial, int finished, int completed, int failed, int pruned) =>
        target?.Report(new StudyProgress
        {
            Finished = finished,
            Total = total,
            Completed = completed,
            Failed = failed,
            Pruned = pruned,
            LastTrial = trial,
            BestTrial = study.TryGetBestTrial(out Trial? best) ? best : null,
            Elapsed = clock.Elapsed,
        });

    private sealed class Offset(ProgressCounter counter) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value)
        {
            lock (counter._gate)
            {
                counter.Report(
                    value.LastTrial,
                    counter._finished + value.Finished,
                    counter._completed + value.Completed,
                    counter._failed + value.Failed,
                    counter._pruned + value.Pruned);
            }
        }
    }
}
