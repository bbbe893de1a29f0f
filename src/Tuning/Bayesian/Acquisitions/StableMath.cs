namespace Tuning.Bayesian.Acquisitions;

/// <summary>log1p, expm1 and log(1 − eˣ) without cancellation (Kahan's tricks; Mächler 2012 for log1mexp).</summary>
internal static class StableMath
{
    /// <summary>log(1 + x), accurate for small |x|.</summary>
    public static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1, accurate for small |x|.</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) > 0.5)
        {
            return Math.Exp(x) - 1;
        }

        double u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    /// <summary>log(1 − eˣ) for x &lt; 0.</summary>
    public static double Log1MinusExp(double x) =>
        x > -0.6931471805599453 ? Math.Log(-ExpM1(x)) : Log1P(-Math.Exp(x));
}
