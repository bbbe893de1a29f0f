namespace Tuning.Quality;

/// <summary>A suggester under test, created fresh for each seed.</summary>
internal sealed record Method(string Name, Func<int, ISuggester> Create)
{
    /// <summary>The methods compared; <paramref name="gp"/> configures the GP (for experiments with its options).</summary>
    public static Method[] All(Action<GaussianProcessOptions> gp) =>
    [
        new("GP", seed =>
        {
            var options = new GaussianProcessOptions();
            gp(options);
            return new GaussianProcessSuggester(seed, options);
        }),
        new("Sobol", seed => new SobolSuggester(seed)),
        new("Random", seed => new RandomSuggester(seed)),
    ];
}
