using Tuning.Storage;
namespace Tuning;

public sealed partial class Study
{
    /// <summary>Starts one trial: the oldest enqueued parameters if any, else the suggester's choice.</summary>
    /// <returns>The running trial.</returns>
    /// <exception cref="SearchSpaceExhaustedException">The suggester has nothing left to suggest.</exception>
    /// <exception cref="InvalidOperationException">
    /// The suggester broke the <see cref="ISuggester.Suggest"/> contract: it returned null, a null point, a point of another
    /// search space, or another number of points than asked for; no trial is started.
    /// </exception>
    public Trial Ask() => Ask(1)[0];

    /// <summary>
    /// Starts <paramref name="count"/> trials at once, for parallel workers: enqueued parameters first, then the
    /// suggester's choices, which treat every running trial (this batch included) as pending.
    /// </summary>
    /// <param name="count">How many trials to start; at least 1.</param>
    /// <returns>The running trials, in id order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is zero or negative.</exception>
    /// <exception cref="SearchSpaceExhaustedException">The suggester has nothing left to suggest.</exception>
    /// <exception cref="InvalidOperationException">
    /// The suggester broke the <see cref="ISuggester.Suggest"/> contract: it returned null, a null point, a point of another
    /// search space, or another number of points than asked for; no trial is started.
    /// </exception>
    /// <remarks>
    /// An ask that fails after the storage started its trials (the listener's <see cref="StudyListener.OnAsked"/> threw,
    /// or a read that followed failed) fails them before its exception reaches the caller, who never receives them, so
    /// none is left running; if the storage cannot record that either, they go stale, since no heartbeat was sent for them.
    /// </remarks>
    public IReadOnlyList<Trial> Ask(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            Swept(_heartbeats.SweepIfDue(), start);
            var proposal = new AskProposal(this);
            IReadOnlyList<StoredTrial> started = _heartbeats.Observe(
                () => Storage.StartTrials(_studyId, count, _history.Revision, proposal.Propose, _heartbeats.Clock),
                () => proposal.Duration,
                e => ReferenceEquals(e, proposal.Thrown));
            Trial[] trials;
            try
            {
                if (!proposal.WasCalled)
                {
                    Refresh(); // the queue filled the ask: the proposer, which merges the changes, never ran
                }

                trials = [.. started.Select(record => Put(record, proposal.ValuesOf(record)))];
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Started in the storage, but never handed out (a read that failed): fail them if the storage lets us.
                AbandonStarted(started, FailReason.Of("the ask failed after starting the trial, so it was never handed out: ", e));
                throw;
            }

            if (trials.Length != count)
            {
                // A storage that breaks its contract: nobody would run the extra trials, so none is handed out or left running.
                Abandon(trials, $"the storage started {trials.Length} trials for an ask of {count}");
                throw new InvalidOperationException(
                    $"The storage {Storage.GetType().Name} started {trials.Length} trials for an ask of {count}; they were failed and none is returned.");
            }

            _heartbeats.Track(trials);
            try
            {
                Options.Listener?.OnAsked(this, trials, System.Diagnostics.Stopwatch.GetElapsedTime(start));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The caller never receives these trials, so nobody would finish them: fail them, then let the exception go on.
                Abandon(trials, FailReason.Of("the study's listener threw in OnAsked, so the trial was never handed out: ", e));
                throw;
            }

            return trials;
        }
    }

    /// <summary>Completes a trial of a study with a single metric.</summary>
    /// <param name="trial">A running trial of this study.</param>
    /// <param name="value">The objective's value; finite.</param>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The value is NaN or infinite (use <see cref="Fail"/>), the trial belongs to another study, or the study has
    /// more than one metric (use <see cref="Tell(Trial, Measurements)"/>).
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// The trial is already finished: by this study, or by another worker meanwhile (failed as stale while this one was
    /// paused past its grace period, say), and the trial then shows that stored state.
    /// </exception>
    public void Tell(Trial trial, double value)
    {
        Own(trial, nameof(trial));
        if (Metrics.Count != 1)
        {
            throw new ArgumentException(
                $"The study has {Metrics.Count} metrics ({string.Join(", ", Metrics.Select(m => m.Name))}); tell trial {trial.Id} all of them with Tell(trial, Measurements).",
                nameof(value));
        }

        Tell(trial, new Measurements { [Metrics[0].Name] = value }, nameof(value));
    }

    /// <summary>Completes a trial with a value for every declared metric.</summary>
    /// <param name="trial">A running trial of this study.</param>
    /// <param name="measurements">A finite value for every metric of the study, and nothing else.</param>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> or <paramref name="measurements"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// A metric is missing or unknown, a value is NaN or infinite (use <see cref="Fail"/>), or the trial belongs to another study.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// The trial is already finished: by this study, or by another worker meanwhile (failed as stale while this one was
    /// paused past its grace period, say), and the trial then shows that stored state.
    /// </exception>
    public void Tell(Trial trial, Measurements measurements) => Tell(trial, measurements, nameof(measurements));

    /// <summary>Completes a trial; an <see cref="ArgumentException"/> about the values names <paramref name="paramName"/>.</summary>
    private void Tell(Trial trial, Measurements measurements, string paramName)
    {
        Own(trial, nameof(trial));
        ArgumentNullException.ThrowIfNull(measurements, paramName);
        Dictionary<string, double> values = _metrics.Validate(measurements, trial.Id, paramName);
        Finish(trial, TrialState.Completed, values, null);
    }

    /// <summary>Marks a trial as failed; it is kept in the history with its reason, and suggesters steer away from it.</summary>
    /// <param name="trial">A running trial of this study.</param>
    /// <param name="reason">
    /// Why it failed, such as an exception message; "failed" if empty. A lone UTF-16 surrogate in it is kept as U+FFFD,
    /// as every storage and export keeps it.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The trial belongs to another study.</exception>
    /// <exception cref="InvalidOperationException">
    /// The trial is already finished: by this study, or by another worker meanwhile (failed as stale while this one was
    /// paused past its grace period, say), and the trial then shows that stored state.
    /// </exception>
    public void Fail(Trial trial, string reason)
    {
        Own(trial, nameof(trial));
        Finish(trial, TrialState.Failed, new Dictionary<string, double>(), string.IsNullOrWhiteSpace(reason) ? "failed" : StoredText.Repaired(reason));
    }

    /// <summary>
    /// Fails the study's running trials whose workers stopped sending heartbeats: those whose last heartbeat (or start)
    /// is older than the grace period, whoever started them. With <see cref="StudyOptions.RetryStaleTrials"/> their
    /// parameters are enqueued again. Asks do this by themselves (at most once per heartbeat interval), and
    /// <see cref="OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, int, int, IProgress{StudyProgress}?, IReadOnlyCollection{Type}?, CancellationToken)"/>
    /// once more when it ends; call it when no worker will ask again, so that no trial stays running for good.
    /// </summary>
    /// <param name="gracePeriod">
    /// How long a running trial may go without a heartbeat; the default, <see langword="null"/>, is the study's own
    /// grace period (<see cref="StudyOptions.HeartbeatGracePeriod"/>).
    /// </param>
    /// <returns>The trials failed, in id order.</returns>
    /// <exception cref="InvalidOperationException">No grace period is given and the study sends no heartbeats (<see cref="StudyOptions.HeartbeatInterval"/> is not set).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gracePeriod"/> is zero or negative.</exception>
    /// <remarks>
    /// When the study sends heartbeats, this study object's own running trials are proven alive first. Without heartbeats
    /// nothing proves a trial alive: a trial this object handed out (to a client that runs it elsewhere, as a service
    /// that serves asks and tells over a network does) is failed like any other once its start is older than the grace
    /// period, so give a grace longer than a trial may run. After this object found the storage unreachable
    /// or slow to answer, nothing is failed until the storage has answered it for a whole grace period (see
    /// <see cref="StudyOptions.HeartbeatGracePeriod"/>). A clock set back (<see cref="StudyOptions.TimeProvider"/>) holds
    /// off the sweeps for at most one grace period, not until it has caught up with the time it left.
    /// </remarks>
    public IReadOnlyList<Trial> FailStaleTrials(TimeSpan? gracePeriod = null)
    {
        if (gracePeriod is TimeSpan given)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(given, TimeSpan.Zero, nameof(gracePeriod));
        }

        TimeSpan grace = gracePeriod ?? _heartbeats.GracePeriod
            ?? throw new InvalidOperationException(
                "The study sends no heartbeats (StudyOptions.HeartbeatInterval is not set), so it has no grace period: give one, such as FailStaleTrials(TimeSpan.FromMinutes(5)).");
        lock (_gate)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            return Swept(_heartbeats.Sweep(grace), start);
        }
    }

    /// <summary>
    /// Shows the trials a sweep failed as stale in the history and raises <see cref="StudyListener.OnFailed"/> for each,
    /// as for any failure; call under the gate.
    /// </summary>
    private Trial[] Swept(IReadOnlyList<StoredTrial> failed, long start)
    {
        if (failed.Count == 0)
        {
            return [];
        }

        Merge(Storage.ReadTrials(_studyId, _history.Revision));
        Trial[] trials = [.. failed.Select(t => _history[t.Number])];
        TimeSpan duration = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        foreach (Trial trial in trials)
        {
            Options.Listener?.OnFailed(this, trial, duration);
        }

        return trials;
    }

    /// <summary>
    /// After the storage refused to change a running trial: whether another worker finished it meanwhile (failed it as
    /// stale, say). The trial then shows the stored state and gets no more heartbeats; otherwise the storage failed, and
    /// the trial still runs and keeps its heartbeats. Called under the study's lock.
    /// </summary>
    private bool IsFinishedElsewhere(Trial trial)
    {
        Refresh();
        if (!trial.IsFinished)
        {
            return false;
        }

        _heartbeats.Forget(trial);
        return true;
    }

    /// <summary>
    /// Stops sending heartbeats for a trial whose end could not be stored (the storage failed), so that it goes stale
    /// and a sweep (<see cref="FailStaleTrials"/>, of this study or of another worker) fails it, instead of this
    /// process keeping alive a trial nobody runs.
    /// </summary>
    internal void StopBeating(Trial trial) => _heartbeats.Forget(trial);

    internal void SetAttribute(Trial trial, string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        StoredText.ThrowIfNotValid(key, $"The attribute key '{key}'", nameof(key));
        StoredText.ThrowIfNotValid(value, $"The value of the attribute '{key}'", nameof(value));
        lock (_gate)
        {
            trial.Update(_heartbeats.Observe(() => Storage.SetAttribute(_studyId, trial.Id, key, value)));
        }
    }

    private void Finish(Trial trial, TrialState state, IReadOnlyDictionary<string, double> values, string? reason)
    {
        lock (_gate)
        {
            if (trial.IsFinished)
            {
                throw new InvalidOperationException(
                    $"Trial {trial.Id} is already {trial.State.ToString().ToLowerInvariant()}; a trial is finished only once.");
            }

            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                trial.Update(_heartbeats.Observe(() => Storage.FinishTrial(_studyId, trial.Id, state, values, reason, Now)));
            }
            catch (InvalidOperationException e) when (IsFinishedElsewhere(trial))
            {
                throw new TrialFinishedElsewhereException(e);
            }

            _heartbeats.Forget(trial);
            TimeSpan duration = System.Diagnostics.Stopwatch.GetElapsedTime(start);
            switch (state)
            {
                case TrialState.Completed:
                    Options.Listener?.OnTold(this, trial, duration);
                    break;
                case TrialState.Failed:
                    Options.Listener?.OnFailed(this, trial, duration);
                    break;
                default:
                    Options.Listener?.OnPruned(this, trial, duration);
                    break;
            }
        }
    }

    /// <summary>Fails trials that will never be handed out, without raising listener events. Call under the gate.</summary>
    private void Abandon(IEnumerable<Trial> trials, string reason)
    {
        foreach (Trial trial in trials.Where(t => !t.IsFinished))
        {
            trial.Update(Storage.FinishTrial(_studyId, trial.Id, TrialState.Failed, new Dictionary<string, double>(), StoredText.Repaired(reason), Now));
            _heartbeats.Forget(trial);
        }
    }

    /// <summary>
    /// Fails trials an ask started but cannot hand out, as far as the storage lets it: a storage that fails again leaves
    /// them to go stale, since no heartbeat was ever sent for them. Call under the gate.
    /// </summary>
    private void AbandonStarted(IReadOnlyList<StoredTrial> started, string reason)
    {
        try
        {
            foreach (StoredTrial record in started)
            {
                Storage.FinishTrial(_studyId, record.Number, TrialState.Failed, new Dictionary<string, double>(), StoredText.Repaired(reason), Now);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The ask's own exception says more.
        }
    }

    /// <summary>Adds a trial this study just started to the history, with its known parameters. Call under the gate.</summary>
    private Trial Put(StoredTrial record, ParameterValues? parameters)
    {
        Trial? trial = _history.Put(record, parameters);
        if (trial is null)
        {
            Merge(Storage.ReadTrials(_studyId, 0)); // a gap (never expected): read everything, then the trial is known
            trial = _history.Put(record, parameters)!;
        }

        return trial;
    }
}
