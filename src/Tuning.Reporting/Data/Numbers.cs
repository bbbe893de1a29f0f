using System.Globalization;

namespace Tuning.Reporting;

/// <summary>Number formats of the plots and the report: invariant culture, short but exact enough to compare trials.</summary>
internal static class Numbers
{
    /// <summary>The largest magnitude a chart draws a value at (see <see cref="Drawn"/>).</summary>
    public const double MaxDrawn = 1e300;

    /// <summary>The smallest magnitude but zero a chart draws a value at (see <see cref="Drawn"/>).</summary>
    public const double MinDrawn = 1e-300;

    /// <summary>
    /// A value as the charts draw it, in the HTML report (plotly.js) and the PNG plots (ScottPlot) alike. Both work out
    /// an axis's span and ticks in doubles, which overflow beyond ±1.8e308 and underflow among subnormal numbers:
    /// plotly.js then draws no chart of the page at all, and silently leaves out values beyond about 1.8e304, and
    /// ScottPlot draws an empty plot or labels its ticks with a few hundred digits. So a value beyond
    /// ±<see cref="MaxDrawn"/> (a run that diverged to near <see cref="double.MaxValue"/>) is drawn at
    /// ±<see cref="MaxDrawn"/>, and one nearer zero than <see cref="MinDrawn"/> at zero. Hover texts and tables show the
    /// value as it was told.
    /// </summary>
    public static double Drawn(double value) => Math.Abs(value) < MinDrawn ? 0 : Math.Clamp(value, -MaxDrawn, MaxDrawn);

    /// <summary>Four significant digits: <c>0.01234</c>, <c>123.5</c>, <c>1.235e+06</c>.</summary>
    public static string Short(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Six significant digits, for the trial table.</summary>
    public static string Long(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// A constraint's threshold, exactly as declared (shortest round-trip form): rounded, a threshold such as 20.0000001
    /// would read as 20, beside a value of 20 that meets it and one of 20.00000015 that does not.
    /// </summary>
    public static string Threshold(double threshold) => threshold.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A metric's value for the trial table: as <see cref="Long"/>, unless the metric is a constraint and that text reads
    /// as a threshold the value differs from (20.000001 against a maximum of 20 would read "20", underlined as breaking
    /// "value ≤ 20"); then exactly, as <see cref="Threshold"/> writes the threshold.
    /// </summary>
    public static string Measured(Metric metric, double value) => Measured(metric, value, Long);

    /// <summary>
    /// A metric's value as <paramref name="format"/> writes it, unless the metric is a constraint and that text reads as a
    /// threshold the value differs from; then exactly, as <see cref="Threshold"/> writes the threshold (the rule of
    /// <see cref="Measured(Metric, double)"/>, for tables with a number format of their own, such as the tool's).
    /// </summary>
    public static string Measured(Metric metric, double value, Func<double, string> format)
    {
        string text = format(value);
        bool readsAsAThreshold = metric.Kind == MetricKind.Constraint
            && ((metric.Min is double lo && lo != value && format(lo) == text) || (metric.Max is double hi && hi != value && format(hi) == text));
        return readsAsAThreshold ? Threshold(value) : text;
    }

    /// <summary>A count and its noun, singular for one: <c>1 trial</c>, <c>0 trials</c>, <c>3 trials</c>.</summary>
    public static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");

    /// <summary>A duration in seconds, or milliseconds when it is short.</summary>
    public static string Duration(TimeSpan duration) =>
        duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s"
            : duration.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";
}
