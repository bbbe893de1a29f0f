using System.Globalization;

namespace Tuning.Reporting;

/// <summary>
/// How a parameter's importance reads in the report's table and chart and on the importance plot: three decimals, but
/// for a conditional parameter active in none of the trials measured, that it never was. Its importance of 0 is then no
/// finding, and a 0.000 would read as one.
/// </summary>
internal static class ImportanceText
{
    /// <summary>What a parameter that no trial measured shows instead of its importance.</summary>
    public const string NeverActive = "inactive in every completed trial";

    /// <summary>Whether any trial measured the parameter.</summary>
    public static bool WasMeasured(ParameterImportance importance) => importance.ActiveTrials > 0;

    /// <summary>The importance with three decimals, such as <c>0.412</c>.</summary>
    public static string Value(ParameterImportance importance) => importance.Importance.ToString("0.000", CultureInfo.InvariantCulture);
}
