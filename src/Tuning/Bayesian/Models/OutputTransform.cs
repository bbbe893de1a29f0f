using MathNet.Numerics.Distributions;
using Tuning.Bayesian.Acquisitions;

namespace Tuning.Bayesian.Models;

/// <summary>
/// Turns objective values (oriented so that smaller is better) into the standardized targets the Gaussian process
/// models, and reports the log-Jacobian of the map so that different warpings can be compared by the evidence they
/// give the data (a warped GP's likelihood of y is that of the warped values times the Jacobian, Snelson et al. 2004).
/// Values are first centred on their median and scaled by their largest deviation, which cannot overflow even for
/// values near ±1e308.
/// </summary>
internal static class OutputTransform
{
    /// <summary>The candidate transforms for a warping: one, or for <see cref="OutputWarping.PowerTransform"/> two.</summary>
    public static IReadOnlyList<WarpedValues> Candidates(ReadOnlySpan<double> values, OutputWarping warping)
    {
        (double[] z, double logJacobian, Func<double, double> Rescaled) = warping == OutputWarping.PowerTransform ? Rescale(values) : Linearly(values);
        switch (warping)
        {
            case OutputWarping.PowerTransform:
                return [YeoJohnson((double[])z.Clone(), logJacobian, Rescaled), ShiftedBoxCox(z, logJacobian, Rescaled)];
            case OutputWarping.Rank:
                NormalScores(z);
                return [Finish(z, 0, null)];
            default:
                return [Finish(z, logJacobian, Rescaled)];
        }
    }

    /// <summary>
    /// The first candidate transform's values, for models that do not compare warpings by their evidence (for
    /// <see cref="OutputWarping.PowerTransform"/>, Yeo–Johnson).
    /// </summary>
    public static double[] Apply(ReadOnlySpan<double> values, OutputWarping warping) => Candidates(values, warping)[0].Values;

    /// <summary>Standardizes values linearly (no warping), returning the map for thresholds.</summary>
    public static (double[] Values, Func<double, double> Map) Linear(ReadOnlySpan<double> values)
    {
        (double[] z, _, double median, double halfScale) = RescaleWithMap(values);
        (double mean, double sd) = MeanAndDeviation(z);
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = (z[i] - mean) / sd;
        }

        Func<double, double> rescaled = LinearMap(median, halfScale);
        return (z, v => (rescaled(v) - mean) / sd);
    }

    /// <summary>
    /// Rescales values into [−1, 1] for the power transforms: linearly (<see cref="RescaleWithMap"/>), unless a few values lie
    /// more than <see cref="ExtremeSpread"/> median absolute deviations from the median, such as a diverged run
    /// reported as 1e300 among losses near 1. Linearly, the other values would then differ in the last digits of z or
    /// below, and no warping or model could tell them apart; instead z = asinh(u)/asinh(u_max), u = (v − median)/MAD,
    /// which is linear within a few deviations and logarithmic beyond, so the outliers stay the worst values and the
    /// rest keep their spread. Returns the values, the log-Jacobian of the map, and the map.
    /// </summary>
    private static (double[] Values, double LogJacobian, Func<double, double> Map) Rescale(ReadOnlySpan<double> values)
    {
        (double[] z, double logJacobian, double median, double halfScale) = RescaleWithMap(values);
        double[] deviations = new double[z.Length];
        for (int i = 0; i < z.Length; i++)
        {
            deviations[i] = Math.Abs(z[i]) * halfScale; // |v/2 − median/2|, without overflow
        }

        Array.Sort(deviations);
        double halfMad = deviations.Length % 2 == 1
            ? deviations[deviations.Length / 2]
            : (deviations[(deviations.Length / 2) - 1] / 2) + (deviations[deviations.Length / 2] / 2);
        if (!(halfMad > 0) || halfScale / halfMad <= ExtremeSpread)
        {
            return (z, logJacobian, LinearMap(median, halfScale));
        }

        double top = Math.Asinh(halfScale / halfMad);
        double Map(double v) => Math.Asinh(((v / 2) - (median / 2)) / halfMad) / top;
        double jacobian = -values.Length * Math.Log(2 * halfMad * top);
        for (int i = 0; i < z.Length; i++)
        {
            double u = Math.Abs(((values[i] / 2) - (median / 2)) / halfMad);

            // d asinh(u)/du = 1/√(1 + u²); log √(1 + u²) without overflowing u².
            jacobian -= u > 1 ? Math.Log(u) + (0.5 * StableMath.Log1P(1 / (u * u))) : 0.5 * StableMath.Log1P(u * u);
            z[i] = Map(values[i]);
        }

        return (z, jacobian, Map);
    }

    /// <summary>The linear rescaling of <see cref="RescaleWithMap"/>, with its map.</summary>
    private static (double[] Values, double LogJacobian, Func<double, double> Map) Linearly(ReadOnlySpan<double> values)
    {
        (double[] z, double logJacobian, double median, double halfScale) = RescaleWithMap(values);
        return (z, logJacobian, LinearMap(median, halfScale));
    }

    /// <summary>The map of <see cref="RescaleWithMap"/>: v ↦ (v/2 − median/2)/halfScale.</summary>
    private static Func<double, double> LinearMap(double median, double halfScale) => v => ((v / 2) - (median / 2)) / halfScale;

    /// <summary>
    /// How many median absolute deviations from the median the farthest value may lie before <see cref="Rescale"/>
    /// compresses the tail. No run of the quality suites reaches it (they repeat exactly with and without the
    /// compression; random samples of Goldstein–Price, whose worst values are 10⁶ against a minimum of 3, span about
    /// 10² deviations), and at it the linear rescaling still leaves the other values ten of their sixteen digits.
    /// </summary>
    private const double ExtremeSpread = 1e6;

    /// <summary>z = (v/2 − median/2)/halfScale, with halfScale the largest |v/2 − median/2|, so z is in [−1, 1].</summary>
    private static (double[] Values, double LogJacobian, double Median, double HalfScale) RescaleWithMap(ReadOnlySpan<double> values)
    {
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] / 2) + (sorted[n / 2] / 2);
        double halfScale = 0;
        foreach (double v in values)
        {
            halfScale = Math.Max(halfScale, Math.Abs((v / 2) - (median / 2)));
        }

        halfScale = halfScale > 0 ? halfScale : 1;
        double[] z = new double[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = ((values[i] / 2) - (median / 2)) / halfScale;
        }

        return (z, -n * Math.Log(2 * halfScale), median, halfScale);
    }

    /// <summary>Standardizes, Yeo–Johnson transforms with λ fitted by maximum likelihood on [−3, 5], standardizes.</summary>
    private static WarpedValues YeoJohnson(double[] z, double logJacobian, Func<double, double> rescaled)
    {
        (double standardizing, double mean, double sd) = StandardizeInPlace(z);
        logJacobian += standardizing;
        double lambda = FitLambda(z, -3, 5, YeoJohnsonValue, YeoJohnsonLogDerivative);
        for (int i = 0; i < z.Length; i++)
        {
            logJacobian += YeoJohnsonLogDerivative(z[i], lambda);
            z[i] = YeoJohnsonValue(z[i], lambda);
        }

        return Finish(z, logJacobian, v => YeoJohnsonValue((rescaled(v) - mean) / sd, lambda));
    }

    /// <summary>
    /// Box–Cox on the values shifted just above their minimum (by a tenth of the distance to the median): a log-like
    /// transform that spreads out the best values and compresses a heavy tail of bad ones.
    /// </summary>
    private static WarpedValues ShiftedBoxCox(double[] z, double logJacobian, Func<double, double> rescaled)
    {
        double min = z.Min(), max = z.Max();
        double[] sorted = [.. z.Order()];
        double median = sorted[sorted.Length / 2];
        double shift = median > min ? 0.1 * (median - min) : max > min ? 1e-3 * (max - min) : 1;
        double scale = max - min + shift;
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = (z[i] - min + shift) / scale;
        }

        logJacobian -= z.Length * Math.Log(scale);
        double lambda = FitLambda(z, -2, 2, BoxCoxValue, BoxCoxLogDerivative);
        for (int i = 0; i < z.Length; i++)
        {
            logJacobian += BoxCoxLogDerivative(z[i], lambda);
            z[i] = BoxCoxValue(z[i], lambda);
        }

        return Finish(z, logJacobian, v => BoxCoxValue((rescaled(v) - min + shift) / scale, lambda));
    }

    /// <summary>Standardizes the warped values; <paramref name="warped"/> is the map that gave them, or null for rank scores.</summary>
    private static WarpedValues Finish(double[] z, double logJacobian, Func<double, double>? warped)
    {
        (double standardizing, double mean, double sd) = StandardizeInPlace(z);
        return new(z, logJacobian + standardizing, warped is null ? null : v => (warped(v) - mean) / sd);
    }

    /// <summary>Standardizes in place; returns the log-Jacobian −n·log(sd), and the mean and deviation used.</summary>
    private static (double LogJacobian, double Mean, double Deviation) StandardizeInPlace(double[] z)
    {
        (double mean, double sd) = MeanAndDeviation(z);
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = (z[i] - mean) / sd;
        }

        return (-z.Length * Math.Log(sd), mean, sd);
    }

    private static (double Mean, double Deviation) MeanAndDeviation(ReadOnlySpan<double> z)
    {
        double mean = 0;
        foreach (double v in z)
        {
            mean += v;
        }

        mean /= z.Length;
        double variance = 0;
        foreach (double v in z)
        {
            variance += (v - mean) * (v - mean);
        }

        double sd = Math.Sqrt(variance / z.Length);
        return (mean, sd > 1e-12 ? sd : 1);
    }

    /// <summary>The λ maximizing the profile log-likelihood −n/2·log σ²(λ) + Σ log T′(z), by golden-section search.</summary>
    private static double FitLambda(double[] z, double low, double high, Func<double, double, double> value, Func<double, double, double> logDerivative)
    {
        double[] work = new double[z.Length];
        double LogLikelihood(double lambda)
        {
            double jacobian = 0;
            for (int i = 0; i < z.Length; i++)
            {
                work[i] = value(z[i], lambda);
                jacobian += logDerivative(z[i], lambda);
            }

            (_, double sd) = MeanAndDeviation(work);
            return (-0.5 * z.Length * Math.Log(sd * sd)) + jacobian;
        }

        const double Ratio = 0.6180339887498949;
        double a = low, b = high;
        double c = b - (Ratio * (b - a)), d = a + (Ratio * (b - a));
        double fc = LogLikelihood(c), fd = LogLikelihood(d);
        for (int i = 0; i < 50; i++)
        {
            if (fc > fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (Ratio * (b - a));
                fc = LogLikelihood(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (Ratio * (b - a));
                fd = LogLikelihood(d);
            }
        }

        return (a + b) / 2;
    }

    private static double YeoJohnsonValue(double v, double lambda) => v >= 0
        ? Math.Abs(lambda) < 1e-8 ? StableMath.Log1P(v) : StableMath.ExpM1(lambda * StableMath.Log1P(v)) / lambda
        : Math.Abs(lambda - 2) < 1e-8 ? -StableMath.Log1P(-v) : -StableMath.ExpM1((2 - lambda) * StableMath.Log1P(-v)) / (2 - lambda);

    private static double YeoJohnsonLogDerivative(double v, double lambda) =>
        v >= 0 ? (lambda - 1) * StableMath.Log1P(v) : (1 - lambda) * StableMath.Log1P(-v);

    private static double BoxCoxValue(double w, double lambda) =>
        Math.Abs(lambda) < 1e-8 ? Math.Log(w) : StableMath.ExpM1(lambda * Math.Log(w)) / lambda;

    private static double BoxCoxLogDerivative(double w, double lambda) => (lambda - 1) * Math.Log(w);

    private static void NormalScores(double[] z)
    {
        int n = z.Length;
        int[] order = [.. Enumerable.Range(0, n).OrderBy(i => z[i])];
        double[] scores = new double[n];
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && z[order[end + 1]] == z[order[start]])
            {
                end++;
            }

            double rank = ((start + end) / 2.0) + 1; // ties share their average rank
            double score = Normal.InvCDF(0, 1, (rank - 0.5) / n);
            for (int k = start; k <= end; k++)
            {
                scores[order[k]] = score;
            }

            start = end + 1;
        }

        scores.CopyTo(z, 0);
    }
}
