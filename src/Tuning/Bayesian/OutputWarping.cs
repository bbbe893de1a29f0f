namespace Tuning;

/// <summary>How the <see cref="GaussianProcessSuggester"/> transforms objective values before modelling them.</summary>
public enum OutputWarping
{
    /// <summary>Standardize only (zero mean, unit variance).</summary>
    None,

    /// <summary>
    /// A Yeo–Johnson power transform fitted by maximum likelihood, then standardization, as HEBO does (Cowen-Rivers et al.
    /// 2022). It tames heavy tails and badly scaled objectives (a loss that sometimes explodes) and leaves well-behaved
    /// ones nearly unchanged. The transform is monotone, so the best trial stays the best.
    /// </summary>
    PowerTransform,

    /// <summary>Gaussian rank scores: only the order of the values matters. The most robust, and the least informative.</summary>
    Rank,
}
