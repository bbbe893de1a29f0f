using System.Globalization;
using Tuning.BenchmarkSupport;

namespace Tuning.Quality.Recorder;

/// <summary>
/// The share of a grid one recording process trains (<c>--part K/N</c>): every <see cref="Count"/>-th configuration
/// from the <see cref="Index"/>-th on, so that N processes side by side record the whole grid between them.
/// </summary>
internal readonly record struct RecordingPart(int Index, int Count)
{
    /// <summary>Gets the whole grid in one process (0/1).</summary>
    public static RecordingPart Whole => new(0, 1);

    /// <summary>Reads <c>K/N</c>, whole numbers with 0 ≤ K &lt; N.</summary>
    /// <exception cref="UsageException"><paramref name="text"/> is anything else: N = 0 would never advance through the grid, K ≥ N would record nothing.</exception>
    public static RecordingPart Parse(string text)
    {
        string[] parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && index < count
                ? new RecordingPart(index, count)
                : throw new UsageException($"--part takes K/N, whole numbers with 0 ≤ K < N, not '{text}'.");
    }
}
