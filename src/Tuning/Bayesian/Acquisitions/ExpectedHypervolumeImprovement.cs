namespace Tuning.Bayesian.Acquisitions;

/// <summary>
/// The exact expected hypervolume improvement (EHVI) of two independent Gaussian objectives, both minimized, in log
/// form, with its gradient with respect to the two means and standard deviations.
/// </summary>
/// <remarks>
/// <para>
/// Over the strips of <see cref="NonDominatedStrips"/>, the improvement of y is Σᵢ (uᵢ − max(y₁, lᵢ))⁺ · (bᵢ − y₂)⁺, and
/// for independent objectives the expectation factors per strip. For Y ~ N(μ, σ²), E[(c − Y)⁺] = σ·h(z) with
/// z = (c − μ)/σ and h(z) = φ(z) + z·Φ(z), and (u − max(Y, l))⁺ = (u − Y)⁺ − (l − Y)⁺, so
/// EHVI = σ₁σ₂ Σᵢ [h(zᵤ,ᵢ) − h(zₗ,ᵢ)] · h(z_b,ᵢ)
/// (the closed form of Emmerich et al. and Yang et al. 2019 for 2-D EHVI, here in one sweep over n + 1 strips).
/// </para>
/// <para>
/// Plain EHVI underflows to 0 far from the front, just as EI does, leaving the optimizer flat plateaus. Each factor is
/// therefore kept in log form — log h from <see cref="LogExpectedImprovement"/>, and
/// log(h(zᵤ) − h(zₗ)) = log h(zᵤ) + log(1 − exp(log h(zₗ) − log h(zᵤ))) — and the strips are summed by log-sum-exp, so
/// log EHVI stays finite and informative for every finite prediction. When a strip is narrow relative to σ (where that
/// difference would cancel), h(zᵤ) − h(zₗ) = ∫Φ is taken by the midpoint rule with its second-order correction,
/// w·Φ(m)·(1 − w²·m·φ(m)/(24·Φ(m))), exact to about w⁴.
/// </para>
/// <para>
/// The gradient is analytic: d log h(z)/dz = Φ(z)/h(z), d log(h(zᵤ) − h(zₗ))/dzᵤ = Φ(zᵤ)/(h(zᵤ) − h(zₗ)) (and minus the
/// same at zₗ), dz/dμ = −1/σ and dz/dσ = −z/σ, summed with the strips' log-sum-exp weights.
/// </para>
/// </remarks>
internal static class ExpectedHypervolumeImprovement
{
    /// <summary>Below this w·(1 + |m|) a strip's h difference is taken by the corrected midpoint rule.</summary>
    private const double NarrowStrip = 1e-3;

    /// <summary>The scratch length <see cref="Log"/> needs for <paramref name="strips"/>.</summary>
    public static int WorkLength(NonDominatedStrips strips) => 4 * strips.Count;

    /// <summary>log EHVI for Y₁ ~ N(<paramref name="mean1"/>, <paramref name="sd1"/>²) and Y₂ ~ N(<paramref name="mean2"/>, <paramref name="sd2"/>²).</summary>
    /// <param name="strips">The non-dominated region.</param>
    /// <param name="mean1">The first objective's predicted mean.</param>
    /// <param name="sd1">The first objective's predicted standard deviation, positive.</param>
    /// <param name="mean2">The second objective's predicted mean.</param>
    /// <param name="sd2">The second objective's predicted standard deviation, positive.</param>
    /// <param name="gradient">Empty, or 4 values receiving d/dμ₁, d/dσ₁, d/dμ₂, d/dσ₂ of log EHVI.</param>
    /// <param name="work">Scratch of at least <see cref="WorkLength"/> values.</param>
    public static double Log(NonDominatedStrips strips, double mean1, double sd1, double mean2, double sd2, Span<double> gradient, Span<double> work)
    {
        int count = strips.Count;
        Span<double> terms = work[..count], upper = work.Slice(count, count), logDifference = work.Slice(2 * count, count), ceiling = work.Slice(3 * count, count);
        double previousZ = double.NegativeInfinity, previousLogH = double.NegativeInfinity, largest = double.NegativeInfinity;
        for (int i = 0; i < count; i++)
        {
            double z = (strips.RightEdges[i] - mean1) / sd1;
            double logH = LogExpectedImprovement.LogH(z);
            double v = (strips.Ceilings[i] - mean2) / sd2;
            upper[i] = z;
            ceiling[i] = v;
            logDifference[i] = LogHDifference(z, previousZ, logH, previousLogH);
            terms[i] = logDifference[i] + LogExpectedImprovement.LogH(v);
            largest = Math.Max(largest, terms[i]);
            previousZ = z;
            previousLogH = logH;
        }

        if (double.IsNegativeInfinity(largest))
        {
            gradient.Clear();
            return double.NegativeInfinity;
        }

        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += Math.Exp(terms[i] - largest);
        }

        double logSum = largest + Math.Log(sum);
        if (!gradient.IsEmpty)
        {
            double dMean1 = 0, dSd1 = 1 / sd1, dMean2 = 0, dSd2 = 1 / sd2;
            for (int i = 0; i < count; i++)
            {
                if (double.IsNegativeInfinity(terms[i]))
                {
                    continue;
                }

                double weight = Math.Exp(terms[i] - logSum);
                double zu = upper[i], atUpper = Math.Exp(NormalFunctions.LogCdf(zu) - logDifference[i]);
                double slope = atUpper, scaledSlope = zu * atUpper;
                if (i > 0)
                {
                    double zl = upper[i - 1], atLower = Math.Exp(NormalFunctions.LogCdf(zl) - logDifference[i]);
                    slope -= atLower;
                    scaledSlope -= zl * atLower;
                }

                double v = ceiling[i], ceilingSlope = LogExpectedImprovement.LogHDerivative(v);
                dMean1 -= weight * slope / sd1;
                dSd1 -= weight * scaledSlope / sd1;
                dMean2 -= weight * ceilingSlope / sd2;
                dSd2 -= weight * v * ceilingSlope / sd2;
            }

            gradient[0] = dMean1;
            gradient[1] = dSd1;
            gradient[2] = dMean2;
            gradient[3] = dSd2;
        }

        return Math.Log(sd1) + Math.Log(sd2) + logSum;
    }

    /// <summary>log(h(zᵤ) − h(zₗ)) for zₗ &lt; zᵤ (zₗ may be −∞), given log h at both.</summary>
    internal static double LogHDifference(double upper, double lower, double logHUpper, double logHLower)
    {
        if (double.IsNegativeInfinity(lower))
        {
            return logHUpper;
        }

        double width = upper - lower;
        if (!(width > 0))
        {
            return double.NegativeInfinity;
        }

        double middle = 0.5 * (upper + lower);
        if (width * (1 + Math.Abs(middle)) < NarrowStrip || !(logHLower < logHUpper))
        {
            double logCdf = NormalFunctions.LogCdf(middle);
            double hazard = Math.Exp(NormalFunctions.LogPdf(middle) - logCdf);
            return Math.Log(width) + logCdf + StableMath.Log1P(-width * width * middle * hazard / 24);
        }

        return logHUpper + StableMath.Log1MinusExp(logHLower - logHUpper);
    }
}
