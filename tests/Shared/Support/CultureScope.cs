using System.Globalization;

namespace Tuning.TestSupport;

/// <summary>
/// Sets the current culture of the calling thread until disposed. The tests run with invariant globalization, where
/// only the invariant culture exists, so the cultures here are copies of it with another culture's number format.
/// </summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentCulture;

    private CultureScope(CultureInfo culture) => CultureInfo.CurrentCulture = culture;

    /// <summary>Numbers as de-DE and fr-FR write them: a decimal comma, and a dot between groups of digits.</summary>
    public static CultureScope DecimalComma()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return new CultureScope(culture);
    }

    public void Dispose() => CultureInfo.CurrentCulture = _previous;
}
