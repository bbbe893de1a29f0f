using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Trials;

public class ParetoTests
{
    /// <summary>Random sets of 0 to 12 integer points in [0, 10]², with an integer reference point in [3, 12]².</summary>
    /// <remarks>A failing set shrinks by dropping points and moving coordinates toward 0, so it is reported at its smallest.</remarks>
    private static readonly Arbitrary<(double[][] Points, double[] Reference)> IntegerSets = Arb.From(
        from n in Gen.Choose(0, 12)
        from coordinates in Gen.Choose(0, 10).ArrayOf(2 * n)
        from r0 in Gen.Choose(3, 12)
        from r1 in Gen.Choose(3, 12)
        select (Points: (double[][])[.. Enumerable.Range(0, n).Select(i => new double[] { coordinates[2 * i], coordinates[(2 * i) + 1] })], Reference: new double[] { r0, r1 }),
        c => Shrink.Array(c.Points, p => Shrink.Array(p, v => Shrink.Toward((int)v, 0).Select(i => (double)i), minLength: 2)).Select(points => (points, c.Reference)));

    /// <summary>
    /// Sets of 0 to 10 points with real coordinates, ties and duplicates (drawn from a few values, some negative), and a
    /// reference point among the same values; a failing set shrinks by dropping points and rounding coordinates.
    /// </summary>
    private static readonly Arbitrary<(double[][] Points, double[] Reference)> RealSets = Arb.From(
        from n in Gen.Choose(0, 10)
        from pool in Gen.Choose(-3000, 3000).Select(v => v / 997.0).ArrayOf(5)
        from coordinates in Gen.Elements(pool).ArrayOf(2 * n)
        from r0 in Gen.Elements(pool)
        from r1 in Gen.Elements(pool)
        select (Points: (double[][])[.. Enumerable.Range(0, n).Select(i => new[] { coordinates[2 * i], coordinates[(2 * i) + 1] })], Reference: new[] { r0, r1 }),
        c => Shrink.Array(c.Points, p => Shrink.Array(p, v => Shrink.Toward(v, 0.0), minLength: 2)).Select(points => (points, c.Reference)));

    /// <summary>
    /// The area dominated by the points and dominating the reference, by brute force on the grid of every coordinate:
    /// a cell [xᵢ, xᵢ₊₁] × [yⱼ, yⱼ₊₁] inside the reference box counts whole when some point is at or below its lower-left corner.
    /// </summary>
    private static double GridHypervolume(IReadOnlyList<double[]> points, double[] reference)
    {
        double[] xs = [.. points.Select(p => p[0]).Append(reference[0]).Where(x => x <= reference[0]).Distinct().Order()];
        double[] ys = [.. points.Select(p => p[1]).Append(reference[1]).Where(y => y <= reference[1]).Distinct().Order()];
        double area = 0;
        for (int i = 0; i + 1 < xs.Length; i++)
        {
            for (int j = 0; j + 1 < ys.Length; j++)
            {
                if (points.Any(p => p[0] <= xs[i] && p[1] <= ys[j]))
                {
                    area += (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j]);
                }
            }
        }

        return area;
    }

    /// <summary>The area dominated by the points and dominating the reference, by counting unit cells (exact for integers).</summary>
    internal static double BruteForceHypervolume(IReadOnlyList<double[]> points, double[] reference)
    {
        int count = 0;
        for (int x = 0; x < reference[0]; x++)
        {
            for (int y = 0; y < reference[1]; y++)
            {
                if (points.Any(p => p[0] <= x && p[1] <= y))
                {
                    count++;
                }
            }
        }

        return count;
    }

    [Fact]
    public void Hypervolume_of_a_staircase_is_its_area()
    {
        // Three unit steps below (4, 4): rows of width 3, 2 and 1.
        double[][] front = [[1, 3], [2, 2], [3, 1]];
        Assert.Equal(6, Pareto.Hypervolume(front, [4, 4]));

        // A dominated point and a duplicate change nothing; a point outside the reference box adds nothing.
        Assert.Equal(6, Pareto.Hypervolume([.. front, [3, 3], [2, 2], [0.5, 4], [5, 0]], [4, 4]));
        Assert.Equal(0, Pareto.Hypervolume([], [4, 4]));
        Assert.Equal(2.5, Pareto.Hypervolume([[1.5, 3]], [4, 4]));
        Assert.Equal(3, Pareto.Hypervolume([[2.0], [1.0]], [4.0]));
    }

    [Fact]
    public void Hypervolume_matches_counting_cells_on_random_sets()
    {
        PropertyCheck.ForAll(
            IntegerSets,
            c => Assert.Equal(BruteForceHypervolume(c.Points, c.Reference), Pareto.Hypervolume(c.Points, c.Reference)),
            maxTest: 300);
    }

    [Fact]
    public void Hypervolume_matches_summing_grid_cells_on_real_sets_with_ties_and_duplicates()
    {
        PropertyCheck.ForAll(
            RealSets,
            c =>
            {
                double expected = GridHypervolume(c.Points, c.Reference);
                Assert.Equal(expected, Pareto.Hypervolume(c.Points, c.Reference), 1e-12);

                // One objective is a special case of two: a reference far below in the second leaves the first's length.
                Assert.Equal(
                    GridHypervolume([.. c.Points.Select(p => new[] { p[0], 0.0 })], [c.Reference[0], 1]),
                    Pareto.Hypervolume([.. c.Points.Select(p => new[] { p[0], 0.0 })], [c.Reference[0], 1.0]),
                    1e-12);
            },
            maxTest: 500);
    }

    [Fact]
    public void The_non_dominated_set_dominates_the_rest_and_keeps_the_hypervolume()
    {
        PropertyCheck.ForAll(
            IntegerSets,
            c =>
            {
                List<int> front = Pareto.NonDominated(c.Points);
                foreach (int i in front)
                {
                    Assert.DoesNotContain(front, k => Pareto.Dominates(c.Points[k], c.Points[i]));
                }

                for (int i = 0; i < c.Points.Length; i++)
                {
                    if (!front.Contains(i))
                    {
                        Assert.Contains(front, k => Pareto.Dominates(c.Points[k], c.Points[i]));
                    }
                }

                double[][] frontPoints = [.. front.Select(i => c.Points[i])];
                Assert.Equal(Pareto.Hypervolume(c.Points, c.Reference), Pareto.Hypervolume(frontPoints, c.Reference));
            },
            maxTest: 300);
    }

    [Fact]
    public void A_front_of_many_trade_offs_is_found_without_comparing_every_pair()
    {
        // 50,000 results all on the front (a clean trade-off) or all equal: every pair was compared, about 2.5e9 checks
        // and half a minute, each time a report, the dashboard or the tool read the front. A sweep takes milliseconds; the
        // limit only catches a return to pairs.
        const int N = 50_000;
        double[][] tradeOff = [.. Enumerable.Range(0, N).Select(i => new[] { i, (double)(N - i) })];
        double[][] equal = [.. Enumerable.Range(0, N).Select(_ => new[] { 1.0, 1.0 })];
        double[][] oneObjective = [.. Enumerable.Range(0, N).Select(i => new[] { (double)(i % 2) })];

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(N, Pareto.NonDominated(tradeOff).Count);
        Assert.Equal(N, Pareto.NonDominated(equal).Count);
        Assert.Equal(N / 2, Pareto.NonDominated(oneObjective).Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed.TotalSeconds:F1} s for three sets of {N} points");
    }

    [Fact]
    public void Dominance_is_a_strict_partial_order()
    {
        Gen<double[]> point = Gen.Choose(0, 3).ArrayOf(2).Select(a => a.Select(v => (double)v).ToArray());
        PropertyCheck.ForAll(
            from a in point
            from b in point
            from c in point
            select (a, b, c),
            t =>
            {
                (double[] a, double[] b, double[] c) = t;
                Assert.False(Pareto.Dominates(a, a));
                Assert.False(Pareto.Dominates(a, b) && Pareto.Dominates(b, a));
                if (Pareto.Dominates(a, b) && Pareto.Dominates(b, c))
                {
                    Assert.True(Pareto.Dominates(a, c));
                }

                bool byDefinition = a[0] <= b[0] && a[1] <= b[1] && (a[0] < b[0] || a[1] < b[1]);
                Assert.Equal(byDefinition, Pareto.Dominates(a, b));
            },
            maxTest: 300);
    }

    [Fact]
    public void Infinite_coordinates_dominate_and_are_dominated_as_the_definition_says()
    {
        // Told values are finite, but the orientation of a value at the largest double and the models' units can reach the
        // infinities; dominance must still follow its definition there, ties between infinities included.
        Gen<double> coordinate = Gen.Elements(double.NegativeInfinity, -1.0, 0.0, 1.0, double.PositiveInfinity);
        PropertyCheck.ForAll(
            Arb.From(
                coordinate.ArrayOf(2).ArrayOf(),
                points => Shrink.Array(points, p => Shrink.Array(p, v => Shrink.Toward(v, 0.0), minLength: 2))),
            points =>
            {
                static bool ByDefinition(double[] a, double[] b) => a[0] <= b[0] && a[1] <= b[1] && (a[0] < b[0] || a[1] < b[1]);
                for (int i = 0; i < points.Length; i++)
                {
                    for (int k = 0; k < points.Length; k++)
                    {
                        Assert.Equal(ByDefinition(points[i], points[k]), Pareto.Dominates(points[i], points[k]));
                    }
                }

                IEnumerable<int> expected = Enumerable.Range(0, points.Length).Where(i => !points.Any(p => ByDefinition(p, points[i])));
                Assert.Equal(expected, Pareto.NonDominated(points));
            },
            maxTest: 300);
    }

    [Fact]
    public void The_inferred_reference_lies_a_tenth_of_the_range_beyond_the_nadir()
    {
        Assert.Equal([1.1, 1.1], Pareto.InferReference([[0, 1], [1, 0], [0.5, 0.5]]), Tolerance(1e-15));
        Assert.Equal([2.2, -2.7], Pareto.InferReference([[2, -3]]), Tolerance(1e-15));
        Assert.Equal([1e-8, 1e-8], Pareto.InferReference([[0, 0]]), Tolerance(1e-22));

        // Equal values in one objective: the step is 1e-7 of the magnitude, never lost to rounding.
        double[] reference = Pareto.InferReference([[1e12, 1], [1e12, 1]]);
        Assert.True(reference[0] > 1e12);
    }

    [Fact]
    public void Every_front_point_is_better_than_the_inferred_reference()
    {
        PropertyCheck.ForAll(
            IntegerSets.Generator.Where(c => c.Points.Length > 0),
            c =>
            {
                double[][] front = [.. Pareto.NonDominated(c.Points).Select(i => c.Points[i])];
                double[] reference = Pareto.InferReference(front);
                Assert.All(front, p => Assert.True(Pareto.IsBetterThan(p, reference)));
            },
            maxTest: 200);
    }

    private static EqualityComparer<double> Tolerance(double tolerance) =>
        EqualityComparer<double>.Create((a, b) => Math.Abs(a - b) <= tolerance, _ => 0);
}
