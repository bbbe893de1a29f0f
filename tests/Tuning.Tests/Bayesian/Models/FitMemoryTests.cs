using FsCheck.Fluent;
using FsCheck;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Models;

/// <summary>
/// When the warpings are compared again: at every ask below 100 observations, then once the observations have grown
/// by 20 or by 20% of their number at the last comparison, whichever is more. A memory that starts above 100
/// observations takes the default warping first, as if it had been chosen then.
/// </summary>
public class FitMemoryTests
{
    /// <summary>A study's growth: the observations at its first model-based ask, then how many each later ask adds.</summary>
    internal sealed record Growth(int Start, int[] Steps)
    {
        public IEnumerable<int> Counts()
        {
            int n = Start;
            yield return n;
            foreach (int step in Steps)
            {
                n += step;
                yield return n;
            }
        }

        public override string ToString() => $"from {Start} by [{string.Join(", ", Steps)}]";
    }

    private static Arbitrary<Growth> Growths => Arb.From(
        from start in Gen.Choose(2, 400)
        from steps in Gen.Choose(0, 80).SelectMany(k => Gen.Frequency((6, Gen.Choose(1, 3)), (1, Gen.Choose(4, 60))).ArrayOf(k))
        select new Growth(start, steps),
        g => Shrink.Array(g.Steps, s => Shrink.Toward(s, 1)).Select(s => g with { Steps = s })
            .Concat(Shrink.Toward(g.Start, 2).Select(s => g with { Start = s })));

    [Fact]
    public void Warpings_are_compared_on_schedule_as_a_study_grows()
    {
        PropertyCheck.ForAll(Growths, growth =>
        {
            var memory = new FitMemory();
            int? last = null;
            foreach (int n in growth.Counts())
            {
                bool due = n < FitMemory.AlwaysCompareBelow
                    || (last is int at && n - at >= Math.Max(FitMemory.RecompareEvery, FitMemory.RecompareGrowth * at));
                Assert.Equal(due, memory.ShouldCompareWarpings(n));
                if (!due && last is null)
                {
                    // Started on a long history: the default warping, from now on.
                    Assert.Equal(0, memory.Warping);
                    Assert.Equal(n, memory.WarpingChosenAt);
                    last = n;
                }

                if (due)
                {
                    if (last is int previous && previous >= FitMemory.AlwaysCompareBelow)
                    {
                        // Above the threshold, comparisons are at least 20 observations and 20% growth apart.
                        Assert.True(n - previous >= 20 && n >= 1.2 * previous, $"compared at {previous} and again at {n}");
                    }

                    memory.RememberWarping(n % 2, n);
                    last = n;
                    Assert.Equal(n % 2, memory.Warping);
                    Assert.Equal(n, memory.WarpingChosenAt);
                }
            }
        });
    }

    [Fact]
    public void Comparisons_thin_out_geometrically_in_a_long_study()
    {
        var memory = new FitMemory();
        int comparisons = 0;
        for (int n = 2; n <= 5000; n++)
        {
            if (memory.ShouldCompareWarpings(n))
            {
                memory.RememberWarping(0, n);
                comparisons++;
            }
        }

        // 98 asks below 100, then every 20 up to 200, then 20% growth: log(5000/200)/log(1.2) ≈ 18 more.
        Assert.InRange(comparisons, 98 + 5, 98 + 5 + 19);
    }

    [Fact]
    public void Clearing_forgets_the_fits_and_the_warping()
    {
        var memory = new FitMemory();
        memory.RememberWarping(1, 500);
        Assert.False(memory.ShouldCompareWarpings(510));
        memory.Clear();
        Assert.Null(memory.Warping);
        Assert.Equal(0, memory.WarpingChosenAt);
        Assert.Empty(memory.Fits);
        Assert.True(memory.ShouldCompareWarpings(90));
    }
}
