using System.Globalization;

namespace Tuning;

/// <summary>
/// The unit-interval encoding of one parameter's raw value (a float or int value, or a categorical's index).
/// Log parameters are encoded in log space; discrete parameters split [0, 1] into equal bins, one per value
/// (for linear ints and steps this is the range padded by half a step on each side), so a uniform draw
/// in [0, 1] picks every value with equal probability.
/// </summary>
internal static class ParameterCodec
{
    /// <summary>
    /// The value <c>low + index·step</c>, computed in decimal where <paramref name="low"/> and <paramref name="step"/> are
    /// decimals a double holds exactly as written (0.1, 2.5e-3), so that 0.1·3 gives 0.3; otherwise in double, since
    /// converting a double to decimal keeps only 15 significant digits and would move a bound such as 1/3 or π. A bound,
    /// step or value of 1e27 or more (a decimal holds up to about 7.9e28) is computed in double.
    /// </summary>
    public static double GridValue(double low, long index, double step)
    {
        const double DecimalLimit = 1e27;
        double plain = low + (index * step);
        if (Math.Abs(low) < DecimalLimit && Math.Abs(plain) < DecimalLimit && Math.Abs(step) > 1e-20 && Math.Abs(step) < DecimalLimit
            && NearestDouble((decimal)low) == low && NearestDouble((decimal)step) == step)
        {
            return NearestDouble((decimal)low + (index * (decimal)step));
        }

        return plain;
    }

    /// <summary>
    /// The double nearest a decimal. A decimal converts itself by dividing its integer digits by a power of ten in
    /// double, which rounds twice once those digits pass 2^53 (1120000000000006.3 came out an ulp above its nearest
    /// double, 58900000000000.00000000 an ulp below 58900000000000); its text then parses to the nearest double instead.
    /// </summary>
    private static double NearestDouble(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        int scale = (bits[3] >> 16) & 0xFF;
        bool exactConversion = bits[2] == 0 && (uint)bits[1] < (1u << 21) && scale <= 22;
        return exactConversion
            ? (double)value
            : double.Parse(value.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Encodes a raw value into [0, 1].</summary>
    public static double Encode(Parameter p, double raw)
    {
        switch (p.Kind)
        {
            case ParameterKind.Categorical:
                return (raw + 0.5) / p.Choices.Count;
            case ParameterKind.Int when p.IsLog:
                {
                    double a = Math.Log(p.Low - 0.5), b = Math.Log(p.High + 0.5);
                    return Math.Clamp((Math.Log(raw) - a) / (b - a), 0, 1);
                }

            case ParameterKind.Float when p.Step is null:
                if (p.IsLog)
                {
                    double a = Math.Log(p.Low), b = Math.Log(p.High);
                    return Math.Clamp((Math.Log(raw) - a) / (b - a), 0, 1);
                }

                return Math.Clamp((raw - p.Low) / (p.High - p.Low), 0, 1);
            default:
                {
                    long n = p.Cardinality!.Value;
                    double index = Math.Round((raw - p.Low) / p.Step!.Value);
                    return (Math.Clamp(index, 0, n - 1) + 0.5) / n;
                }
        }
    }

    /// <summary>Decodes a coordinate in [0, 1] (clamped) into a raw value.</summary>
    public static double Decode(Parameter p, double u)
    {
        u = double.IsNaN(u) ? 0.5 : Math.Clamp(u, 0, 1);
        switch (p.Kind)
        {
            case ParameterKind.Categorical:
                return Bin(u, p.Choices.Count);
            case ParameterKind.Int when p.IsLog:
                {
                    double a = Math.Log(p.Low - 0.5), b = Math.Log(p.High + 0.5);
                    return Math.Clamp(Math.Round(Math.Exp(a + (u * (b - a)))), p.Low, p.High);
                }

            case ParameterKind.Float when p.Step is null:
                {
                    // Decoding then encoding may move a value by an ulp; iterate to a fixed point so that
                    // every decoded value survives Decode(Encode(value)) unchanged.
                    double x = DecodeContinuous(p, u);
                    for (int i = 0; i < 16; i++)
                    {
                        double y = DecodeContinuous(p, Encode(p, x));
                        if (y == x)
                        {
                            break;
                        }

                        x = y;
                    }

                    return x;
                }

            default:
                {
                    long n = p.Cardinality!.Value;
                    return Math.Clamp(GridValue(p.Low, Bin(u, n), p.Step!.Value), p.Low, p.High);
                }
        }
    }

    /// <summary>Checks that a raw value is one the parameter can take, returning its normalized form (grid values snapped exactly).</summary>
    public static bool TryNormalize(Parameter p, double raw, out double normalized)
    {
        normalized = raw;
        if (!double.IsFinite(raw) || raw < p.Low || raw > p.High)
        {
            return false;
        }

        if (p.Kind == ParameterKind.Float && p.Step is null)
        {
            return true;
        }

        if (p.Kind != ParameterKind.Float && raw != Math.Floor(raw))
        {
            return false;
        }

        if (p.Kind == ParameterKind.Int && p.IsLog)
        {
            return true;
        }

        double step = p.Step!.Value;
        long index = (long)Math.Round((raw - p.Low) / step);
        double grid = GridValue(p.Low, index, step);
        if (Math.Abs(grid - raw) > 1e-9 * step)
        {
            return false;
        }

        normalized = grid;
        return true;
    }

    private static long Bin(double u, long n) => Math.Clamp((long)Math.Floor(u * n), 0, n - 1);

    private static double DecodeContinuous(Parameter p, double u)
    {
        // The ends of the cube are the bounds themselves: exp(log(low) + (log(high) − log(low))), or low + (high − low),
        // can come out an ulp short of high.
        if (u <= 0 || u >= 1)
        {
            return u <= 0 ? p.Low : p.High;
        }

        double x = p.IsLog
            ? Math.Exp(Math.Log(p.Low) + (u * (Math.Log(p.High) - Math.Log(p.Low))))
            : p.Low + (u * (p.High - p.Low));
        return Math.Clamp(x, p.Low, p.High);
    }
}
