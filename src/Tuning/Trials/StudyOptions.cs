namespace Tuning;

/// <summary>Options of a <see cref="Study"/> beyond its space, metrics and suggester.</summary>
public sealed class StudyOptions
{
    /// <summary>Gets or sets the pruner that <see cref="Study.ShouldPrune"/> consults.</summary>
    /// <value>The default is <see langword="null"/>: no trial is ever pruned.</value>
    public IPruner? Pruner { get; set; }

    /// <summary>Gets or sets the clock for trial timestamps and heartbeats.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
