namespace Tuning;

/// <summary>
/// Suggests the points of a scrambled Sobol sequence: a low-discrepancy design that covers the space more evenly
/// than random points, good for start-up designs and for spaces of up to thousands of parameters.
/// </summary>
/// <remarks>
/// Trial <c>n</c> of a study gets point <c>n</c> of the sequence, so the suggestions follow from the history's
/// length. The scrambling (a random linear matrix scramble and a digital shift, Matoušek 1998) is drawn from the seed.
/// One suggester may serve several studies, of any spaces, from many threads at once: each suggestion follows from the
/// seed, the space and the history alone.
/// </remarks>
public sealed class SobolSuggester : ISuggester
{
    private readonly int _seed;
    private SobolSequence? _sequence;

    /// <summary>Creates a Sobol suggester.</summary>
    /// <param name="seed">
    /// The scrambling seed; given the same history, a seeded suggester makes the same suggestions. The default,
    /// <see langword="null"/>, draws a seed at random.
    /// </param>
    public SobolSuggester(int? seed = null)
    {
        _seed = seed ?? Seeds.Fresh();
    }

    /// <inheritdoc />
    public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        // Read once: a suggester shared with a study of another dimension, asking on another thread, may replace it meanwhile.
        SobolSequence? sequence = _sequence;
        if (sequence is null || sequence.Dimension != context.Space.Count)
        {
            _sequence = sequence = new SobolSequence(context.Space.Count, _seed);
        }

        var unit = new double[context.Space.Count];
        var suggestions = new ParameterValues[count];
        for (int i = 0; i < count; i++)
        {
            sequence.Point(context.Trials.Count + i, unit);
            suggestions[i] = context.Space.Decode(unit);
        }

        return suggestions;
    }
}
