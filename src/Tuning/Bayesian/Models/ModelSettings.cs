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
/// <param name="Threads">How many threads a suggestion may use (its factorizations use two when this is more than one).</param>
internal sealed record ModelSettings(
    double NoiseFloor, bool Deterministic, int MaxFitPoints, bool WarmStart, int Candidates, int LocalSearches, int MaxModelPoints, int Threads = 1)
{
    /// <summary>
    /// The default noise floor of both suggesters: low enough that a model resolves the last digits of a smooth
    /// objective, high enough to keep it from fitting every wrinkle of a rugged one (measured in
    /// <c>benchmarks/Tuning.Quality/results.md</c>, "The noise floor").
    /// </summary>
    public const double DefaultNoiseFloor = 1e-7;

    /// <summary>
    /// The most candidates, and local searches, an acquisition search takes: 2²⁰, 512 times the default. The candidates
    /// are held as one array of candidates × features, which a larger count can overflow or exhaust memory with.
    /// </summary>
    public const int MaxCandidates = 1 << 20;

    /// <summary>
    /// Checks the options both suggesters share, with exceptions that name the option, when a suggester is created
    /// (not at its first model ask, after the start-up design).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range.</exception>
    public static void Check(int candidates, int localSearches, int maxFitPoints, double noiseFloor, OutputWarping? warping)
    {
        CheckSearch(candidates, nameof(Candidates));
        CheckSearch(localSearches, nameof(LocalSearches));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFitPoints, 10, nameof(MaxFitPoints));
        if (!(noiseFloor > 0) || !double.IsFinite(noiseFloor))
        {
            Refuse(nameof(NoiseFloor), noiseFloor, "NoiseFloor must be positive and finite.");
        }

        if (warping is OutputWarping given && !Enum.IsDefined(given))
        {
            Refuse(nameof(OutputWarping), given, $"OutputWarping {(int)given} is none of {string.Join(", ", Enum.GetNames<OutputWarping>())}.");
        }
    }

    private static void CheckSearch(int count, string option)
    {
        if (count is < 1 or > MaxCandidates)
        {
            Refuse(option, count, $"{option} must lie in [1, {MaxCandidates}].");
        }
    }

    /// <summary>Throws the exception that refuses an option, named as its property is.</summary>
    private static void Refuse(string option, object value, string message) => throw new ArgumentOutOfRangeException(option, value, message);
}
