using MathNet.Numerics.Distributions;

namespace Tuning.Bayesian;

/// <summary>
/// Turns objective values (oriented so that smaller is better) into the standardized targets the Gaussian process
/// models. Values are first centred on their median and scaled by their largest deviation, which cannot overflow even
/// for values near ±1e308; then warped (<see cref="OutputWarping"/>); then standardized.
/// </summary>
internal static class OutputTransform
{
    public static double[] Apply(ReadOnlySpan<double> values, OutputWarping warping)
    {
        double[] z = Linear(values).Values;
        switch (warping)
        {
            case OutputWarping.PowerTransform:
                Standardize(z);
                YeoJohnson(z, FitYeoJohnsonLambda(z));
                break;
            case OutputWarping.Rank:
                NormalScores(z);
                break;
        }

        Standardize(z);
        return z;
    }

    /// <summary>Standardizes <paramref name="values"/> the same way <see cref="Apply"/> does with no warping, returning the map.</summary>
    public static (double[] Values, Func<double, double> Map) Linear(ReadOnlySpan<double> values)
    {
        double median = Median(values);
        double halfScale = 0;
        foreach (double v in values)
        {
            halfScale = Math.Max(halfScale, Math.Abs((v / 2) - (median / 2)));
        }

        halfScale = halfScale > 0 ? halfScale : 1;
        double[] z = new double[values.Length];
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = ((values[i] / 2) - (median / 2)) / halfScale;
        }

        (double mean, double sd) = MeanAndDeviation(z);
        return (Array.ConvertAll(z, v => (v - mean) / sd), v => ((((v / 2) - (median / 2)) / halfScale) - mean) / sd);
    }

    private static void Standardize(double[] z)
    {
        (double mean, double sd) = MeanAndDeviation(z);
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = (z[i] - mean) / sd;
        }
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

    private static double Median(ReadOnlySpan<double> values)
    {
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] / 2) + (sorted[n / 2] / 2);
    }

    private static double GoldenSection(Func<double, double> f, double a, double b)
    {
        const double Ratio = 0.6180339887498949;
        double c = b - (Ratio * (b - a)), d = a + (Ratio * (b - a));
        double fc = f(c), fd = f(d);
        for (int i = 0; i < 60; i++)
        {
            if (fc > fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (Ratio * (b - a));
                fc = f(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (Ratio * (b - a));
                fd = f(d);
            }
        }

        return (a + b) / 2;
    }

    /// <summary>The Yeo–Johnson λ maximizing the profile log-likelihood (Yeo and Johnson 2000), by golden-section search on [−3, 5].</summary>
    private static double FitYeoJohnsonLambda(double[] z)
    {
        double logJacobianPerUnit = 0;
        foreach (double v in z)
        {
            logJacobianPerUnit += Math.Sign(v) * Math.Log(Math.Abs(v) + 1);
        }

        double[] work = new double[z.Length];
        double LogLikelihood(double lambda)
        {
            z.CopyTo(work, 0);
            YeoJohnson(work, lambda);
            (_, double sd) = MeanAndDeviation(work);
            return (-0.5 * z.Length * Math.Log(sd * sd)) + ((lambda - 1) * logJacobianPerUnit);
        }

        return GoldenSection(LogLikelihood, -3, 5);
    }

    private static void YeoJohnson(double[] z, double lambda)
    {
        for (int i = 0; i < z.Length; i++)
        {
            double v = z[i];
            z[i] = v >= 0
                ? Math.Abs(lambda) < 1e-8 ? StableMath.Log1P(v) : (Math.Pow(v + 1, lambda) - 1) / lambda
                : Math.Abs(lambda - 2) < 1e-8 ? -StableMath.Log1P(-v) : -(Math.Pow(1 - v, 2 - lambda) - 1) / (2 - lambda);
        }
    }

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
