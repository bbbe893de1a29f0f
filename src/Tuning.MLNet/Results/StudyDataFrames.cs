using Microsoft.Data.Analysis;
using Microsoft.ML;

namespace Tuning.MLNet;

/// <summary>A study's trials as a <see cref="DataFrame"/> or an <see cref="IDataView"/>, one row per trial.</summary>
/// <remarks>
/// Columns, in order: <c>id</c> (int), <c>state</c>, <c>started</c> and <c>finished</c> (UTC), <c>duration_s</c>;
/// one per metric (double); one per parameter (double for floats, int for ints, bool for bools, string for other
/// categoricals); the fidelity if the space declares one; <c>fail_reason</c>; and one string column
/// <c>attr.KEY</c> per attribute key any trial set. Cells are null where a trial has no value: a metric of an
/// unfinished or failed trial, an inactive parameter, an attribute the trial did not set. A metric or parameter named
/// like an earlier column gets a <c>metric.</c> or <c>param.</c> prefix, and a name still taken a number
/// (<c>attr.seed.2</c> for the attribute <c>seed</c> after a parameter named <c>attr.seed</c>). <see cref="ToDataView"/> gives int and bool
/// parameters as doubles, so that an inactive one reads as NaN there.
/// </remarks>
public static class StudyDataFrames
{
    /// <summary>Gets the study's trials as a data frame, one row per trial in id order.</summary>
    /// <param name="study">The study.</param>
    /// <returns>A new data frame; later trials do not change it.</returns>
    public static DataFrame ToDataFrame(this Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return Frame(study, numericParameters: false);
    }

    /// <summary>
    /// Gets the study's trials as an <see cref="IDataView"/> for ML.NET: the columns of <see cref="ToDataFrame"/>, except
    /// that int and bool parameters are doubles (a bool as 0 or 1), because ML.NET reads a null int as 0 and a null bool as
    /// false, which an inactive parameter would then seem to hold. Null cells read as NaN in numeric columns, as empty
    /// text in string columns, and as <see cref="DateTime.MinValue"/> in <c>finished</c>.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <returns>A new data view; later trials do not change it.</returns>
    public static IDataView ToDataView(this Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return Frame(study, numericParameters: true);
    }

    private static DataFrame Frame(Study study, bool numericParameters)
    {
        IReadOnlyList<Trial> trials = study.Trials;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var columns = new List<DataFrameColumn>
        {
            Column(names, "id", null, new PrimitiveDataFrameColumn<int>("id", trials.Select(t => t.Id))),
            Column(names, "state", null, new StringDataFrameColumn("state", trials.Select(t => t.State.ToString()))),
            Column(names, "started", null, new PrimitiveDataFrameColumn<DateTime>("started", trials.Select(t => t.StartedAt.UtcDateTime))),
            Column(names, "finished", null, new PrimitiveDataFrameColumn<DateTime>("finished", trials.Select(t => t.FinishedAt?.UtcDateTime))),
            Column(names, "duration_s", null, new PrimitiveDataFrameColumn<double>("duration_s", trials.Select(t => t.IsFinished ? t.Duration.TotalSeconds : (double?)null))),
        };

        foreach (Metric metric in study.Metrics)
        {
            string name = Unique(names, metric.Name, "metric.");
            columns.Add(new PrimitiveDataFrameColumn<double>(name, trials.Select(t => t.Values.TryGetValue(metric.Name, out double v) ? v : (double?)null)));
        }

        foreach (Parameter parameter in study.Space.Parameters)
        {
            string name = Unique(names, parameter.Name, "param.");
            columns.Add(ParameterColumn(name, parameter, trials, numericParameters));
        }

        if (study.Space.Fidelity is Fidelity fidelity)
        {
            string name = Unique(names, fidelity.Name, "param.");
            columns.Add(fidelity.Kind == FidelityKind.Tasks
                ? new StringDataFrameColumn(name, trials.Select(t => t.Task))
                : new PrimitiveDataFrameColumn<double>(name, trials.Select(t => t.Fidelity)));
        }

        columns.Add(new StringDataFrameColumn(Unique(names, "fail_reason", "trial."), trials.Select(t => t.FailReason)));
        foreach (string key in trials.SelectMany(t => t.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            columns.Add(new StringDataFrameColumn(Unique(names, "attr." + key, "attr."), trials.Select(t => t.Attributes.GetValueOrDefault(key))));
        }

        return new DataFrame(columns);
    }

    private static DataFrameColumn ParameterColumn(string name, Parameter parameter, IReadOnlyList<Trial> trials, bool numeric)
    {
        IEnumerable<object?> values = trials.Select(t => t.IsActive(parameter.Name) ? t.Parameters[parameter.Name] : null);
        return parameter.Kind switch
        {
            ParameterKind.Float => new PrimitiveDataFrameColumn<double>(name, values.Select(v => (double?)v)),
            ParameterKind.Int when numeric => new PrimitiveDataFrameColumn<double>(name, values.Select(v => (double?)(int?)v)),
            _ when parameter.IsBoolean && numeric => new PrimitiveDataFrameColumn<double>(name, values.Select(v => v is bool b ? (b ? 1.0 : 0.0) : (double?)null)),
            ParameterKind.Int => new PrimitiveDataFrameColumn<int>(name, values.Select(v => (int?)v)),
            _ when parameter.IsBoolean => new PrimitiveDataFrameColumn<bool>(name, values.Select(v => (bool?)v)),
            _ => new StringDataFrameColumn(name, values.Select(v => (string?)v)),
        };
    }

    private static DataFrameColumn Column(HashSet<string> names, string name, string? prefix, DataFrameColumn column)
    {
        _ = Unique(names, name, prefix ?? string.Empty);
        return column;
    }

    /// <summary>The name itself if it is free, else with the prefix (unless it already has it), else that with .2, .3, ….</summary>
    private static string Unique(HashSet<string> names, string name, string prefix)
    {
        string prefixed = name.StartsWith(prefix, StringComparison.Ordinal) ? name : prefix + name;
        string candidate = name;
        for (int k = 2; !names.Add(candidate); k++)
        {
            candidate = candidate == name && prefixed != name ? prefixed : $"{prefixed}.{k}";
        }

        return candidate;
    }
}
