namespace Tuning;

/// <summary>
/// Hyperband's brackets and the deterministic assignment of trials to them, as in Optuna's <c>HyperbandPruner</c>.
/// </summary>
/// <remarks>
/// Bracket <c>b</c> (of <c>n</c>) runs successive halving with minimum early-stopping rate <c>b</c>, so its first rung
/// lies at <c>MinResource · η^b</c>: bracket 0 is the most aggressive. Bracket <c>b</c> receives a share of trials
/// proportional to <c>⌈n · η^(n-1-b) / (n - b)⌉</c>, the number of configurations Hyperband (Li et al., JMLR 2018,
/// Algorithm 1) starts in that bracket. A trial's bracket follows from a hash of its id alone, so every worker and
/// process agrees on it without any shared state.
/// </remarks>
internal sealed class HyperbandBrackets
{
    /// <summary>The largest sum of the brackets' shares (2^52), so that the shares stay exact as doubles and their sum as a long.</summary>
    private const double MaxTotal = 4503599627370496;

    private readonly long[] _budgets;
    private readonly long _total;

    public HyperbandBrackets(long minResource, long maxResource, int reductionFactor)
    {
        int count = 0;
        for (long r = minResource; r <= maxResource; r *= reductionFactor)
        {
            count++;
            if (r > long.MaxValue / reductionFactor)
            {
                break;
            }
        }

        count = Math.Max(count, 1);
        double[] shares = new double[count];
        for (int b = 0; b < count; b++)
        {
            int s = count - 1 - b;
            shares[b] = Math.Ceiling(count * Math.Pow(reductionFactor, s) / (s + 1));
        }

        // Only the proportions matter; with very many brackets (a resource range near long.MaxValue) they are scaled
        // down so that their sum stays well inside a long.
        double scale = Math.Min(1, MaxTotal / shares.Sum());
        _budgets = [.. shares.Select(share => Math.Max(1, (long)Math.Ceiling(share * scale)))];
        _total = _budgets.Sum();
    }

    /// <summary>Gets the number of brackets.</summary>
    public int Count => _budgets.Length;

    /// <summary>Gets each bracket's share of trials (out of their sum).</summary>
    public IReadOnlyList<long> Budgets => _budgets;

    /// <summary>The bracket of the trial with id <paramref name="trialId"/>.</summary>
    public int BracketOf(int trialId)
    {
        long n = (long)(Mix((ulong)trialId) % (ulong)_total);
        for (int b = 0; b < _budgets.Length; b++)
        {
            n -= _budgets[b];
            if (n < 0)
            {
                return b;
            }
        }

        return _budgets.Length - 1;
    }

    /// <summary>SplitMix64's finalizer (Steele, Lea, Flood 2014): a fixed, well-mixed hash of the id, equal in every process.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
