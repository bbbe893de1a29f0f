namespace Tuning;

/// <summary>
/// The heartbeats of one <see cref="Study"/> object: on its own timer it tells the storage that the trials this object
/// started and has not finished are alive, and before an ask it fails (and maybe requeues) the study's trials whose
/// workers stopped sending heartbeats. It has its own lock, not the study's, so heartbeats go out even while an ask of
/// the same study waits for other workers or runs a slow suggester.
/// </summary>
/// <remarks>
/// <para>
/// Set up by <see cref="StudyOptions.HeartbeatInterval"/>; without it the monitor does nothing and no trial is ever failed
/// as stale by a sweep before an ask.
/// </para>
/// <para>
/// Outages: when a storage call fails, or takes longer than an interval (a storage that retried through an outage), be
/// it the monitor's own or one of the study's asks (less the suggester's time), tells, reports or reads, the
/// other workers' heartbeats have been failing too. The monitor then fails no trial until the storage has answered it
/// for a whole grace period, so that their heartbeats land first; a sweep begins with a quick call to the storage for
/// that reason, to notice an outage it was blocked by.
/// </para>
/// <para>
/// Pauses: when this object's own timer could not fire for longer than the grace period less an interval, and at least
/// two intervals (the process or its whole machine was paused: a suspended laptop or virtual machine, a debugger), the
/// heartbeats of other workers paused with it are older than the grace period although they are alive. The monitor then
/// treats the pause as an outage and fails nothing for a grace period, in which their timers beat again.
/// </para>
/// </remarks>
internal sealed class HeartbeatMonitor
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Trial> _running = [];
    private readonly IStudyStorage _storage;
    private readonly long _studyId;

    /// <summary>The heartbeat settings and the clock, read once from the study's options: the timer beats at this interval, so the sweeps judge by it too.</summary>
    private readonly TimeSpan? _interval;
    private readonly TimeSpan? _grace;
    private readonly TimeProvider _clock;
    private readonly bool _retryStale;

    /// <summary>Kept only so that the timer lives as long as the monitor does.</summary>
    private readonly ITimer? _timer;
    private int _beating;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>When the storage last came back after being unreachable or slow; guarded by <see cref="_gate"/>.</summary>
    private DateTimeOffset _answeringSince = DateTimeOffset.MinValue;
    private bool _unreachable;

    /// <summary>When the timer last fired (or the monitor started); guarded by <see cref="_gate"/>.</summary>
    private DateTimeOffset _lastTick;

    public HeartbeatMonitor(IStudyStorage storage, long studyId, StudyOptions options)
    {
        _storage = storage;
        _studyId = studyId;
        _interval = options.HeartbeatInterval;
        _grace = _interval is TimeSpan beat ? options.HeartbeatGracePeriod ?? (DefaultGraceIntervals * beat) : null;
        _clock = options.TimeProvider;
        _retryStale = options.RetryStaleTrials;
        _lastTick = Now;
        if (_interval is TimeSpan interval)
        {
            // The timer holds the monitor only weakly, so an abandoned study can be collected (and its timer with it).
            _timer = _clock.CreateTimer(Tick, new WeakReference<HeartbeatMonitor>(this), interval, interval);
        }
    }

    /// <summary>The grace period when none is set, in heartbeat intervals: several, so that a late heartbeat fails no live trial.</summary>
    public const int DefaultGraceIntervals = 5;

    /// <summary>Gets how long a running trial may go without a heartbeat, or <see langword="null"/> without heartbeats.</summary>
    public TimeSpan? GracePeriod => _grace;

    /// <summary>Gets the study's clock, for trial timestamps and heartbeats alike.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Gets the time on the study's clock.</summary>
    public DateTimeOffset Now => _clock.GetUtcNow();

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
    /// <returns>The trials failed; none if no sweep was due.</returns>
    public IReadOnlyList<StoredTrial> SweepIfDue()
    {
        if (_grace is not TimeSpan grace || _interval is not TimeSpan interval)
        {
            return [];
        }

        DateTimeOffset now = Now;
        if (now >= _lastSweep && now - _lastSweep < interval)
        {
            return []; // swept within the interval (a clock set back since the last sweep sweeps again at once)
        }

        _lastSweep = now;
        return Sweep(grace);
    }

    /// <summary>
    /// Fails the study's running trials whose last heartbeat is older than <paramref name="grace"/>, after proving this
    /// object's own trials alive when it sends heartbeats (its timer may have been starved by a busy machine or a slow
    /// database, and a worker must never fail its own live trials). Without heartbeats nothing proves a trial alive, and
    /// a trial this object handed out (to a client that runs it elsewhere, say) is judged by its start like any other.
    /// </summary>
    /// <returns>The trials failed; none while the storage has answered for less than a grace period since an outage.</returns>
    public IReadOnlyList<StoredTrial> Sweep(TimeSpan grace)
    {
        if (_interval is null || !Beat(fromTimer: false))
        {
            // Nothing of ours to beat for: one quick call instead, to notice an outage this call waited through.
            Observe(() => _storage.ReadTrials(_studyId, long.MaxValue), rethrow: true);
        }

        lock (_gate)
        {
            DateTimeOffset checkedAt = Now;
            NotePause(checkedAt, ticked: false);
            if (_answeringSince > checkedAt)
            {
                // The clock was set back since the storage came back: wait a grace period from now, not until the clock
                // has caught up with the old time.
                _answeringSince = checkedAt;
            }

            if (_unreachable || checkedAt - _answeringSince < grace)
            {
                return [];
            }
        }

        // Observed as the monitor's other calls are: a sweep that fails (a lock held past the storage's busy timeout, which
        // held the other workers' heartbeats back too) is an outage, and the next sweeps wait for their heartbeats to land.
        DateTimeOffset now = Now;
        return Observe(() => _storage.FailStaleTrials(_studyId, now - grace, _retryStale, now));
    }

    private static void Tick(object? state)
    {
        if (state is WeakReference<HeartbeatMonitor> weak && weak.TryGetTarget(out HeartbeatMonitor? monitor))
        {
            lock (monitor._gate)
            {
                monitor.NotePause(monitor.Now, ticked: true);
            }

            monitor.Beat(fromTimer: true);
        }
    }

    /// <summary>
    /// Notes a pause of this object's timer longer than the grace period less an interval, and two intervals at least
    /// (see the remarks), as an outage
    /// that ends <paramref name="now"/>; a tick also restarts the count. Called under <see cref="_gate"/>.
    /// </summary>
    private void NotePause(DateTimeOffset now, bool ticked)
    {
        if (_grace is not TimeSpan grace || _interval is not TimeSpan interval)
        {
            return;
        }

        TimeSpan longest = grace - interval > 2 * interval ? grace - interval : 2 * interval;
        if (now - _lastTick > longest)
        {
            _answeringSince = now > _answeringSince ? now : _answeringSince;
            _lastTick = now; // one pause, one grace period
        }
        else if (ticked || now < _lastTick)
        {
            _lastTick = now; // a clock set back restarts the count too
        }
    }

    /// <summary>Tells the storage that the trials this study object started and has not finished are alive.</summary>
    /// <returns>Whether there were trials to beat for (and so a storage call was made).</returns>
    private bool Beat(bool fromTimer)
    {
        if (fromTimer && Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return true; // the previous tick's heartbeat is still being written
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
                // From the timer, a failure is only noted: the next tick tries again, and a storage that stays
                // unreachable lets the trials go stale, as it should.
                Observe(() => _storage.Heartbeat(_studyId, numbers, Now), rethrow: !fromTimer);
            }

            return numbers.Length > 0;
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
    /// Makes a storage call of the study's own (an ask, a tell, a report, a read), noting an outage as for the monitor's
    /// own calls: a worker whose call waited through an outage must not fail the trials of workers whose heartbeats could
    /// not land meanwhile. A refusal (an <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/>, such
    /// as a trial another worker finished) is an answer, not an outage. Without heartbeats it only makes the call.
    /// </summary>
    /// <param name="call">The storage call.</param>
    public T Observe<T>(Func<T> call) => Observe(call, () => TimeSpan.Zero, _ => false);

    /// <summary>As <see cref="Observe{T}(Func{T})"/>, for a call that also does work of the caller's own (an ask's suggester).</summary>
    /// <param name="call">The storage call.</param>
    /// <param name="own">After the call, how much of its time was the caller's own work, which is no wait for the storage.</param>
    /// <param name="isOwn">Whether an exception of the call is the caller's own work's, which says nothing about the storage.</param>
    public T Observe<T>(Func<T> call, Func<TimeSpan> own, Func<Exception, bool> isOwn)
    {
        if (_interval is null)
        {
            return call();
        }

        T result = default!;
        Observe(() => result = call(), rethrow: true, own, e => e is ArgumentException or InvalidOperationException || isOwn(e));
        return result;
    }

    /// <summary>Makes a storage call and notes whether the storage failed, or answered later than an interval (an outage it retried through).</summary>
    private void Observe(Action call, bool rethrow, Func<TimeSpan>? own = null, Func<Exception, bool>? isOwn = null)
    {
        DateTimeOffset start = Now;
        try
        {
            call();
        }
        catch (Exception e) when (e is not OutOfMemoryException && isOwn?.Invoke(e) != true)
        {
            lock (_gate)
            {
                _unreachable = true;
            }

            if (rethrow)
            {
                throw;
            }

            return;
        }

        DateTimeOffset end = Now;
        TimeSpan waited = end - start - (own?.Invoke() ?? TimeSpan.Zero);
        lock (_gate)
        {
            if (_unreachable || waited > _interval)
            {
                _unreachable = false;
                _answeringSince = end;
            }
        }
    }
}
