namespace Tuning.Bayesian.Models;

/// <summary>
/// The settings of the Gaussian-process machinery that the <see cref="GaussianProcessSuggester"/> and the
/// <see cref="MultiFidelitySuggester"/> share, built once from either's options: how models are fitted and how the
/// acquisition is searched.
/// </summary>
/// <param name="NoiseFloor">The smallest noise variance, relative to the standardized output's variance of 1.</param>
/// <param name="Deterministic">Whether the noise is fixed at the floor (the model interpolates).</param>
/// <param name="MaxFitPoints">The largest number of observations the hyperparameter fit uses.</param>
/// <param name="WarmStart">Whether each fit starts from the previous one's hyperparameters.</param>
/// <param name="Candidates">How many Sobol candidates the acquisition search scores.</param>
/// <param name="LocalSearches">How many of the best candidates seed a local search.</param>
/// <param name="MaxModelPoints">The most observations a model is conditioned on (<see cref="ConditioningSet"/>).</param>
internal sealed record ModelSettings(
    double NoiseFloor, bool Deterministic, int MaxFitPoints, bool WarmStart, int Candidates, int LocalSearches, int MaxModelPoints)
{
    /// <summary>
    /// The default noise floor of both suggesters: low enough that a model resolves the last digits of a smooth
    /// objective, high enough to keep it from fitting every wrinkle of a rugged one (measured in
    /// <c>benchmarks/Tuning.Quality/results.md</c>, "The noise floor").
    /// </summary>
    public const double DefaultNoiseFloor = 1e-7;
}
