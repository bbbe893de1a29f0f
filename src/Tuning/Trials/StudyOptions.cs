namespace Tuning;

/// <summary>Options of a <see cref="Study"/> beyond its space, metrics and suggester.</summary>
/// <remarks>
/// A study copies the options it is created or opened with, so one object can serve several studies and a later
/// change to it reaches none of them. The study's own copy is <see cref="Study.Options"/>: a pruner or listener set
/// there applies to that study from its next use; its clock and heartbeat settings (<see cref="TimeProvider"/>,
/// <see cref="HeartbeatInterval"/>, <see cref="HeartbeatGracePeriod"/>, <see cref="RetryStaleTrials"/>) stay those it
/// was created with, since its heartbeat timer runs at that interval.
/// </remarks>
public sealed class StudyOptions
{
    /// <summary>Gets or sets the pruner that <see cref="Study.ShouldPrune"/> consults.</summary>
    /// <value>The default is <see langword="null"/>: no trial is ever pruned.</value>
    public IPruner? Pruner { get; set; }

    /// <summary>Gets or sets the listener that receives the study's events (asks, tells, failures, prunes, model fits) with their timings.</summary>
    /// <value>The default is <see langword="null"/>: the study is quiet.</value>
    public StudyListener? Listener { get; set; }

    /// <summary>Gets or sets the clock for trial timestamps and heartbeats.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public TimeProvider TimeProvider
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value), "The clock cannot be null; the default is TimeProvider.System.");
    }

    = TimeProvider.System;

    /// <summary>
    /// Gets or sets how often the study tells its storage that the trials it started are still running. Set it when
    /// several processes share a storage: a trial whose process died then stops receiving heartbeats, and after
    /// <see cref="HeartbeatGracePeriod"/> the next <see cref="Study.Ask()"/> of any worker fails it as stale.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>: no heartbeats, and no trial is failed as stale unless
    /// <see cref="Study.FailStaleTrials"/> is called with a grace period.
    /// </value>
    /// <remarks>
    /// Heartbeats say that the process whose study object started a trial is alive, not that the trial is: a service
    /// that hands its trials to clients that run them elsewhere (over a network, say) would keep a dead client's trial
    /// alive with its own heartbeats. Leave the interval unset for such a study, and fail abandoned trials with
    /// <see cref="Study.FailStaleTrials"/> and a grace period longer than a trial may run.
    /// Workers on several machines compare heartbeat times taken by their own clocks: keep the clocks synchronized. The
    /// interval is at least 1 ms, the shortest period of a .NET timer (a shorter one beats once, then never again), and at
    /// most 49 days, about the longest.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero, negative, shorter than 1 ms or longer than 49 days.</exception>
    public TimeSpan? HeartbeatInterval
    {
        get;
        set => field = value switch
        {
            TimeSpan t when t <= TimeSpan.Zero => throw new ArgumentOutOfRangeException(nameof(value), value, "The heartbeat interval must be positive."),
            TimeSpan t when t < MinHeartbeatInterval => throw new ArgumentOutOfRangeException(
                nameof(value), value, "The heartbeat interval must be at least 1 ms: a .NET timer runs a shorter period once, and the heartbeats would stop."),
            TimeSpan t when t > MaxHeartbeatInterval => throw new ArgumentOutOfRangeException(
                nameof(value), value, "The heartbeat interval can be at most 49 days, about the longest period of a .NET timer."),
            _ => value,
        };
    }

    /// <summary>The shortest <see cref="HeartbeatInterval"/>: a .NET timer counts whole milliseconds, and a period of 0 ms fires once.</summary>
    internal static readonly TimeSpan MinHeartbeatInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest <see cref="HeartbeatInterval"/>: a .NET timer's period is at most 2³² − 2 ms, about 49.7 days.</summary>
    internal static readonly TimeSpan MaxHeartbeatInterval = TimeSpan.FromDays(49);

    /// <summary>
    /// Gets or sets how long a running trial may go without a heartbeat before it is failed as stale. Make it several
    /// heartbeat intervals, so that a late heartbeat (a busy machine, a database restart) does not fail a live trial. It
    /// cannot be shorter than <see cref="HeartbeatInterval"/> (the study refuses such options when it is created). After
    /// a worker finds the storage unreachable or slow to answer (an outage, a restart), it fails no trial as stale until
    /// the storage has answered it for a whole grace period, so the other workers' heartbeats land first. Likewise after
    /// its own heartbeats could not go out for most of a grace period (its process or machine was paused: a suspended
    /// laptop or virtual machine, a debugger), since workers paused with it look stale without being so.
    /// </summary>
    /// <value>The default is <see langword="null"/>: five times <see cref="HeartbeatInterval"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan? HeartbeatGracePeriod
    {
        get;
        set => field = value is TimeSpan t && t <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "The heartbeat grace period must be positive.")
            : value;
    }

    /// <summary>Gets or sets whether the parameters of a trial failed as stale are enqueued again, for another worker to run.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RetryStaleTrials { get; set; }

    /// <summary>A copy that later changes to these options do not reach (the pruner, listener and clock are shared, not copied).</summary>
    internal StudyOptions Snapshot() => (StudyOptions)MemberwiseClone();
}
