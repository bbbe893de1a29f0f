namespace Tuning;

/// <summary>How the <see cref="GaussianProcessSuggester"/> transforms objective values before modelling them.</summary>
public enum OutputWarping
{
    /// <summary>Standardize only (zero mean, unit variance).</summary>
    None,

    /// <summary>
    /// A power transform fitted by maximum likelihood, then standardization, as HEBO does (Cowen-Rivers et al. 2022):
    /// a Yeo–Johnson transform, which tames heavy tails and badly scaled objectives and leaves well-behaved ones nearly
    /// unchanged; or, when the fitted models' evidence (with the transform's Jacobian) favours it by more than one nat
    /// per observation, a log-like Box–Cox transform of the values shifted just above their minimum, for objectives
    /// spanning orders of magnitude, on which Yeo–Johnson alone searches far worse. The margin keeps Yeo–Johnson on
    /// valley-shaped objectives, where the sharper log-like model fitted better but slowed the search. Both transforms
    /// are monotone, so the best trial stays the best. The measurements behind both choices are in the quality suite's
    /// results (<c>benchmarks/Tuning.Quality/results.md</c>). A few values more than 10⁶ median absolute deviations from
    /// the median (a diverged run reported as 1e300 among losses near 1) are first compressed logarithmically (asinh),
    /// so that the other values stay apart; a failed trial (<see cref="Study.Fail(Trial, string)"/>) is still the better
    /// way to report such a run.
    /// </summary>
    PowerTransform,

    /// <summary>Gaussian rank scores: only the order of the values matters. The most robust, and the least informative.</summary>
    Rank,
}
