namespace Tuning.Quality;

internal static class Statistics
{
    /// <summary>The q-quantile by linear interpolation between order statistics.</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        double[] sorted = [.. values.Order()];
        double position = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(position), hi = (int)Math.Ceiling(position);
        return sorted[lo] + ((position - lo) * (sorted[hi] - sorted[lo]));
    }

    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);
}
