namespace Tuning.Storage.Testing;

/// <summary>
/// A clock that moves only when the test says so; its timers fire, on the caller's thread, as <see cref="Advance"/>
/// passes their due times. Keeps heartbeat tests exact on a busy machine. As a real timer does, a timer counts the time
/// that passes, not the wall clock: a clock set back (<see cref="Jump"/> by a negative span) does not delay it.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    /// <summary>The time passed since the start, which the timers count; setting the clock back does not change it.</summary>
    private TimeSpan _elapsed;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    /// <summary>
    /// Moves the clock forward at once without firing timers, as time passes for a call that is blocked; or, by a
    /// negative span, sets the clock back, as a machine's clock may be set (time does not pass for the timers then).
    /// </summary>
    public void Jump(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
            _elapsed += by > TimeSpan.Zero ? by : TimeSpan.Zero;
        }
    }

    private TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return _elapsed;
            }
        }
    }

    /// <summary>Moves the clock forward in small steps, firing every timer that comes due on the way.</summary>
    public void Advance(TimeSpan by, TimeSpan step)
    {
        DateTimeOffset end = GetUtcNow() + by;
        while (GetUtcNow() < end)
        {
            lock (_gate)
            {
                TimeSpan passed = _now + step < end ? step : end - _now;
                _now += passed;
                _elapsed += passed;
            }

            ManualTimer[] timers;
            lock (_gate)
            {
                timers = [.. _timers];
            }

            foreach (ManualTimer timer in timers)
            {
                timer.FireIfDue(Elapsed);
            }
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        /// <summary>When the timer fires next, in the clock's elapsed time.</summary>
        private TimeSpan? _due;
        private TimeSpan _period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.Elapsed + dueTime;
            _period = period;
            return true;
        }

        public void FireIfDue(TimeSpan elapsed)
        {
            if (_due is TimeSpan due && due <= elapsed)
            {
                _due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : elapsed + _period;
                callback(state);
            }
        }

        public void Dispose() => _due = null;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
