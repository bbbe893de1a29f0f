namespace Tuning.Bayesian.Proposals;

/// <summary>
/// One ask of the <see cref="GaussianProcessSuggester"/> after its models are fitted: picks points one at a time, each
/// added as pending before the next, so a batch spreads out.
/// </summary>
internal interface IBayesianStep
{
    /// <summary>The canonical point of highest acquisition that was not tried yet, or null if none is left.</summary>
    double[]? Next(Random random);

    /// <summary>Adds a pending point to the models at their predicted means (the kriging believer).</summary>
    void AddPending(double[] canonical);
}
