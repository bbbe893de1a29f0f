using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tuning.Numerics;

/// <summary>
/// e^x for vectors of doubles, inlined into the kernel loops (the runtime's <c>Vector512.Exp</c> is a call and measured
/// 3× slower than the whole rest of a Matérn kernel entry here).
/// </summary>
/// <remarks>
/// Cody–Waite reduction x = k·ln 2 + r with |r| ≤ ln2/2, then e^r by its Taylor polynomial to degree 13 (truncation
/// below 4e-18 relative) in Horner form, then scaling by 2^k built in the exponent bits. Arguments are clamped to
/// [−708, 709], so results stay normal and finite; within that range the error is a couple of ulps. NaN is not
/// propagated: the kernels never pass it (their inputs are validated).
/// </remarks>
internal static class VectorExp
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 0.693147180369123816490;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    // 2^52 + 2^51: adding it rounds to an integer held in the low mantissa bits.
    private const double RoundingMagic = 6755399441055744.0;
    private const double Low = -708.0;
    private const double High = 709.0;

    // 1/j! for j = 13 … 2.
    private const double C13 = 1.0 / 6227020800.0;
    private const double C12 = 1.0 / 479001600.0;
    private const double C11 = 1.0 / 39916800.0;
    private const double C10 = 1.0 / 3628800.0;
    private const double C9 = 1.0 / 362880.0;
    private const double C8 = 1.0 / 40320.0;
    private const double C7 = 1.0 / 5040.0;
    private const double C6 = 1.0 / 720.0;
    private const double C5 = 1.0 / 120.0;
    private const double C4 = 1.0 / 24.0;
    private const double C3 = 1.0 / 6.0;
    private const double C2 = 0.5;

    /// <summary>Returns e^x per lane.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>The exponentials.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(Low)), Vector512.Create(High));
        Vector512<double> t = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2E), Vector512.Create(RoundingMagic));
        Vector512<double> k = t - Vector512.Create(RoundingMagic);
        Vector512<double> r = Vector512.MultiplyAddEstimate(k, Vector512.Create(-Ln2Hi), x);
        r = Vector512.MultiplyAddEstimate(k, Vector512.Create(-Ln2Lo), r);
        Vector512<double> p = Vector512.Create(C13);
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(C12));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(C11));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(C10));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(C9));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(C8));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(C7));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(C6));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(C5));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(C4));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(C3));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(C2));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512<double>.One);
        p = Vector512.MultiplyAddEstimate(p, r, Vector512<double>.One);
        Vector512<ulong> bits = (t.AsUInt64() - Vector512.Create(RoundingMagic).AsUInt64() + Vector512.Create(1023UL)) << 52;
        return p * bits.AsDouble();
    }

    /// <summary>Returns e^x per lane.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>The exponentials.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(Low)), Vector256.Create(High));
        Vector256<double> t = Vector256.MultiplyAddEstimate(x, Vector256.Create(Log2E), Vector256.Create(RoundingMagic));
        Vector256<double> k = t - Vector256.Create(RoundingMagic);
        Vector256<double> r = Vector256.MultiplyAddEstimate(k, Vector256.Create(-Ln2Hi), x);
        r = Vector256.MultiplyAddEstimate(k, Vector256.Create(-Ln2Lo), r);
        Vector256<double> p = Vector256.Create(C13);
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(C12));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(C11));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(C10));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(C9));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(C8));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(C7));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(C6));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(C5));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(C4));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(C3));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(C2));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256<double>.One);
        p = Vector256.MultiplyAddEstimate(p, r, Vector256<double>.One);
        Vector256<ulong> bits = (t.AsUInt64() - Vector256.Create(RoundingMagic).AsUInt64() + Vector256.Create(1023UL)) << 52;
        return p * bits.AsDouble();
    }

    /// <summary>Returns e^x per lane.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>The exponentials.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Exp(Vector128<double> x)
    {
        x = Vector128.Min(Vector128.Max(x, Vector128.Create(Low)), Vector128.Create(High));
        Vector128<double> t = Vector128.MultiplyAddEstimate(x, Vector128.Create(Log2E), Vector128.Create(RoundingMagic));
        Vector128<double> k = t - Vector128.Create(RoundingMagic);
        Vector128<double> r = Vector128.MultiplyAddEstimate(k, Vector128.Create(-Ln2Hi), x);
        r = Vector128.MultiplyAddEstimate(k, Vector128.Create(-Ln2Lo), r);
        Vector128<double> p = Vector128.Create(C13);
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(C12));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(C11));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(C10));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(C9));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(C8));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(C7));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(C6));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(C5));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(C4));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(C3));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(C2));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128<double>.One);
        p = Vector128.MultiplyAddEstimate(p, r, Vector128<double>.One);
        Vector128<ulong> bits = (t.AsUInt64() - Vector128.Create(RoundingMagic).AsUInt64() + Vector128.Create(1023UL)) << 52;
        return p * bits.AsDouble();
    }
}
