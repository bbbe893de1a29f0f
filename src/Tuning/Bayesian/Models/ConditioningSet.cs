namespace Tuning.Bayesian.Models;

/// <summary>
/// Which observations a model is conditioned on when there are more than it can afford. Exact inference costs O(n³)
/// to factor and O(n²) per prediction, so above <see cref="ModelSettings.MaxModelPoints"/> rows a model keeps the best
/// quarter of that many by target (where targets rank the rows, as an objective's do: smaller is better) and a stable
/// pseudo-random share of the rest, filling the allowance: the best rows are where improvement is decided, and the
/// random share keeps the model informed everywhere else (a subset-of-data approximation; Rasmussen and Williams
/// 2006, section 8.3.3).
/// </summary>
internal static class ConditioningSet
{
    /// <summary>The share of the allowance kept for the best rows.</summary>
    public const double BestShare = 0.25;

    /// <summary>Marks the rows to condition on, or returns null when every row fits in <paramref name="max"/>.</summary>
    /// <param name="y">The targets.</param>
    /// <param name="keys">A stable key per row (trial numbers), or null to key rows by index.</param>
    /// <param name="max">The most rows to keep.</param>
    /// <param name="ranked">Whether smaller targets are better, so the best rows are kept first.</param>
    public static bool[]? Choose(ReadOnlySpan<double> y, int[]? keys, int max, bool ranked)
    {
        int n = y.Length;
        if (n <= max)
        {
            return null;
        }

        bool[] chosen = new bool[n];
        int best = ranked ? (int)(BestShare * max) : 0;
        if (best > 0)
        {
            int[] order = [.. Enumerable.Range(0, n)];
            double[] values = y.ToArray();
            Array.Sort(values, order);
            for (int i = 0; i < best; i++)
            {
                chosen[order[i]] = true;
            }
        }

        double keep = (double)(max - best) / n;
        for (int i = 0, count = best; i < n && count < max; i++)
        {
            if (!chosen[i] && Keeps(keys?[i] ?? i, keep))
            {
                chosen[i] = true;
                count++;
            }
        }

        return chosen;
    }

    /// <summary>Whether the pseudo-random share <paramref name="keep"/> takes the row with this key.</summary>
    public static bool Keeps(int key, double keep) => (uint)Seeds.Derive(0x5EB5E7, key) / (double)int.MaxValue < keep;
}
