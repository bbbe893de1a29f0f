using System.Globalization;

namespace Tuning.StorageBenchmarks;

/// <summary>
/// How long each benchmark trial "trains" between its ask and its tell: a fixed time (<c>100</c>), or a time drawn
/// uniformly from a range for every trial (<c>100-500</c>), as real training runs vary, in milliseconds. Not counted
/// in the overhead; it spreads the workers' asks and tells over time, as training does.
/// </summary>
internal readonly record struct TrainingTime(int MinMilliseconds, int MaxMilliseconds)
{
    /// <summary>Reads <c>N</c> or <c>MIN-MAX</c> (whole milliseconds, 0 ≤ MIN ≤ MAX).</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> is neither.</exception>
    public static TrainingTime Parse(string text) =>
        TryParse(text, out TrainingTime time) ? time : throw new ArgumentException($"'{text}' is not a training time in ms (N or MIN-MAX).", nameof(text));

    /// <summary>Reads <c>N</c> or <c>MIN-MAX</c> (whole milliseconds, 0 ≤ MIN ≤ MAX); false when <paramref name="text"/> is neither.</summary>
    public static bool TryParse(string text, out TrainingTime time)
    {
        string[] parts = text.Split('-', 2);
        time = default;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int min))
        {
            return false;
        }

        int max = min;
        if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out max))
        {
            return false;
        }

        time = new TrainingTime(min, max);
        return max >= min;
    }

    /// <summary>Draws one trial's training time.</summary>
    public TimeSpan Draw(Random random) => TimeSpan.FromMilliseconds(random.Next(MinMilliseconds, MaxMilliseconds + 1));

    public override string ToString() => MinMilliseconds == MaxMilliseconds
        ? MinMilliseconds.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{MinMilliseconds}-{MaxMilliseconds}");
}
