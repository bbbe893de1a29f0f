namespace Tuning;

/// <summary>Options of a <see cref="MedianPruner"/>.</summary>
public sealed class MedianPrunerOptions
{
    /// <summary>Gets or sets how many trials must have completed before any trial is pruned.</summary>
    /// <value>The default value is 5 (as in Optuna). It must be at least 0.</value>
    public int StartupTrials { get; set; } = 5;

    /// <summary>Gets or sets the first step at which a trial may be pruned: reports at smaller steps are never judged.</summary>
    /// <value>The default value is 0. It must be at least 0.</value>
    public long WarmupSteps { get; set; }

    /// <summary>
    /// Gets or sets the interval between judged steps, counted from <see cref="WarmupSteps"/>: a report is judged only if
    /// it is the first at or after one of the steps <c>WarmupSteps + k · IntervalSteps</c>.
    /// </summary>
    /// <value>The default value is 1: every report is judged. It must be at least 1.</value>
    public long IntervalSteps { get; set; } = 1;

    /// <summary>
    /// Gets or sets how many completed trials must have reported at a step for that step's median to be used; with
    /// fewer, the trial is not pruned.
    /// </summary>
    /// <value>The default value is 1. It must be at least 1.</value>
    public int MinTrialsAtStep { get; set; } = 1;
}
