using MathNet.Numerics;

namespace Tuning.Bayesian.Acquisitions;

/// <summary>The standard normal's density and distribution function in forms that stay accurate in the far tails.</summary>
internal static class NormalFunctions
{
    /// <summary>log(2π)/2.</summary>
    public const double HalfLogTwoPi = 0.91893853320467274178;

    private const double InverseSqrtTwo = 0.70710678118654752440;
    private const double InverseSqrtPi = 0.56418958354775628695;

    /// <summary>log φ(z), the log density.</summary>
    public static double LogPdf(double z) => (-0.5 * z * z) - HalfLogTwoPi;

    /// <summary>Φ(z), the distribution function.</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z * InverseSqrtTwo);

    /// <summary>log Φ(z), accurate for every z: through erfcx in the lower tail, log1p in the upper.</summary>
    public static double LogCdf(double z)
    {
        if (z < -1)
        {
            return Math.Log(0.5 * Erfcx(-z * InverseSqrtTwo)) - (0.5 * z * z);
        }

        if (z < 5)
        {
            return Math.Log(Cdf(z));
        }

        // log(1 − q) with q = Φ(−z) < 3e-7: the series −q − q²/2 is exact to double precision.
        double q = 0.5 * SpecialFunctions.Erfc(z * InverseSqrtTwo);
        return -q - (0.5 * q * q);
    }

    /// <summary>The scaled complementary error function erfcx(x) = exp(x²)·erfc(x), without overflow for large x.</summary>
    public static double Erfcx(double x)
    {
        if (x < 0)
        {
            return (2 * Math.Exp(x * x)) - Erfcx(-x);
        }

        if (x < 2)
        {
            return Math.Exp(x * x) * SpecialFunctions.Erfc(x);
        }

        // erfc(x)·exp(x²)·√π = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated by the modified Lentz method.
        const double Tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int k = 1; k < 500; k++)
        {
            double a = k * 0.5;
            d = x + (a * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = x + (a / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return InverseSqrtPi / f;
    }
}
