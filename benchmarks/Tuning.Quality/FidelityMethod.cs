using Tuning.Quality.Problems;

namespace Tuning.Quality;

/// <summary>
/// A multi-fidelity method under test: a suggester, created fresh for each seed, and optionally a pruner; a method
/// that is not in <see cref="All"/> runs only when named in <c>--methods</c>.
/// </summary>
internal sealed record FidelityMethod(string Name, Func<IFidelityProblem, int, ISuggester> Create, Func<IFidelityProblem, IPruner?> Pruner)
{
    /// <summary>
    /// Gets the multi-fidelity suggester told only each run's final value, even where the runs report every epoch: what
    /// the learning curves are worth to it.
    /// </summary>
    public static FidelityMethod FinalValuesOnly { get; } =
        new("Multi-fidelity (final values only)", (p, seed) => new MultiFidelitySuggester(seed, new MultiFidelityOptions { Budget = p.Budget }), _ => null);

    public static FidelityMethod[] All =>
    [
        new("GP target", (_, seed) => new GaussianProcessSuggester(seed), _ => null),
        new("Multi-fidelity", (p, seed) => new MultiFidelitySuggester(seed, new MultiFidelityOptions { Budget = p.Budget, ReportsAreFidelities = p.ReportsAreFidelities }), _ => null),
        new("Random+Hyperband", (_, seed) => new RandomSuggester(seed), p => new HyperbandPruner(new HyperbandPrunerOptions
        {
            MinResource = p.Reports[0].Step, MaxResource = p.Reports[^1].Step, ReductionFactor = 3,
        })),
        new("GP+Hyperband (BOHB)", (_, seed) => new GaussianProcessSuggester(seed, new GaussianProcessOptions { UsePrunedTrials = true }), p => new HyperbandPruner(new HyperbandPrunerOptions
        {
            MinResource = p.Reports[0].Step, MaxResource = p.Reports[^1].Step, ReductionFactor = 3,
        })),
        new("GP+SHA (BOHB-like)", (_, seed) => new GaussianProcessSuggester(seed, new GaussianProcessOptions { UsePrunedTrials = true }), p => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions
        {
            MinResource = p.Reports[0].Step, ReductionFactor = 3,
        })),
    ];
}
