namespace Tuning.Bayesian.Acquisitions;

/// <summary>
/// Log expected improvement, LogEI (Ament, Daulton, Eriksson, Balandat, Bakshy: "Unexpected Improvements to Expected
/// Improvement for Bayesian Optimization", NeurIPS 2023). For a Gaussian posterior N(μ, σ²) and an incumbent value,
/// EI = σ·h(z) with h(z) = φ(z) + z·Φ(z) and z the standardized improvement. Plain EI underflows to 0 for z below
/// about −38, flattening the acquisition into plateaus; log h is computed here in three regimes so it stays finite,
/// accurate and strictly increasing for every finite z.
/// </summary>
/// <remarks>
/// For z ≤ −1, h(z) = φ(z)·q(z) with q(z) = 1 − |z|·r(z) and r(z) = Φ(z)/φ(z) = √(π/2)·erfcx(|z|/√2) (their eq. 9).
/// Down to z = −30, q comes from erfcx; below, from the asymptotic series
/// q = s − 3s² + 15s³ − 105s⁴ + … with s = 1/z², whose terms fall by 1e-3 or more each, so it is exact to double
/// precision and avoids the cancellation in 1 − |z|·r.
/// </remarks>
internal static class LogExpectedImprovement
{
    private const double HalfLogPiOverTwo = 0.22579135264472743236; // log(π/2)/2
    private const double InverseSqrtTwo = 0.70710678118654752440;
    private const double SeriesBelow = -30;

    /// <summary>log EI = log σ + log h(z), z = (incumbent − μ)/σ, of a prediction N(μ, σ²) and an incumbent (smaller is better).</summary>
    public static double Of(double incumbent, double mean, double variance)
    {
        double sd = Math.Sqrt(variance);
        return Math.Log(sd) + LogH((incumbent - mean) / sd);
    }

    /// <summary>
    /// log EI of a prediction, as <see cref="Of(double, double, double)"/>, adding its gradient to <paramref name="gradient"/>
    /// (unless it is empty) by the chain rule from the prediction's gradients: with σ' = (σ²)'/(2σ) and
    /// z' = −μ'/σ − z·σ'/σ, (log EI)' = σ'/σ + (log h)'(z)·z'.
    /// </summary>
    public static double Of(
        double incumbent, double mean, double variance, ReadOnlySpan<double> meanGradient, ReadOnlySpan<double> varianceGradient, Span<double> gradient)
    {
        double sd = Math.Sqrt(variance);
        double z = (incumbent - mean) / sd;
        if (!gradient.IsEmpty)
        {
            double slope = LogHDerivative(z);
            for (int c = 0; c < gradient.Length; c++)
            {
                double dSd = varianceGradient[c] / (2 * sd);
                double dz = (-meanGradient[c] / sd) - (z * dSd / sd);
                gradient[c] += (dSd / sd) + (slope * dz);
            }
        }

        return Math.Log(sd) + LogH(z);
    }

    /// <summary>log h(z) = log(φ(z) + z·Φ(z)).</summary>
    public static double LogH(double z)
    {
        if (z > -1)
        {
            return Math.Log(Math.Exp(NormalFunctions.LogPdf(z)) + (z * NormalFunctions.Cdf(z)));
        }

        return NormalFunctions.LogPdf(z) + LogQ(z);
    }

    /// <summary>d log h / dz = Φ(z)/h(z) = r(z)/q(z), the slope that gradient-based maximization follows.</summary>
    public static double LogHDerivative(double z)
    {
        if (z > -1)
        {
            double cdf = NormalFunctions.Cdf(z);
            return cdf / (Math.Exp(NormalFunctions.LogPdf(z)) + (z * cdf));
        }

        if (z >= SeriesBelow)
        {
            double r = Math.Exp(HalfLogPiOverTwo) * NormalFunctions.Erfcx(-z * InverseSqrtTwo);
            return r / Math.Exp(LogQ(z));
        }

        double q = Series(1 / (z * z));
        return (1 - q) / (-z * q);
    }

    /// <summary>log q(z) for z ≤ −1.</summary>
    private static double LogQ(double z)
    {
        if (z >= SeriesBelow)
        {
            double logZr = Math.Log(NormalFunctions.Erfcx(-z * InverseSqrtTwo) * -z) + HalfLogPiOverTwo;
            return StableMath.Log1MinusExp(logZr);
        }

        double s = 1 / (z * z);
        return s > 0 ? Math.Log(Series(s)) : -2 * Math.Log(-z);
    }

    /// <summary>q = Σ_{n≥1} (−1)^(n+1) (2n−1)!! sⁿ, in Horner form s(1 − 3s(1 − 5s(1 − 7s(…)))).</summary>
    private static double Series(double s)
    {
        double sum = 1;
        for (int k = 21; k >= 3; k -= 2)
        {
            sum = 1 - (k * s * sum);
        }

        return s * sum;
    }
}
