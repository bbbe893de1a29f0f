namespace Tuning.Reporting;

/// <summary>
/// What an importance estimator sees: the completed trials' parameter values (as numbers, NaN where inactive) and
/// their values of one metric. Pruned trials are left out: their value is that of a partial run; so are trials at a
/// lower fidelity than the target, whose values do not compare with full runs.
/// </summary>
internal sealed class ImportanceSample
{
    public ImportanceSample(SearchSpace space, double[][] parameters, double[] values)
    {
        Space = space;
        Parameters = parameters;
        Values = values;
    }

    public SearchSpace Space { get; }

    /// <summary>Gets, per trial, one number per parameter (see <see cref="ParameterScale.Number(Trial, Parameter)"/>), NaN where inactive.</summary>
    public double[][] Parameters { get; }

    /// <summary>Gets the metric's value per trial.</summary>
    public double[] Values { get; }

    public int Count => Values.Length;

    public static ImportanceSample From(StudySnapshot snapshot, Metric metric)
    {
        List<Trial> trials = [.. snapshot.Trials.Where(t => t.State == TrialState.Completed && t.IsAtTargetFidelity && t.Values.ContainsKey(metric.Name))];
        IReadOnlyList<Parameter> parameters = snapshot.Study.Space.Parameters;
        double[][] numbers = [.. trials.Select(t => parameters.Select(p => ParameterScale.Number(t, p) ?? double.NaN).ToArray())];
        return new ImportanceSample(snapshot.Study.Space, numbers, [.. trials.Select(t => t.Values[metric.Name])]);
    }
}
