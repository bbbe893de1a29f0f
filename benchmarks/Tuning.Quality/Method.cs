namespace Tuning.Quality;

/// <summary>
/// A suggester under test, created fresh for each seed; <paramref name="BatchSize"/> trials are asked at once
/// (<c>Study.Ask(q)</c>), all told, then the next batch, as synchronized parallel workers would run them. With
/// <paramref name="Workers"/> above 0, that many workers each ask one trial (<c>Study.Ask()</c>) whenever they are
/// free, and the trial asked first finishes first, as unsynchronized workers of equal speed would run them.
/// </summary>
internal sealed record Method(string Name, Func<int, ISuggester> Create, int BatchSize = 1, int Workers = 0)
{
    /// <summary>The methods compared; <paramref name="gp"/> configures the GP (for experiments with its options).</summary>
    public static Method[] All(Action<GaussianProcessOptions> gp) =>
    [
        new("GP", seed => Gp(gp, seed)),
        new("Sobol", seed => new SobolSuggester(seed)),
        new("Random", seed => new RandomSuggester(seed)),
        new("GP q=4", seed => Gp(gp, seed), BatchSize: 4),
        new("GP q=8", seed => Gp(gp, seed), BatchSize: 8),
        new("GP 4 workers", seed => Gp(gp, seed), Workers: 4),
        new("GP 8 workers", seed => Gp(gp, seed), Workers: 8),
    ];

    private static GaussianProcessSuggester Gp(Action<GaussianProcessOptions> configure, int seed)
    {
        var options = new GaussianProcessOptions();
        configure(options);
        return new GaussianProcessSuggester(seed, options);
    }
}
