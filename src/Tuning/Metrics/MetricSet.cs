using System.Collections.ObjectModel;

namespace Tuning;

/// <summary>The validated metrics of a study, with the checks every told value goes through.</summary>
internal sealed class MetricSet
{
    /// <summary>The most objectives a study optimizes at once (SigOpt's limit too).</summary>
    public const int MaxObjectives = 2;

    public MetricSet(IReadOnlyList<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Metric? metric in metrics)
        {
            if (metric is null)
            {
                throw new ArgumentException("The list of metrics contains null.", nameof(metrics));
            }

            if (!names.Add(metric.Name))
            {
                throw new ArgumentException($"Two metrics are named '{metric.Name}'; metric names must be unique.", nameof(metrics));
            }
        }

        All = new ReadOnlyCollection<Metric>([.. metrics]);
        Objectives = new ReadOnlyCollection<Metric>([.. metrics.Where(m => m.IsObjective)]);
        Constraints = new ReadOnlyCollection<Metric>([.. metrics.Where(m => m.Kind == MetricKind.Constraint)]);
        if (Objectives.Count == 0)
        {
            throw new ArgumentException("No metric is optimized: declare one with Metric.Minimize or Metric.Maximize.", nameof(metrics));
        }

        if (Objectives.Count > MaxObjectives)
        {
            throw new ArgumentException(
                $"{Objectives.Count} metrics are optimized ({string.Join(", ", Objectives.Select(m => m.Name))}); a study optimizes at most {MaxObjectives}. Declare the others as Metric.Constraint or Metric.Store.",
                nameof(metrics));
        }
    }

    public IReadOnlyList<Metric> All { get; }

    public IReadOnlyList<Metric> Objectives { get; }

    public IReadOnlyList<Metric> Constraints { get; }

    /// <summary>
    /// Checks that <paramref name="values"/> holds a finite value for every metric and nothing else; an
    /// <see cref="ArgumentException"/> names <paramref name="paramName"/>, the public method's parameter that gave them.
    /// </summary>
    public Dictionary<string, double> Validate(IReadOnlyDictionary<string, double> values, int trialId, string paramName = "values")
    {
        // A missing or unknown metric is a mistake in the caller's code, so it is named before any value that is not finite.
        CheckNames(values, trialId, paramName);
        if (FirstNotFinite(values) is { } bad)
        {
            throw new ArgumentException(
                $"Trial {trialId} was told {bad.Value} for the metric '{bad.Metric}'; values must be finite. Report a failed run with Study.Fail.",
                paramName);
        }

        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Metric metric in All)
        {
            result.Add(metric.Name, values[metric.Name]);
        }

        return result;
    }

    /// <summary>Checks that <paramref name="values"/> names every metric and nothing else, whatever the values, as <see cref="Validate"/> does.</summary>
    public void CheckNames(IReadOnlyDictionary<string, double> values, int trialId, string paramName = "values")
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        foreach (string name in values.Keys)
        {
            if (!All.Any(m => m.Name == name))
            {
                throw new ArgumentException(
                    $"Trial {trialId} was told a value for '{name}', which is not a metric of the study. Its metrics are: {string.Join(", ", All.Select(m => m.Name))}.",
                    paramName);
            }
        }

        foreach (Metric metric in All)
        {
            if (!values.ContainsKey(metric.Name))
            {
                throw new ArgumentException($"Trial {trialId} was told no value for the metric '{metric.Name}'; every declared metric needs one.", paramName);
            }
        }
    }

    /// <summary>The first metric, in declaration order, whose value in <paramref name="values"/> is NaN or infinite; null if none is.</summary>
    public (string Metric, double Value)? FirstNotFinite(IReadOnlyDictionary<string, double> values)
    {
        foreach (Metric metric in All)
        {
            if (values.TryGetValue(metric.Name, out double value) && !double.IsFinite(value))
            {
                return (metric.Name, value);
            }
        }

        return null;
    }
}
