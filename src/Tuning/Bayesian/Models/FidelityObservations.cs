
namespace Tuning.Bayesian.Models;

/// <summary>
/// The history as the multi-fidelity model sees it: for every completed trial its x-features, fidelity coordinate and
/// objective value (oriented so smaller is better); failed trials at their fidelity with the worst completed value;
/// when report steps are fidelities (<see cref="MultiFidelityOptions.ReportsAreFidelities"/>), pruned trials at the
/// fidelity of their last report and every trial's reports at the fidelity levels below the one it reached; the
/// running trials as pending points; and the points already tried.
/// </summary>
internal sealed class FidelityObservations
{
    private FidelityObservations()
    {
    }

    public int Count => Values.Length;

    public double[] Features { get; private init; } = [];

    public double[] Coordinates { get; private init; } = [];

    public double[] Values { get; private init; } = [];

    /// <summary>Gets the raw fidelity of each observation.</summary>
    public FidelityLevel[] Levels { get; private init; } = [];

    /// <summary>Gets the canonical unit points (x only) of the observations.</summary>
    public double[][] Points { get; private init; } = [];

    /// <summary>Gets the running trials: canonical x and raw fidelity.</summary>
    public List<(double[] Point, FidelityLevel Level)> Pending { get; } = [];

    /// <summary>Gets every trial: canonical x and raw fidelity.</summary>
    public List<(double[] Point, FidelityLevel Level)> Tried { get; } = [];

    public static FidelityObservations From(SuggestionContext context, FeatureMap map, FidelityAxis axis, bool reportsAreFidelities)
    {
        SearchSpace space = context.Space;
        Metric objective = context.Metrics.Single(m => m.IsObjective);
        double Oriented(double v) => StudyRules.Orient(objective, v);
        Fidelity fidelity = axis.Declaration;

        var rows = new List<(Trial Trial, FidelityLevel Level, double? Value)>();
        foreach (Trial trial in context.Trials)
        {
            FidelityLevel raw = trial.Parameters.Level!.Value;
            switch (trial.State)
            {
                case TrialState.Completed:
                    rows.Add((trial, raw, Oriented(trial.Values[objective.Name])));
                    break;
                case TrialState.Failed:
                    rows.Add((trial, raw, null));
                    break;
                case TrialState.Pruned when reportsAreFidelities && !fidelity.IsTasks && trial.Reports.Count > 0:
                    raw = LastStep(fidelity, trial);
                    rows.Add((trial, raw, Oriented(trial.Reports[^1].Value)));
                    break;
                case TrialState.Pruned:
                    continue;
            }

            if (reportsAreFidelities && !fidelity.IsTasks && trial.State != TrialState.Failed)
            {
                foreach ((double step, double value) in ReportsAtLevels(fidelity, [.. axis.Levels.Select(l => l.Value)], trial, raw.Value))
                {
                    rows.Add((trial, FidelityLevel.Range(step), Oriented(value)));
                }
            }
        }

        double[] known = [.. rows.Where(r => r.Value is not null).Select(r => r.Value!.Value)];
        if (known.Length == 0)
        {
            rows.Clear(); // failures alone say nothing yet
        }

        double worst = StudyRules.ImputeFailed(known);
        int n = rows.Count, f = map.Columns;
        var data = new FidelityObservations
        {
            Features = new double[n * f],
            Coordinates = new double[n],
            Values = new double[n],
            Levels = new FidelityLevel[n],
            Points = new double[n][],
        };
        for (int i = 0; i < n; i++)
        {
            double[] point = space.Encode(rows[i].Trial.Parameters);
            data.Points[i] = point;
            map.Map(point, data.Features.AsSpan(i * f, f));
            data.Coordinates[i] = axis.Coordinate(rows[i].Level);
            data.Levels[i] = rows[i].Level;
            data.Values[i] = rows[i].Value ?? worst;
        }

        foreach (Trial trial in context.Trials)
        {
            var tried = (space.Encode(trial.Parameters), trial.Parameters.Level!.Value);
            data.Tried.Add(tried);
            if (trial.State == TrialState.Running)
            {
                data.Pending.Add(tried);
            }
        }

        return data;
    }

    /// <summary>
    /// A trial's reports below the fidelity it reached, one per fidelity level: the last report at or before the level,
    /// at the fidelity of its own step.
    /// </summary>
    private static IEnumerable<(double Raw, double Value)> ReportsAtLevels(Fidelity fidelity, double[] levels, Trial trial, double reached)
    {
        IReadOnlyList<TrialReport> reports = trial.Reports;
        double previous = double.NaN;
        foreach (double level in levels)
        {
            if (level >= reached)
            {
                yield break;
            }

            TrialReport? last = null;
            foreach (TrialReport report in reports)
            {
                if (report.Step > level)
                {
                    break;
                }

                last = report;
            }

            if (last is TrialReport r)
            {
                double raw = fidelity.Kind == FidelityKind.Int ? Math.Round(Math.Clamp(r.Step, fidelity.Low, fidelity.High)) : Math.Clamp(r.Step, fidelity.Low, fidelity.High);
                if (raw != previous && raw < reached)
                {
                    previous = raw;
                    yield return (raw, r.Value);
                }
            }
        }
    }

    /// <summary>
    /// The fidelity a pruned trial reached: its last report's step, as a value of the range, and no more than the
    /// trial's own fidelity (a run set to fewer epochs cannot have trained more, whatever steps it reported).
    /// </summary>
    internal static FidelityLevel LastStep(Fidelity fidelity, Trial trial)
    {
        double step = Math.Clamp(trial.Reports[^1].Step, fidelity.Low, trial.Fidelity ?? fidelity.High);
        return FidelityLevel.Range(fidelity.Kind == FidelityKind.Int ? Math.Round(step) : step);
    }
}
