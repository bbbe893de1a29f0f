namespace Tuning.Reporting;

/// <summary>
/// A model-free, first-order variance decomposition in the spirit of fANOVA (Hutter, Hoos, Leyton-Brown, ICML 2014):
/// a parameter's importance is the share of the metric's total variance explained by the means of the metric within
/// bins of that parameter alone — the variance of its main effect.
/// </summary>
/// <remarks>
/// <para>
/// Bins: a categorical parameter (or an int with at most <see cref="MaxBins"/> values) has one bin per value; any
/// other parameter has up to <see cref="MaxBins"/> bins of equal counts (about √n of them for n trials, at least 2),
/// so the result does not depend on a log or linear scale. A conditional parameter is measured on the trials in which
/// it is active: its importance is the variance its bins explain there, as a share of the variance over all trials.
/// </para>
/// <para>
/// With few trials, the bin means of an irrelevant parameter still scatter by chance, so the plain ratio
/// SS_between / SS_total is biased upwards by about (bins − 1) / (n − 1). The estimate is therefore the ANOVA effect
/// size ω² = (SS_between − (k − 1)·MS_within) / (SS_total + MS_within), clipped at 0 (Hays 1963).
/// </para>
/// <para>
/// Limits: it sees main effects only — interactions (a learning rate that matters only with many trees) are not
/// attributed to any parameter, so the importances sum to at most about 1 and the rest is interactions and noise.
/// Unlike fANOVA it fits no surrogate model, so it averages over where the trials are rather than over the whole
/// space: trials of a Bayesian optimizer cluster near the optimum, which understates parameters the optimizer has
/// already settled and can credit one parameter with the effect of another it moved together with. It is most faithful
/// for random or Sobol trials. The metric's raw values are used, so a few very bad trials dominate the variance.
/// </para>
/// </remarks>
internal sealed class MainEffectImportance : IImportanceEstimator
{
    /// <summary>The most bins a parameter is split into.</summary>
    public const int MaxBins = 10;

    public IReadOnlyList<ParameterImportance> Estimate(ImportanceSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        // ω² does not depend on the values' scale; dividing by the largest magnitude keeps the sums of squares finite
        // when a trial's value is near double.MaxValue.
        double scale = sample.Values.Length == 0 ? 1 : sample.Values.Max(Math.Abs);
        double[] y = scale > 0 ? [.. sample.Values.Select(v => v / scale)] : sample.Values;
        double mean = y.Length == 0 ? 0 : y.Average();
        double total = y.Sum(v => (v - mean) * (v - mean));
        var result = new ParameterImportance[sample.Space.Count];
        for (int j = 0; j < result.Length; j++)
        {
            Parameter parameter = sample.Space.Parameters[j];
            int[] active = [.. Enumerable.Range(0, sample.Count).Where(i => !double.IsNaN(sample.Parameters[i][j]))];
            double importance = total > 0 ? OmegaSquared(Bins(parameter, active, i => sample.Parameters[i][j]), y, total) : 0;
            result[j] = new ParameterImportance(parameter.Name, importance, active.Length);
        }

        return result;
    }

    /// <summary>Groups the active trials into bins of the parameter: by value when it has few, else by equal-count quantiles.</summary>
    internal static List<List<int>> Bins(Parameter parameter, int[] active, Func<int, double> number)
    {
        bool byValue = parameter.Kind == ParameterKind.Categorical || parameter.Cardinality <= MaxBins;
        if (byValue)
        {
            return [.. active.GroupBy(number).OrderBy(g => g.Key).Select(g => g.ToList())];
        }

        int binCount = Math.Clamp((int)Math.Round(Math.Sqrt(active.Length)), 2, MaxBins);
        int[] sorted = [.. active.OrderBy(number).ThenBy(i => i)];
        var bins = new List<List<int>>();
        int previousBin = -1;
        double previousValue = double.NaN;
        for (int rank = 0; rank < sorted.Length; rank++)
        {
            int i = sorted[rank];
            double value = number(i);

            // Equal values always share a bin, so a bin boundary never splits a tie.
            int bin = value.Equals(previousValue) ? previousBin : rank * binCount / sorted.Length;
            if (bin != previousBin)
            {
                bins.Add([]);
            }

            bins[^1].Add(i);
            (previousBin, previousValue) = (bin, value);
        }

        return bins;
    }

    /// <summary>ω² of the bins' means, as a share of the total sum of squares <paramref name="total"/> of all trials.</summary>
    internal static double OmegaSquared(List<List<int>> bins, double[] y, double total)
    {
        int n = bins.Sum(b => b.Count);
        int k = bins.Count;
        if (k < 2)
        {
            return 0;
        }

        double mean = bins.SelectMany(b => b).Average(i => y[i]);
        double between = 0, within = 0;
        foreach (List<int> bin in bins)
        {
            double binMean = bin.Average(i => y[i]);
            between += bin.Count * (binMean - mean) * (binMean - mean);
            within += bin.Sum(i => (y[i] - binMean) * (y[i] - binMean));
        }

        double meanSquareWithin = n > k ? within / (n - k) : 0;
        return Math.Clamp((between - ((k - 1) * meanSquareWithin)) / (total + meanSquareWithin), 0, 1);
    }
}
