namespace Tuning.Bayesian;

/// <summary>
/// The history as the models see it: features and objective values (oriented so smaller is better) of completed trials,
/// and of failed trials imputed with the worst completed value; constraint values of completed trials; the pending
/// (running) points; and every point already tried, which is never suggested again.
/// </summary>
internal sealed class TrainingData
{
    private TrainingData()
    {
    }

    public int Count => Objective.Length;

    public double[] Features { get; private init; } = [];

    public double[] Objective { get; private init; } = [];

    public bool[] Feasible { get; private init; } = [];

    public double[][] Points { get; private init; } = [];

    public double[] CompletedFeatures { get; private init; } = [];

    public List<(Metric Metric, double[] Values)> Constraints { get; } = [];

    public List<double[]> Pending { get; } = [];

    public List<double[]> Taken { get; } = [];

    public static TrainingData From(SuggestionContext context, FeatureMap map, Random random)
    {
        SearchSpace space = context.Space;
        Metric[] objectives = [.. context.Metrics.Where(m => m.IsObjective)];
        Metric[] constraints = [.. context.Metrics.Where(m => m.Kind == MetricKind.Constraint)];
        List<Trial> completed = [.. context.Trials.Where(t => t.State == TrialState.Completed)];
        List<Trial> failed = [.. context.Trials.Where(t => t.State == TrialState.Failed)];

        double[] values = objectives.Length == 1
            ? [.. completed.Select(t => Oriented(objectives[0], t.Values[objectives[0].Name]))]
            : Scalarize(objectives, completed, random);
        double worst = values.Length > 0 ? values.Max() : 0;

        int n = completed.Count + (completed.Count > 0 ? failed.Count : 0), f = map.Columns;
        var data = new TrainingData
        {
            Features = new double[n * f],
            Objective = new double[n],
            Feasible = new bool[n],
            Points = new double[n][],
            CompletedFeatures = new double[completed.Count * f],
        };

        for (int i = 0; i < n; i++)
        {
            Trial trial = i < completed.Count ? completed[i] : failed[i - completed.Count];
            double[] point = space.Encode(trial.Parameters);
            data.Points[i] = point;
            map.Map(point, data.Features.AsSpan(i * f, f));
            data.Objective[i] = i < completed.Count ? values[i] : worst;
            data.Feasible[i] = i < completed.Count && constraints.All(c => c.IsSatisfiedBy(trial.Values[c.Name]));
        }

        data.Features.AsSpan(0, completed.Count * f).CopyTo(data.CompletedFeatures);
        foreach (Metric c in constraints)
        {
            data.Constraints.Add((c, [.. completed.Select(t => t.Values[c.Name])]));
        }

        foreach (Trial trial in context.Trials)
        {
            double[] point = space.Encode(trial.Parameters);
            data.Taken.Add(point);
            if (trial.State == TrialState.Running)
            {
                data.Pending.Add(point);
            }
        }

        return data;
    }

    private static double Oriented(Metric objective, double value) => objective.Kind == MetricKind.Maximize ? -value : value;

    /// <summary>ParEGO's augmented Chebyshev scalarization with random weights, on objectives normalized to [0, 1].</summary>
    private static double[] Scalarize(Metric[] objectives, List<Trial> completed, Random random)
    {
        int k = objectives.Length;
        double[] weights = [.. Enumerable.Range(0, k).Select(_ => -Math.Log(1 - random.NextDouble()))];
        double total = weights.Sum();
        double[][] normalized = new double[k][];
        for (int j = 0; j < k; j++)
        {
            double[] v = [.. completed.Select(t => Oriented(objectives[j], t.Values[objectives[j].Name]))];
            double lo = v.Min(), hi = v.Max();
            normalized[j] = [.. v.Select(x => hi > lo ? (x - lo) / (hi - lo) : 0)];
        }

        double[] result = new double[completed.Count];
        for (int i = 0; i < result.Length; i++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int j = 0; j < k; j++)
            {
                double term = weights[j] / total * normalized[j][i];
                max = Math.Max(max, term);
                sum += term;
            }

            result[i] = max + (0.05 * sum);
        }

        return result;
    }
}
