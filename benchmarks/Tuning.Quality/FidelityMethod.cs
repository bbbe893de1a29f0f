using Tuning.Quality.Problems;

namespace Tuning.Quality;

/// <summary>
/// A multi-fidelity method under test: a suggester, created fresh for each seed, and optionally a pruner; a method
/// that is not in <see cref="All"/> runs only when named in <c>--methods</c>. Adding a method is one line in
/// <see cref="All"/>.
/// </summary>
internal sealed record FidelityMethod(string Name, Func<IFidelityProblem, int, ISuggester> Create, Func<IFidelityProblem, IPruner?> Pruner)
{
    /// <summary>
    /// Gets the name of a method listed before this one that is the same configuration: the suite reuses its runs (the
    /// suggesters are deterministic for a seed) instead of running them again. Null (the default) runs this method.
    /// </summary>
    public string? SameAs { get; init; }

    /// <summary>
    /// Gets how many trials run at once (parallel workers, as <c>Study.OptimizeAsync(maxConcurrency: …)</c> runs them):
    /// each worker reports its trial's steps in turn, the one furthest behind in compute first, and asks a new trial when
    /// its own ends. The default, 1, runs one trial at a time. Used with a pruner (reports along the fidelity).
    /// </summary>
    public int Workers { get; init; } = 1;

    /// <summary>The name of the method the README recommends for partial training runs; the targets are checked on it.</summary>
    public const string RecommendedName = "Recommended";

    /// <summary>
    /// Gets the recommended path: what the README's "Which suggester when" table tells a user with a declared fidelity.
    /// Runs that report every epoch on their way to the target (real learning curves): the GP suggester with
    /// <see cref="GaussianProcessOptions.UsePrunedTrials"/> under a Hyperband pruner (BOHB-like), which was best on
    /// the real learning curves. A fidelity chosen per run (a number of iterations, a data fraction, a proxy task): the
    /// multi-fidelity suggester given the budget. Redefine it here when the recommendation changes; the suite checks the
    /// partial-training targets on it.
    /// </summary>
    public static FidelityMethod Recommended { get; } = new(
        RecommendedName,
        (p, seed) => p.ReportsAreFidelities ? new GaussianProcessSuggester(seed, new GaussianProcessOptions { UsePrunedTrials = true }) : MultiFidelity(p, seed),
        p => p.ReportsAreFidelities ? Hyperband(p) : null);

    /// <summary>
    /// Gets the multi-fidelity suggester told only each run's final value, even where the runs report every epoch: what
    /// the learning curves are worth to it.
    /// </summary>
    public static FidelityMethod FinalValuesOnly { get; } =
        new("Multi-fidelity (final values only)", (p, seed) => new MultiFidelitySuggester(seed, new MultiFidelityOptions { Budget = p.Budget }), _ => null);

    public static FidelityMethod[] All =>
    [
        new("GP target", (_, seed) => new GaussianProcessSuggester(seed), _ => null),
        new("Random target", (_, seed) => new RandomSuggester(seed), _ => null),
        new("Multi-fidelity", MultiFidelity, _ => null),
        new("Random+Hyperband", (_, seed) => new RandomSuggester(seed), Hyperband),
        new("GP+Hyperband (BOHB)", (_, seed) => new GaussianProcessSuggester(seed, new GaussianProcessOptions { UsePrunedTrials = true }), Hyperband),
        Recommended,
    ];

    /// <summary>
    /// Gets the methods that run only when named in <c>--methods</c>: the GP with pruned trials under asynchronous
    /// successive halving (slow: its runs stop nearly every trial at the first rung, so they reach the trial cap), the
    /// multi-fidelity suggester told final values only, and the GP and random search under Hyperband with four
    /// parallel workers (<see cref="Workers"/>).
    /// </summary>
    public static FidelityMethod[] OnRequest =>
    [
        new("GP+SHA (BOHB-like)", (_, seed) => new GaussianProcessSuggester(seed, new GaussianProcessOptions { UsePrunedTrials = true }), p => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions
        {
            MinResource = p.Reports[0].Step, ReductionFactor = 3,
        })),
        FinalValuesOnly,
        new("GP+Hyperband 4 workers", (_, seed) => new GaussianProcessSuggester(seed, new GaussianProcessOptions { UsePrunedTrials = true }), Hyperband) { Workers = 4 },
        new("Random+Hyperband 4 workers", (_, seed) => new RandomSuggester(seed), Hyperband) { Workers = 4 },
    ];

    private static MultiFidelitySuggester MultiFidelity(IFidelityProblem p, int seed) =>
        new(seed, new MultiFidelityOptions { Budget = p.Budget, ReportsAreFidelities = p.ReportsAreFidelities });

    private static HyperbandPruner Hyperband(IFidelityProblem p) => new(new HyperbandPrunerOptions
    {
        MinResource = p.Reports[0].Step, MaxResource = p.Reports[^1].Step, ReductionFactor = 3,
    });
}
