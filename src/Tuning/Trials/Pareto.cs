namespace Tuning;

/// <summary>
/// Pareto dominance, the exact hypervolume of one or two objectives, and the reference-point rule, all for objective
/// vectors oriented so that smaller is better in every coordinate (callers negate maximized objectives).
/// </summary>
internal static class Pareto
{
    /// <summary>The smallest range an objective is given when its front values are all equal (BoTorch's MIN_Y_RANGE).</summary>
    public const double MinRange = 1e-7;

    /// <summary>The share of the front's range the inferred reference point lies beyond its nadir (BoTorch's default).</summary>
    public const double ReferenceScale = 0.1;

    /// <summary>Whether <paramref name="a"/> dominates <paramref name="b"/>: no worse in every objective and better in one.</summary>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        bool strictlyBetter = false;
        for (int j = 0; j < a.Length; j++)
        {
            if (a[j] > b[j])
            {
                return false;
            }

            strictlyBetter |= a[j] < b[j];
        }

        return strictlyBetter;
    }

    /// <summary>Whether <paramref name="point"/> is strictly better than <paramref name="reference"/> in every objective.</summary>
    public static bool IsBetterThan(ReadOnlySpan<double> point, ReadOnlySpan<double> reference)
    {
        for (int j = 0; j < point.Length; j++)
        {
            if (!(point[j] < reference[j]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The indices, in order, of the points no other point dominates (equal points are all kept).</summary>
    /// <remarks>
    /// One or two objectives, the only ones a study has: one sweep by the first objective, O(n log n) (<see cref="Sweep"/>).
    /// More objectives, or a NaN coordinate (which no told value has): every pair, by <see cref="Dominates"/>.
    /// </remarks>
    public static List<int> NonDominated(IReadOnlyList<double[]> points)
    {
        return points.Count > 0 && points[0].Length <= 2 && !points.Any(p => p.Any(double.IsNaN)) ? Sweep(points) : Pairwise(points);
    }

    /// <summary>
    /// The non-dominated points of one or two objectives, by a sweep in the order of the first objective, then the second.
    /// A point is dominated exactly when a point with a smaller first value has a second value no larger, or a point with
    /// an equal first value has a smaller second value; so, group by group of equal first values, each point is compared
    /// with the lowest second value before its group and the lowest in its group.
    /// </summary>
    private static List<int> Sweep(IReadOnlyList<double[]> points)
    {
        int n = points.Count;
        double Second(int i) => points[i].Length == 2 ? points[i][1] : 0;
        int[] order = [.. Enumerable.Range(0, n).OrderBy(i => points[i][0]).ThenBy(Second)];
        bool[] kept = new bool[n];
        bool anyBefore = false;
        double lowestBefore = 0;
        for (int start = 0, end; start < n; start = end)
        {
            double first = points[order[start]][0];
            for (end = start + 1; end < n && points[order[end]][0] == first; end++)
            {
            }

            double lowestInGroup = Second(order[start]);
            for (int g = start; g < end; g++)
            {
                double second = Second(order[g]);
                kept[order[g]] = !(anyBefore && lowestBefore <= second) && !(lowestInGroup < second);
            }

            lowestBefore = anyBefore ? Math.Min(lowestBefore, lowestInGroup) : lowestInGroup;
            anyBefore = true;
        }

        return [.. Enumerable.Range(0, n).Where(i => kept[i])];
    }

    /// <summary>The non-dominated points, by comparing every pair: O(n²), and O(n²) again when all are on the front.</summary>
    private static List<int> Pairwise(IReadOnlyList<double[]> points)
    {
        var result = new List<int>();
        for (int i = 0; i < points.Count; i++)
        {
            bool dominated = false;
            for (int k = 0; k < points.Count && !dominated; k++)
            {
                dominated = k != i && Dominates(points[k], points[i]);
            }

            if (!dominated)
            {
                result.Add(i);
            }
        }

        return result;
    }

    /// <summary>
    /// The hypervolume of one- or two-objective points: the measure of the region that some point dominates and that
    /// dominates <paramref name="reference"/>. Points not strictly better than the reference in every objective add nothing.
    /// </summary>
    /// <remarks>Two objectives: one sweep by the first objective, adding the slab each new lowest second value opens, O(n log n).</remarks>
    public static double Hypervolume(IReadOnlyList<double[]> points, ReadOnlySpan<double> reference)
    {
        if (reference.Length == 1)
        {
            double best = reference[0];
            foreach (double[] p in points)
            {
                best = Math.Min(best, p[0]);
            }

            return reference[0] - best;
        }

        if (reference.Length != 2)
        {
            throw new ArgumentException($"The hypervolume is computed for one or two objectives, not {reference.Length}.", nameof(reference));
        }

        double r0 = reference[0], r1 = reference[1];
        double[][] inside = [.. points.Where(p => p[0] < r0 && p[1] < r1).OrderBy(p => p[0]).ThenBy(p => p[1])];
        double volume = 0, lowest = r1;
        foreach (double[] p in inside)
        {
            if (p[1] < lowest)
            {
                volume += (r0 - p[0]) * (lowest - p[1]);
                lowest = p[1];
            }
        }

        return volume;
    }

    /// <summary>
    /// The reference point inferred from a set of points (for BoTorch's <c>infer_reference_point</c>, a Pareto front):
    /// the set's nadir (its worst value in each objective) moved a further 10% of the set's range in that objective; for a
    /// set of one point, 10% of the point's absolute value. The range (or value) is taken as at least 1e-7, times the
    /// nadir's magnitude when that exceeds 1, as BoTorch does, so a step is at least 1e-8 in those units and never lost to
    /// rounding; every point of the set is then strictly better than
    /// the reference in every objective. A range or a reference beyond the largest double is clamped to it.
    /// </summary>
    public static double[] InferReference(IReadOnlyList<double[]> points)
    {
        if (points.Count == 0)
        {
            throw new ArgumentException("An empty set has no reference point.", nameof(points));
        }

        int k = points[0].Length;
        double[] reference = new double[k];
        for (int j = 0; j < k; j++)
        {
            double nadir = points.Max(p => p[j]), ideal = points.Min(p => p[j]);
            double range = points.Count == 1 ? Math.Abs(nadir) : Math.Min(nadir - ideal, double.MaxValue);
            reference[j] = Math.Min(nadir + (ReferenceScale * Math.Max(range, MinRange * Math.Max(1, Math.Abs(nadir)))), double.MaxValue);
        }

        return reference;
    }
}
