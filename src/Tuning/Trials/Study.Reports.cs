using Tuning.Storage;
namespace Tuning;

public sealed partial class Study
{
    /// <summary>Asks the configured pruner whether a running trial should stop early.</summary>
    /// <param name="trial">A trial of this study.</param>
    /// <returns>
    /// <see langword="true"/> if it should be pruned; always <see langword="false"/> without a pruner, or for a finished
    /// trial, one that another worker finished meanwhile included.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The trial belongs to another study.</exception>
    /// <remarks>
    /// Reports are values of the first objective, so in a study with two objectives the pruners judge trials by the first
    /// alone: a trial that the second objective would put on the Pareto front can be pruned for a poor first objective
    /// (Optuna refuses reports in a study with several objectives). Constraints play no part either: a completed trial
    /// that misses a constraint threshold counts as any other (as in Optuna), since a running trial's constraint values
    /// are not known until it is told. Trials are compared whatever their fidelity, when the space declares one.
    /// </remarks>
    public bool ShouldPrune(Trial trial)
    {
        Own(trial, nameof(trial));
        if (Options.Pruner is not IPruner pruner)
        {
            return false;
        }

        // Reading the trials first updates this one too: another worker may have finished it meanwhile (failed it as stale).
        IReadOnlyList<Trial> trials = Trials;
        return !trial.IsFinished && trial.Reports.Count > 0 && pruner.ShouldPrune(trial, trials);
    }

    /// <summary>
    /// Stops a running trial as pruned; it keeps its last reported value as the value of the first objective (the last
    /// one stored, even if another worker that carried the trial on reported it).
    /// </summary>
    /// <param name="trial">A running trial of this study.</param>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The trial belongs to another study.</exception>
    /// <exception cref="InvalidOperationException">
    /// The trial is already finished: by this study, or by another worker meanwhile (failed as stale while this one was
    /// paused past its grace period, say), and the trial then shows that stored state.
    /// </exception>
    public void Prune(Trial trial)
    {
        Own(trial, nameof(trial));
        lock (_gate)
        {
            Finish(trial, TrialState.Pruned, TrialTransitions.PrunedValues(StoredRecord(trial), Objectives[0].Name), null);
        }
    }

    /// <summary>
    /// The trial as stored now: another worker may have reported on it since this study last read it (a restarted
    /// process that carried it on). Its object is left as it is, so that a trial finished elsewhere meanwhile is refused
    /// by the storage as such. Call under the study's lock.
    /// </summary>
    private StoredTrial StoredRecord(Trial trial) =>
        _heartbeats.Observe(() => Storage.ReadTrials(_studyId, _history.Revision)).FirstOrDefault(t => t.Number == trial.Id) ?? trial.Record;

    internal void Report(Trial trial, TrialReport report)
    {
        lock (_gate)
        {
            try
            {
                TrialTransitions.CheckReport(trial.Record, report.Step, report.Value);
            }
            catch (ArgumentException e) when (!double.IsFinite(report.Value))
            {
                trial.DivergedReport = (e, report); // the value is checked before the step: this is its refusal
                throw;
            }

            try
            {
                trial.Update(_heartbeats.Observe(() => Storage.AddReport(_studyId, trial.Id, report, Now)));
            }
            catch (InvalidOperationException e) when (IsFinishedElsewhere(trial))
            {
                throw new TrialFinishedElsewhereException(e); // refused as a tell would be
            }
        }
    }
}
