using System.Globalization;

namespace Tuning;

/// <summary>
/// A study as CSV, one row per trial: <c>id, state, started, finished, duration_s</c>, one column per metric, one per
/// parameter (blank when inactive), one for the fidelity if the space declares one (the trial's setting: a number or a
/// task name), <c>fail_reason</c>, then one <c>attr.KEY</c> column per user attribute any trial has
/// (keys in ordinal order). RFC 4180: comma-separated, CRLF record ends, fields quoted when they hold a comma, a quote
/// or a line break. Times are ISO 8601 with their offset, numbers in the invariant culture round-trip exactly, and a
/// running trial has no finish time and no duration, so the same history always gives the same file.
/// </summary>
/// <remarks>
/// Metric, parameter and fidelity columns carry the metric's, parameter's or fidelity's name. A name that clashes with an
/// earlier column (a parameter named like a metric, or like <c>state</c>) is prefixed with <c>metric.</c>, <c>param.</c>,
/// <c>fidelity.</c> or <c>attr.</c>.
/// </remarks>
internal static class StudyCsv
{
    private static readonly string[] Leading = ["id", "state", "started", "finished", "duration_s"];
    private const string FailReason = "fail_reason";
    private const string AttributePrefix = "attr.";

    public static void Write(TextWriter writer, Study study, IReadOnlyList<Trial> trials)
    {
        string[] attributes = [.. trials.SelectMany(t => t.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        WriteRecord(writer, Header(study, attributes));
        foreach (Trial trial in trials)
        {
            WriteRecord(writer, Row(study, trial, attributes));
        }
    }

    /// <summary>The header: the fixed columns, the metrics, the parameters, the fidelity, the fail reason and the attributes, with clashing names prefixed.</summary>
    public static IReadOnlyList<string> Header(Study study, IReadOnlyList<string> attributes)
    {
        var taken = new HashSet<string>([.. Leading, FailReason], StringComparer.Ordinal);
        var header = new List<string>(Leading);
        header.AddRange(study.Metrics.Select(m => Unique(m.Name, "metric.", taken)));
        header.AddRange(study.Space.Parameters.Select(p => Unique(p.Name, "param.", taken)));
        if (study.Space.Fidelity is Fidelity fidelity)
        {
            header.Add(Unique(fidelity.Name, "fidelity.", taken));
        }

        header.Add(FailReason);
        header.AddRange(attributes.Select(key => Unique(AttributePrefix + key, AttributePrefix, taken)));
        return header;
    }

    /// <summary>Writes one record and its CRLF, quoting the fields that hold a comma, a quote or a line break.</summary>
    public static void WriteRecord(TextWriter writer, IEnumerable<string> fields)
    {
        bool first = true;
        foreach (string field in fields)
        {
            if (!first)
            {
                writer.Write(',');
            }

            first = false;
            writer.Write(field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : '"' + field.Replace("\"", "\"\"", StringComparison.Ordinal) + '"');
        }

        writer.Write("\r\n");
    }

    private static string Unique(string name, string prefix, HashSet<string> taken)
    {
        string column = name;
        while (!taken.Add(column))
        {
            column = prefix + column;
        }

        return column;
    }

    private static IEnumerable<string> Row(Study study, Trial trial, IReadOnlyList<string> attributes)
    {
        yield return trial.Id.ToString(CultureInfo.InvariantCulture);
        yield return trial.State.ToString().ToLowerInvariant();
        yield return trial.StartedAt.ToString("O", CultureInfo.InvariantCulture);
        yield return trial.FinishedAt?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;
        yield return trial.FinishedAt is DateTimeOffset finished ? Number((finished - trial.StartedAt).TotalSeconds) : string.Empty;
        foreach (Metric m in study.Metrics)
        {
            yield return trial.Values.TryGetValue(m.Name, out double v) ? Number(v) : string.Empty;
        }

        foreach (Parameter p in study.Space.Parameters)
        {
            yield return trial.IsActive(p.Name) ? Value(trial.Parameters[p.Name]) : string.Empty;
        }

        if (study.Space.Fidelity is Fidelity fidelity)
        {
            yield return Value(fidelity.Box(trial.Parameters.Level!.Value));
        }

        yield return trial.FailReason ?? string.Empty;
        foreach (string key in attributes)
        {
            yield return trial.Attributes.GetValueOrDefault(key, string.Empty);
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Value(object value) => value switch
    {
        double d => Number(d),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
