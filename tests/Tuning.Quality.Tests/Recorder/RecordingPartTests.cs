using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tuning.BenchmarkSupport;
using Tuning.Quality.Recorder;

namespace Tuning.Quality.Tests;

/// <summary>The recorder's <c>--part K/N</c>: the parts 0/N … (N−1)/N, and nothing else, share a grid between them.</summary>
public sealed class RecordingPartTests
{
    private const string Seed = "(20261206,4415)";

    [Property(MaxTest = 100, Replay = Seed)]
    public bool A_part_below_its_count_is_read(PositiveInt count, NonNegativeInt index)
    {
        int n = count.Get, k = index.Get % n;
        return RecordingPart.Parse($"{k}/{n}") == new RecordingPart(k, n);
    }

    [Property(MaxTest = 100, Replay = Seed)]
    public Property Any_other_text_is_a_usage_error() =>
        Prop.ForAll(
            Gen.Elements("0/0", "1/0", "2/2", "3/2", "-1/2", "1", "x/2", "1/y", "1/2/3", "", "/", "1/ 2").ToArbitrary(),
            text =>
            {
                try
                {
                    RecordingPart.Parse(text);
                    return false;
                }
                catch (UsageException e)
                {
                    return e.Message.Contains("--part", StringComparison.Ordinal);
                }
            });
}
