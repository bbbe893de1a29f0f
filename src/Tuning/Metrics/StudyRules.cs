namespace Tuning;

/// <summary>
/// The one home of the study rules that the study, the suggesters, the pruners and the reports all apply: which of
/// two values of an objective is better (orientation), which trials count as results (feasibility), which results
/// dominate others (through <see cref="Pareto.Dominates"/>), and what a failed trial stands for in a model (imputation).
/// Every other place calls these, so a rule cannot drift between the places that use it.
/// </summary>
internal static class StudyRules
{
    /// <summary>
    /// Orients an objective's value so that smaller is better: a maximized metric's value is negated, a minimized
    /// metric's kept. Its own inverse, so it also turns an oriented value back into the metric's units.
    /// </summary>
    /// <exception cref="ArgumentException">The metric is not an objective.</exception>
    public static double Orient(Metric objective, double value) => objective.Kind switch
    {
        MetricKind.Minimize => value,
        MetricKind.Maximize => -value,
        _ => throw new ArgumentException($"The metric '{objective.Name}' is a {objective.Kind.ToString().ToLowerInvariant()} metric, not an objective: it has no better value.", nameof(objective)),
    };

    /// <summary>Whether <paramref name="value"/> is strictly better than <paramref name="other"/> for the objective.</summary>
    public static bool IsBetter(Metric objective, double value, double other) => Orient(objective, value) < Orient(objective, other);

    /// <summary>
    /// Whether told values satisfy every constraint among <paramref name="metrics"/>: each constraint needs a value within
    /// its thresholds, and a constraint without a value is not met. Without constraints, any values meet them.
    /// </summary>
    public static bool MeetsConstraints(IReadOnlyList<Metric> metrics, IReadOnlyDictionary<string, double> values)
    {
        foreach (Metric metric in metrics)
        {
            if (metric.Kind == MetricKind.Constraint && !(values.TryGetValue(metric.Name, out double value) && metric.IsSatisfiedBy(value)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a trial is a result: completed, at the target fidelity (when the space declares one), and meeting every
    /// constraint. Only results compete for <see cref="Study.BestTrial"/> and the <see cref="Study.ParetoFront"/>.
    /// </summary>
    public static bool IsResult(Trial trial, IReadOnlyList<Metric> metrics) =>
        trial.State == TrialState.Completed && trial.IsAtTargetFidelity && MeetsConstraints(metrics, trial.Values);

    /// <summary>The objective values of a trial, oriented so that smaller is better, in the order of <paramref name="objectives"/>.</summary>
    public static double[] Oriented(IReadOnlyList<Metric> objectives, IReadOnlyDictionary<string, double> values)
    {
        var oriented = new double[objectives.Count];
        for (int j = 0; j < oriented.Length; j++)
        {
            oriented[j] = Orient(objectives[j], values[objectives[j].Name]);
        }

        return oriented;
    }

    /// <summary>
    /// The trials of <paramref name="results"/> that no other one dominates (at least as good in every objective and
    /// better in one, <see cref="Pareto.Dominates"/>), in their order; trials with equal values are all kept.
    /// </summary>
    public static IReadOnlyList<Trial> NonDominated(IReadOnlyList<Metric> objectives, IReadOnlyList<Trial> results)
    {
        double[][] points = [.. results.Select(t => Oriented(objectives, t.Values))];
        return [.. Pareto.NonDominated(points).Select(i => results[i])];
    }

    /// <summary>
    /// The oriented value a failed trial stands for in a model of an objective: the worst oriented value of the completed
    /// trials (the model then steers away from where runs fail without believing they fail by much), or 0 when none has
    /// completed yet.
    /// </summary>
    /// <param name="completed">The oriented values of the completed trials.</param>
    public static double ImputeFailed(ReadOnlySpan<double> completed)
    {
        if (completed.IsEmpty)
        {
            return 0;
        }

        double worst = completed[0];
        foreach (double value in completed)
        {
            worst = Math.Max(worst, value);
        }

        return worst;
    }
}
