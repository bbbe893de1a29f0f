using FsCheck;
using FsCheck.Fluent;

namespace Tuning.MLNet.Tests.Support;

/// <summary>Points of a space's unit cube as integer coordinates that shrink towards 0 and by halves, with a fixed replay seed.</summary>
internal static class Points
{
    public const int Resolution = 1_000_000;

    public static void ForAll(SearchSpace space, Action<ParameterValues> property, int maxTest, ulong seed = 20261204)
    {
        Arbitrary<int[]> points = Arb.From(
            Gen.Choose(0, Resolution).ArrayOf(space.Count),
            point => Enumerable.Range(0, point.Length)
                .Where(i => point[i] != 0)
                .SelectMany(i => new[] { 0, point[i] / 2 }.Distinct().Select(v => With(point, i, v))));
        Prop.ForAll(points, point => property(space.Decode([.. point.Select(k => k / (double)Resolution)])))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(seed, 0x9E3779B97F4A7C15UL | 1));
    }

    private static int[] With(int[] point, int index, int value)
    {
        int[] copy = [.. point];
        copy[index] = value;
        return copy;
    }
}
