namespace Tuning.Storage.Testing;

/// <summary>
/// A clock that moves only when the test says so; its timers fire, on the caller's thread, as <see cref="Advance"/>
/// passes their due times. Keeps heartbeat tests exact on a busy machine.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

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

    /// <summary>Moves the clock forward at once without firing timers, as time passes for a call that is blocked.</summary>
    public void Jump(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
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
                _now = _now + step < end ? _now + step : end;
            }

            ManualTimer[] timers;
            lock (_gate)
            {
                timers = [.. _timers];
            }

            foreach (ManualTimer timer in timers)
            {
                timer.FireIfDue(GetUtcNow());
            }
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private DateTimeOffset? _due;
        private TimeSpan _period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            _period = period;
            return true;
        }

        public void FireIfDue(DateTimeOffset now)
        {
            if (_due is DateTimeOffset due && due <= now)
            {
                _due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;
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
