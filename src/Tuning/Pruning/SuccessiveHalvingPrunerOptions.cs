namespace Tuning;

/// <summary>Options of a <see cref="SuccessiveHalvingPruner"/>.</summary>
public sealed class SuccessiveHalvingPrunerOptions
{
    /// <summary>
    /// Gets or sets the minimum resource <c>r</c>: the step (epoch, iteration) of the first rung when
    /// <see cref="MinEarlyStoppingRate"/> is 0. No trial is pruned before it has reported at step <c>r</c> or later.
    /// </summary>
    /// <value>
    /// The default value is 1. It must be at least 1. (Optuna's default, <c>"auto"</c>, guesses it from the first
    /// completed trial; here it is set explicitly, so that every worker agrees on the rungs from the start.)
    /// </value>
    public long MinResource { get; set; } = 1;

    /// <summary>
    /// Gets or sets the reduction factor <c>η</c>: rungs lie <c>η</c> times apart, and a trial reaching a rung continues
    /// only if it is in the best 1/<c>η</c> of the trials at that rung.
    /// </summary>
    /// <value>The default value is 4 (as in Optuna). It must be at least 2.</value>
    public int ReductionFactor { get; set; } = 4;

    /// <summary>
    /// Gets or sets the minimum early-stopping rate <c>s</c>: rung <c>k</c> lies at step <c>r · η^(s + k)</c>, so a
    /// larger <c>s</c> lets every trial train <c>η^s</c> times longer before it is first judged.
    /// </summary>
    /// <value>The default value is 0. It must be at least 0.</value>
    public int MinEarlyStoppingRate { get; set; }

    /// <summary>
    /// Gets or sets the maximum resource <c>R</c>: the step (epoch, iteration) at which a full training run ends. Rungs at
    /// or beyond it are not judged, and neither is a trial whose report has reached it, as in ASHA, whose top rung is
    /// <c>R</c>: a run that has trained in full has nothing left to save, and pruning it at its last report would only
    /// record a finished run as pruned (a result the study's best trial and the default Gaussian process then ignore).
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: no maximum, as in Optuna's <c>SuccessiveHalvingPruner</c>, so a run
    /// whose last step is a rung (<c>r · η^(s + k)</c>) is judged at its last report too. When set, it must be at least
    /// <see cref="MinResource"/>.
    /// </value>
    public long? MaxResource { get; set; }

    /// <summary>
    /// Gets or sets how many trials must be at a rung before any trial there is promoted; a trial that reaches a rung
    /// while it holds this many values or fewer (its own included) is pruned.
    /// </summary>
    /// <value>The default value is 0: the first trial at a rung is promoted. It must be at least 0.</value>
    public int BootstrapCount { get; set; }
}
