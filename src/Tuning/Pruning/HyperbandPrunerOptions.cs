namespace Tuning;

/// <summary>Options of a <see cref="HyperbandPruner"/>.</summary>
public sealed class HyperbandPrunerOptions
{
    /// <summary>Gets or sets the minimum resource: the step of the first rung of the most aggressive bracket.</summary>
    /// <value>The default value is 1. It must be at least 1.</value>
    public long MinResource { get; set; } = 1;

    /// <summary>
    /// Gets or sets the maximum resource: the step (epoch, iteration) at which a full training run ends. Together with
    /// <see cref="MinResource"/> and <see cref="ReductionFactor"/> it sets the number of brackets,
    /// <c>⌊log_η(MaxResource / MinResource)⌋ + 1</c>.
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: the largest last step of the study's completed trials, the length of
    /// a full run when steps count from 1 (Optuna's <c>"auto"</c> takes that step plus one, counting steps from 0, and
    /// keeps the estimate of the first completed trial); until a trial has completed with a report, no trial is pruned.
    /// With runs of varying length the estimate, and with it the brackets, can change; set the value for a fixed layout.
    /// When set, it must be at least <see cref="MinResource"/>.
    /// </value>
    public long? MaxResource { get; set; }

    /// <summary>Gets or sets the reduction factor <c>η</c> of every bracket's successive halving.</summary>
    /// <value>The default value is 3 (as in Optuna and the Hyperband paper). It must be at least 2.</value>
    public int ReductionFactor { get; set; } = 3;

    /// <summary>Gets or sets each bracket's <see cref="SuccessiveHalvingPrunerOptions.BootstrapCount"/>.</summary>
    /// <value>The default value is 0. It must be at least 0.</value>
    public int BootstrapCount { get; set; }
}
