namespace Tuning;

/// <summary>The rules every storage applies when a trial changes, so that all storages behave alike.</summary>
internal static class TrialTransitions
{
    /// <summary>
    /// Applies a finish to <paramref name="current"/>: a running trial takes the new state; a trial finished the same
    /// way already is returned unchanged (so a retried tell is harmless); anything else is refused.
    /// </summary>
    public static StoredTrial Finish(
        StoredTrial current, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now)
    {
        if (state == TrialState.Running)
        {
            throw new ArgumentException("A trial cannot be finished as Running.", nameof(state));
        }

        if (current.State != TrialState.Running)
        {
            if (current.State == state && SameValues(current.Values, values))
            {
                return current;
            }

            throw new InvalidOperationException(
                $"Trial {current.Number} is already {current.State.ToString().ToLowerInvariant()}; it cannot be {Verb(state)} again with a different result.");
        }

        return current with
        {
            State = state,
            Values = new Dictionary<string, double>(values, StringComparer.Ordinal),
            FailReason = failReason,
            FinishedAt = now,
        };
    }

    /// <summary>Appends a report to a running trial whose steps so far are all smaller.</summary>
    public static StoredTrial AddReport(StoredTrial current, TrialReport report, DateTimeOffset now)
    {
        CheckReport(current, report);
        return current with
        {
            Reports = [.. current.Reports, report],
            HeartbeatAt = now,
        };
    }

    /// <summary>Throws if <paramref name="report"/> cannot be added to <paramref name="current"/>.</summary>
    public static void CheckReport(StoredTrial current, TrialReport report)
    {
        if (current.State != TrialState.Running)
        {
            throw new InvalidOperationException(
                $"Trial {current.Number} is already {current.State.ToString().ToLowerInvariant()}; reports are accepted only while it runs.");
        }

        if (!double.IsFinite(report.Value))
        {
            throw new ArgumentException($"Trial {current.Number} reported {report.Value} at step {report.Step}; values must be finite.", nameof(report));
        }

        if (report.Step < 0)
        {
            throw new ArgumentException($"Trial {current.Number} reported the negative step {report.Step}.", nameof(report));
        }

        if (current.Reports.Count > 0 && report.Step <= current.Reports[^1].Step)
        {
            throw new ArgumentException(
                $"Trial {current.Number} reported step {report.Step} after step {current.Reports[^1].Step}; steps must increase.",
                nameof(report));
        }
    }

    /// <summary>The values a pruned trial keeps: its last report as the value of the first objective.</summary>
    public static Dictionary<string, double> PrunedValues(StoredTrial current, string objective)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (current.Reports.Count > 0)
        {
            values[objective] = current.Reports[^1].Value;
        }

        return values;
    }

    private static bool SameValues(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out double v) && v.Equals(kv.Value));

    private static string Verb(TrialState state) => state switch
    {
        TrialState.Completed => "told",
        TrialState.Failed => "failed",
        _ => "pruned",
    };
}
