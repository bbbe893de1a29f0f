namespace Tuning;

/// <summary>What a study does with a <see cref="Metric"/>.</summary>
public enum MetricKind
{
    /// <summary>An objective to make as small as possible.</summary>
    Minimize,

    /// <summary>An objective to make as large as possible.</summary>
    Maximize,

    /// <summary>A value that must stay inside a threshold for a trial to count as feasible.</summary>
    Constraint,

    /// <summary>A value that is recorded with each trial but not optimized.</summary>
    Store,
}
