using System.Diagnostics;

namespace Tuning.StorageBenchmarks;

/// <summary>Random points at almost no cost; it clocks itself so that its time can be taken out of the storage's.</summary>
internal sealed class TrivialSuggester(int seed) : ISuggester
{
    private readonly Random _random = new(seed);

    /// <summary>Gets the stopwatch ticks spent in <see cref="Suggest"/> so far.</summary>
    public long Ticks { get; private set; }

    public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
    {
        long start = Stopwatch.GetTimestamp();
        var unit = new double[context.Space.Count];
        var points = new ParameterValues[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < unit.Length; j++)
            {
                unit[j] = _random.NextDouble();
            }

            points[i] = context.Space.Decode(unit);
        }

        Ticks += Stopwatch.GetTimestamp() - start;
        return points;
    }
}
