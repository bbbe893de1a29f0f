using System.Globalization;

namespace Tuning.Reporting;

/// <summary>Number formats of the plots and the report: invariant culture, short but exact enough to compare trials.</summary>
internal static class Numbers
{
    /// <summary>Four significant digits: <c>0.01234</c>, <c>123.5</c>, <c>1.235e+06</c>.</summary>
    public static string Short(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Six significant digits, for the trial table.</summary>
    public static string Long(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A count and its noun, singular for one: <c>1 trial</c>, <c>0 trials</c>, <c>3 trials</c>.</summary>
    public static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");

    /// <summary>A duration in seconds, or milliseconds when it is short.</summary>
    public static string Duration(TimeSpan duration) =>
        duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s"
            : duration.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";
}
