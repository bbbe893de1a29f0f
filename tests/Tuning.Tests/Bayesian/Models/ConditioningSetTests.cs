using FsCheck.Fluent;
using FsCheck;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Models;

/// <summary>
/// Above the allowance a model keeps the best quarter of it by target and a stable pseudo-random share of the rest,
/// never more than the allowance.
/// </summary>
public class ConditioningSetTests
{
    /// <summary>Targets (small integers, so ties occur), keys that grow by 1 to 3, and the allowance.</summary>
    internal sealed record Rows(int[] Targets, int[] Gaps, int Max, bool Ranked)
    {
        public int[] Keys => [.. Gaps.Select((_, i) => Gaps[..(i + 1)].Sum())];

        public override string ToString() => $"{Targets.Length} rows, max {Max}, ranked {Ranked}: targets [{string.Join(", ", Targets)}]";
    }

    private static Arbitrary<Rows> RowSets => Arb.From(
        from n in Gen.Choose(1, 400)
        from targets in Gen.Choose(-50, 50).ArrayOf(n)
        from gaps in Gen.Choose(1, 3).ArrayOf(n)
        from max in Gen.Choose(10, 150)
        from ranked in Gen.Elements(true, false)
        select new Rows(targets, gaps, max, ranked),
        r => Shrink.Array([.. Enumerable.Range(0, r.Targets.Length)], Shrink.None, minLength: 1)
                .Select(kept => r with { Targets = [.. kept.Select(i => r.Targets[i])], Gaps = [.. kept.Select(i => r.Gaps[i])] })
            .Concat(Shrink.Toward(r.Max, 10).Select(m => r with { Max = m })));

    [Fact]
    public void Above_the_allowance_the_best_quarter_and_a_keyed_share_are_kept()
    {
        PropertyCheck.ForAll(RowSets, r =>
        {
            int n = r.Targets.Length;
            double[] y = [.. r.Targets.Select(t => (double)t)];
            int[] keys = r.Keys;
            bool[]? chosen = ConditioningSet.Choose(y, keys, r.Max, r.Ranked);
            if (n <= r.Max)
            {
                Assert.Null(chosen);
                return;
            }

            Assert.NotNull(chosen);
            int count = chosen.Count(c => c);
            Assert.InRange(count, 1, r.Max);
            Assert.Equal(chosen, ConditioningSet.Choose(y, keys, r.Max, r.Ranked));

            int best = r.Ranked ? (int)(ConditioningSet.BestShare * r.Max) : 0;
            double share = (double)(r.Max - best) / n;
            if (best > 0)
            {
                // Every row strictly better than the best-th smallest target is kept, and at least `best` rows at or below it.
                double cut = y.Order().ElementAt(best - 1);
                Assert.All(Enumerable.Range(0, n).Where(i => y[i] < cut), i => Assert.True(chosen[i], $"row {i} ({y[i]}) is among the best but not kept"));
                Assert.True(Enumerable.Range(0, n).Count(i => chosen[i] && y[i] <= cut) >= best);
            }

            // Any other kept row is in the keyed pseudo-random share.
            double bestCut = best > 0 ? y.Order().ElementAt(best - 1) : double.NegativeInfinity;
            Assert.All(
                Enumerable.Range(0, n).Where(i => chosen[i] && y[i] > bestCut),
                i => Assert.True(ConditioningSet.Keeps(keys[i], share), $"row {i} (key {keys[i]}) kept outside the share"));
        });
    }

    [Fact]
    public void The_keyed_share_is_monotone_in_its_size_and_close_to_it()
    {
        PropertyCheck.ForAll(Arb.From(Gen.Choose(0, 1000).Select(k => k / 1000.0), s => Shrink.Toward(s, 0.5)), share =>
        {
            int[] keys = [.. Enumerable.Range(0, 4000)];
            int kept = keys.Count(k => ConditioningSet.Keeps(k, share));
            Assert.InRange(kept, (share * 4000) - 130, (share * 4000) + 130); // within about 4 binomial deviations
            Assert.All(keys.Where(k => ConditioningSet.Keeps(k, share)), k => Assert.True(ConditioningSet.Keeps(k, Math.Min(1, share + 0.05))));
        }, maxTest: 30);
    }
}
