namespace Tuning;

/// <summary>
/// Suggests points uniformly at random in the unit-cube encoding of the space (so log-scaled parameters are
/// log-uniform and every discrete value is equally likely). A simple baseline, and a safe choice for very large budgets.
/// </summary>
public sealed class RandomSuggester : ISuggester
{
    private readonly int _seed;

    /// <summary>Creates a random suggester.</summary>
    /// <param name="seed">
    /// The seed; given the same history, a seeded suggester makes the same suggestions. The default,
    /// <see langword="null"/>, draws a seed at random.
    /// </param>
    public RandomSuggester(int? seed = null)
    {
        _seed = seed ?? Seeds.Fresh();
    }

    /// <inheritdoc />
    public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Random random = Seeds.Stream(_seed, context.Trials.Count);
        var unit = new double[context.Space.Count];
        var suggestions = new ParameterValues[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < unit.Length; j++)
            {
                unit[j] = random.NextDouble();
            }

            suggestions[i] = context.Space.Decode(unit);
        }

        return suggestions;
    }
}
