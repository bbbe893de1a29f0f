using System.Globalization;

namespace Tuning.StorageBenchmarks;

/// <summary>
/// How long each benchmark trial "trains" between its ask and its tell: a fixed time (<c>100</c>), or a time drawn
/// uniformly from a range for every trial (<c>100-500</c>), as real training runs vary, in milliseconds. Not counted
/// in the overhead; it spreads the workers' asks and tells over time, as training does.
/// </summary>
internal readonly record struct TrainingTime(int MinMilliseconds, int MaxMilliseconds)
{
    public static TrainingTime Parse(string text)
    {
        string[] parts = text.Split('-', 2);
        int min = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int max = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : min;
        return min >= 0 && max >= min ? new TrainingTime(min, max) : throw new ArgumentException($"'{text}' is not a training time in ms (N or MIN-MAX).");
    }

    /// <summary>Draws one trial's training time.</summary>
    public TimeSpan Draw(Random random) => TimeSpan.FromMilliseconds(random.Next(MinMilliseconds, MaxMilliseconds + 1));

    public override string ToString() => MinMilliseconds == MaxMilliseconds
        ? MinMilliseconds.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{MinMilliseconds}-{MaxMilliseconds}");
}
