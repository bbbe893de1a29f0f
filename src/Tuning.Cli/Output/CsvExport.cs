using System.Globalization;
using System.Text;

namespace Tuning.Cli.Output;

/// <summary>
/// A study as CSV, one row per trial: <c>id, state, started, finished, duration_s</c>, one column per metric, one per
/// parameter (blank when inactive), and <c>fail_reason</c>. Times are ISO 8601 with their offset (as in the JSON
/// export), numbers are in the invariant culture and round-trip exactly, and a running trial has no finish time and
/// no duration, so that exporting the same history twice gives the same file.
/// </summary>
/// <remarks>
/// Metric and parameter columns carry the metric's or parameter's name. A name that clashes with an earlier column
/// (a parameter named like a metric, or like <c>state</c>) is prefixed with <c>metric.</c> or <c>param.</c>.
/// </remarks>
internal static class CsvExport
{
    private static readonly string[] Leading = ["id", "state", "started", "finished", "duration_s"];
    private const string FailReason = "fail_reason";

    public static string Write(Study study, IReadOnlyList<Trial> trials)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trials);
        var csv = new StringBuilder();
        Csv.AppendRecord(csv, Header(study));
        foreach (Trial trial in trials)
        {
            Csv.AppendRecord(csv, Row(study, trial));
        }

        return csv.ToString();
    }

    /// <summary>The header: the fixed columns, the metrics, the parameters and the fail reason, with clashing names prefixed.</summary>
    public static IReadOnlyList<string> Header(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var taken = new HashSet<string>([.. Leading, FailReason], StringComparer.Ordinal);
        var header = new List<string>(Leading);
        foreach (Metric m in study.Metrics)
        {
            header.Add(Unique(m.Name, "metric.", taken));
        }

        foreach (Parameter p in study.Space.Parameters)
        {
            header.Add(Unique(p.Name, "param.", taken));
        }

        header.Add(FailReason);
        return header;
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

    private static IEnumerable<string> Row(Study study, Trial trial)
    {
        yield return trial.Id.ToString(CultureInfo.InvariantCulture);
        yield return Text.StateName(trial.State);
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

        yield return trial.FailReason ?? string.Empty;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Value(object value) => value switch
    {
        double d => Number(d),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
