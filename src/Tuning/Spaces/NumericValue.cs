namespace Tuning;

/// <summary>
/// Which user values stand for a number, for a float or int parameter and a range fidelity alike: a value of any of
/// .NET's numeric types, and for an int also a floating-point value without a fraction (3.0, as JSON and Python write
/// a whole number).
/// </summary>
internal static class NumericValue
{
    /// <summary>Reads a value of any numeric type as a double; false for anything else (a string, a bool, null).</summary>
    public static bool TryReal(object? value, out double real)
    {
        (bool isNumber, real) = value switch
        {
            double d => (true, d),
            float f => (true, f),
            decimal m => (true, (double)m),
            int n => (true, n),
            long n => (true, n),
            short n => (true, n),
            byte n => (true, n),
            sbyte n => (true, n),
            uint n => (true, n),
            ushort n => (true, n),
            ulong n => (true, (double)n),
            _ => (false, double.NaN),
        };
        return isNumber;
    }

    /// <summary>Reads a whole number: a value of an integer type, or a finite floating-point value without a fraction.</summary>
    public static bool TryInteger(object? value, out double integer) =>
        TryReal(value, out integer) && double.IsFinite(integer) && integer == Math.Floor(integer);
}
