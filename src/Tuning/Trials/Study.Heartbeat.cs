namespace Tuning;

public sealed partial class Study
{
    /// <summary>The running trials this study object started, by id; guarded by itself, not by the study's gate, so that
    /// heartbeats go out even while an ask waits for other workers.</summary>
    private readonly Dictionary<int, Trial> _ownRunning = [];

    /// <summary>Kept only so that the timer lives as long as the study does.</summary>
    private ITimer? _heartbeatTimer;
    private int _beating;
    private DateTimeOffset _lastStaleCheck = DateTimeOffset.MinValue;

    /// <summary>Gets how long a running trial may go without a heartbeat, or <see langword="null"/> without heartbeats.</summary>
    private TimeSpan? GracePeriod => Options.HeartbeatInterval is TimeSpan interval ? Options.HeartbeatGracePeriod ?? 2 * interval : null;

    /// <summary>Starts the heartbeat timer if <see cref="StudyOptions.HeartbeatInterval"/> is set. Called once, by the constructor.</summary>
    private void StartHeartbeats()
    {
        if (Options.HeartbeatInterval is not TimeSpan interval)
        {
            return;
        }

        // The timer holds the study only weakly, so an abandoned study can be collected (and its timer with it).
        _heartbeatTimer = Options.TimeProvider.CreateTimer(Beat, new WeakReference<Study>(this), interval, interval);
    }

    private static void Beat(object? state)
    {
        if (state is WeakReference<Study> weak && weak.TryGetTarget(out Study? study))
        {
            study.SendHeartbeat(fromTimer: true);
        }
    }

    /// <summary>Tells the storage that the trials this study object started and has not finished are alive.</summary>
    private void SendHeartbeat(bool fromTimer)
    {
        if (fromTimer && Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return; // the previous tick's heartbeat is still being written
        }

        try
        {
            int[] numbers;
            lock (_ownRunning)
            {
                foreach (Trial finished in _ownRunning.Values.Where(t => t.IsFinished).ToList())
                {
                    _ownRunning.Remove(finished.Id);
                }

                numbers = [.. _ownRunning.Keys];
            }

            if (numbers.Length > 0)
            {
                Storage.Heartbeat(_studyId, numbers, Now);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The next tick tries again; a storage that stays unreachable lets the trials go stale, as it should.
        }
        finally
        {
            if (fromTimer)
            {
                Volatile.Write(ref _beating, 0);
            }
        }
    }

    /// <summary>
    /// Before an ask, fails the study's running trials whose workers stopped sending heartbeats (at most once per
    /// heartbeat interval), enqueueing them again if <see cref="StudyOptions.RetryStaleTrials"/>. Call under the gate.
    /// </summary>
    private void FailStaleTrials()
    {
        if (GracePeriod is not TimeSpan grace || Options.HeartbeatInterval is not TimeSpan interval)
        {
            return;
        }

        DateTimeOffset now = Now;
        if (now - _lastStaleCheck < interval)
        {
            return;
        }

        _lastStaleCheck = now;

        // Prove this worker's own trials alive first: its timer may have been starved (a busy machine, a slow
        // database), and a worker must never fail its own live trials.
        SendHeartbeat(fromTimer: false);
        Storage.FailStaleTrials(_studyId, now - grace, Options.RetryStaleTrials, now);
    }

    /// <summary>Remembers trials this study object started, for its heartbeats.</summary>
    private void TrackOwn(IEnumerable<Trial> started)
    {
        lock (_ownRunning)
        {
            foreach (Trial trial in started)
            {
                _ownRunning[trial.Id] = trial;
            }
        }
    }

    /// <summary>Forgets a trial this study object finished.</summary>
    private void ForgetOwn(Trial trial)
    {
        lock (_ownRunning)
        {
            _ownRunning.Remove(trial.Id);
        }
    }
}
