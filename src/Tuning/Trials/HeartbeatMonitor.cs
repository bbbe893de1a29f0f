namespace Tuning;

/// <summary>
/// The heartbeats of one <see cref="Study"/> object: on its own timer it tells the storage that the trials this object
/// started and has not finished are alive, and before an ask it fails (and maybe requeues) the study's trials whose
/// workers stopped sending heartbeats. It has its own lock, not the study's, so heartbeats go out even while an ask of
/// the same study waits for other workers or runs a slow suggester.
/// </summary>
/// <remarks>
/// Set up by <see cref="StudyOptions.HeartbeatInterval"/>; without it the monitor does nothing and no trial is ever failed
/// as stale by a sweep before an ask.
/// </remarks>
internal sealed class HeartbeatMonitor
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Trial> _running = [];
    private readonly IStudyStorage _storage;
    private readonly long _studyId;
    private readonly StudyOptions _options;

    /// <summary>Kept only so that the timer lives as long as the monitor does.</summary>
    private readonly ITimer? _timer;
    private int _beating;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public HeartbeatMonitor(IStudyStorage storage, long studyId, StudyOptions options)
    {
        _storage = storage;
        _studyId = studyId;
        _options = options;
        if (options.HeartbeatInterval is TimeSpan interval)
        {
            // The timer holds the monitor only weakly, so an abandoned study can be collected (and its timer with it).
            _timer = options.TimeProvider.CreateTimer(Tick, new WeakReference<HeartbeatMonitor>(this), interval, interval);
        }
    }

    /// <summary>Gets how long a running trial may go without a heartbeat, or <see langword="null"/> without heartbeats.</summary>
    public TimeSpan? GracePeriod => _options.HeartbeatInterval is TimeSpan interval ? _options.HeartbeatGracePeriod ?? (2 * interval) : null;

    private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    /// <summary>Remembers trials this study object started, to beat for them.</summary>
    public void Track(IEnumerable<Trial> started)
    {
        lock (_gate)
        {
            foreach (Trial trial in started)
            {
                _running[trial.Id] = trial;
            }
        }
    }

    /// <summary>Forgets a trial this study object finished.</summary>
    public void Forget(Trial trial)
    {
        lock (_gate)
        {
            _running.Remove(trial.Id);
        }
    }

    /// <summary>
    /// Before an ask, at most once per heartbeat interval: proves this object's own trials alive, then fails the study's
    /// running trials whose last heartbeat is older than the grace period (requeueing them if
    /// <see cref="StudyOptions.RetryStaleTrials"/>).
    /// </summary>
    public void SweepIfDue()
    {
        if (GracePeriod is not TimeSpan grace || _options.HeartbeatInterval is not TimeSpan interval)
        {
            return;
        }

        DateTimeOffset now = Now;
        if (now - _lastSweep < interval)
        {
            return;
        }

        _lastSweep = now;
        Sweep(grace);
    }

    /// <summary>
    /// Fails the study's running trials whose last heartbeat is older than <paramref name="grace"/>, after proving this
    /// object's own trials alive (its timer may have been starved by a busy machine or a slow database, and a worker must
    /// never fail its own live trials).
    /// </summary>
    /// <returns>The trials failed.</returns>
    public IReadOnlyList<StoredTrial> Sweep(TimeSpan grace)
    {
        Beat(fromTimer: false);
        DateTimeOffset now = Now;
        return _storage.FailStaleTrials(_studyId, now - grace, _options.RetryStaleTrials, now);
    }

    private static void Tick(object? state)
    {
        if (state is WeakReference<HeartbeatMonitor> weak && weak.TryGetTarget(out HeartbeatMonitor? monitor))
        {
            monitor.Beat(fromTimer: true);
        }
    }

    /// <summary>Tells the storage that the trials this study object started and has not finished are alive.</summary>
    private void Beat(bool fromTimer)
    {
        if (fromTimer && Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return; // the previous tick's heartbeat is still being written
        }

        try
        {
            int[] numbers;
            lock (_gate)
            {
                foreach (Trial finished in _running.Values.Where(t => t.IsFinished).ToList())
                {
                    _running.Remove(finished.Id);
                }

                numbers = [.. _running.Keys];
            }

            if (numbers.Length > 0)
            {
                _storage.Heartbeat(_studyId, numbers, Now);
            }
        }
        catch (Exception e) when (fromTimer && e is not OutOfMemoryException)
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
}
