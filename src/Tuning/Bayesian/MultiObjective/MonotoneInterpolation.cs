namespace Tuning.Bayesian.MultiObjective;

/// <summary>
/// Carries a value into a model's units through the pairs (raw value, modelled value) of the training data, which
/// <see cref="OutputTransform"/> relates monotonically: piecewise-linear between observed values, and beyond them along
/// the line through the extreme value and the one a quarter of the way in (a stable slope of the transform's tail).
/// Used for a reference point given in the metric's units.
/// </summary>
internal static class MonotoneInterpolation
{
    public static double Map(ReadOnlySpan<double> raw, ReadOnlySpan<double> modelled, double value)
    {
        (double X, double Y)[] pairs = new (double, double)[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            pairs[i] = (raw[i], modelled[i]);
        }

        Array.Sort(pairs);
        int n = pairs.Length;
        if (n == 1 || pairs[0].X == pairs[n - 1].X)
        {
            return pairs[0].Y + (value - pairs[0].X);
        }

        if (value >= pairs[n - 1].X)
        {
            return Extrapolate(pairs[n - 1], pairs[Math.Min((3 * n) / 4, n - 2)], pairs, value);
        }

        if (value <= pairs[0].X)
        {
            return Extrapolate(pairs[0], pairs[Math.Max(n / 4, 1)], pairs, value);
        }

        int upper = 1;
        while (pairs[upper].X < value)
        {
            upper++;
        }

        (double x0, double y0) = pairs[upper - 1];
        (double x1, double y1) = pairs[upper];
        return x1 > x0 ? y0 + ((y1 - y0) * (value - x0) / (x1 - x0)) : y1;
    }

    private static double Extrapolate((double X, double Y) end, (double X, double Y) inner, (double X, double Y)[] pairs, double value)
    {
        double slope = inner.X != end.X
            ? (end.Y - inner.Y) / (end.X - inner.X)
            : (pairs[^1].Y - pairs[0].Y) / (pairs[^1].X - pairs[0].X);
        return end.Y + (slope * (value - end.X));
    }
}
