namespace Tuning.Bayesian.Models;

/// <summary>
/// The history as the models see it: features and objective values (oriented so smaller is better, one column per
/// objective) of completed trials, and of failed trials imputed with each objective's worst completed value; constraint
/// values of completed trials; the pending (running) points; and every point already tried, which is never suggested again.
/// </summary>
internal sealed class TrainingData
{
    private TrainingData()
    {
    }

    public int Count => Objective.Length;

    public double[] Features { get; private init; } = [];

    /// <summary>Gets the first (with one objective, the only) objective's column.</summary>
    public double[] Objective => Objectives[0];

    /// <summary>Gets one column of oriented values per objective.</summary>
    public double[][] Objectives { get; private init; } = [[]];

    public bool[] Feasible { get; private init; } = [];

    public double[][] Points { get; private init; } = [];

    public double[] CompletedFeatures { get; private init; } = [];

    /// <summary>Gets the trial number of each row (completed rows first, then failed ones).</summary>
    public int[] Keys { get; private init; } = [];

    /// <summary>Gets the trial number of each completed row (the rows of <see cref="CompletedFeatures"/>).</summary>
    public int[] CompletedKeys { get; private init; } = [];

    public List<(Metric Metric, double[] Values)> Constraints { get; } = [];

    public List<double[]> Pending { get; } = [];

    public List<double[]> Taken { get; } = [];

    public static TrainingData From(SuggestionContext context, FeatureMap map)
    {
        SearchSpace space = context.Space;
        Metric[] objectives = [.. context.Metrics.Where(m => m.IsObjective)];
        Metric[] constraints = [.. context.Metrics.Where(m => m.Kind == MetricKind.Constraint)];
        List<Trial> completed = [.. context.Trials.Where(t => t.State == TrialState.Completed)];
        List<Trial> failed = [.. context.Trials.Where(t => t.State == TrialState.Failed)];

        double[][] values = [.. objectives.Select(o => completed.Select(t => StudyRules.Orient(o, t.Values[o.Name])).ToArray())];
        double[] worst = [.. values.Select(v => StudyRules.ImputeFailed(v))];

        int n = completed.Count + (completed.Count > 0 ? failed.Count : 0), f = map.Columns;
        var data = new TrainingData
        {
            Features = new double[n * f],
            Objectives = [.. objectives.Select(_ => new double[n])],
            Feasible = new bool[n],
            Points = new double[n][],
            CompletedFeatures = new double[completed.Count * f],
            Keys = [.. completed.Select(t => t.Id), .. (completed.Count > 0 ? failed : []).Select(t => t.Id)],
            CompletedKeys = [.. completed.Select(t => t.Id)],
        };

        for (int i = 0; i < n; i++)
        {
            Trial trial = i < completed.Count ? completed[i] : failed[i - completed.Count];
            double[] point = space.Encode(trial.Parameters);
            data.Points[i] = point;
            map.Map(point, data.Features.AsSpan(i * f, f));
            for (int j = 0; j < objectives.Length; j++)
            {
                data.Objectives[j][i] = i < completed.Count ? values[j][i] : worst[j];
            }

            data.Feasible[i] = i < completed.Count && StudyRules.MeetsConstraints(context.Metrics, trial.Values);
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
}
