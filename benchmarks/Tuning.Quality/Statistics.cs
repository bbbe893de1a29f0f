namespace Tuning.Quality;

internal static class Statistics
{
    /// <summary>
    /// The q-quantile by linear interpolation between order statistics; +∞ when it interpolates towards +∞ (a run that
    /// never reached a level), never the NaN that ∞ − ∞ would give.
    /// </summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        double[] sorted = [.. values.Order()];
        double position = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(position), hi = (int)Math.Ceiling(position);
        return sorted[lo] == sorted[hi] ? sorted[lo] : sorted[lo] + ((position - lo) * (sorted[hi] - sorted[lo]));
    }

    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);
}
