namespace Tuning;

/// <summary>
/// The rules of a trial's life that every storage applies the same way: how a trial starts, is finished (once, or again
/// with the very same result), receives reports (steps increasing, while it runs), takes attributes, and is failed when
/// its worker stops sending heartbeats. Each rule returns a new <see cref="StoredTrial"/>, or the given one unchanged
/// when the change would leave it as it was, so a storage writes only real changes and a retried call is harmless.
/// </summary>
/// <remarks>
/// <see cref="TransactionalStudyStorage"/> applies these rules for its subclasses; a storage that implements
/// <see cref="IStudyStorage"/> directly should apply them too, and the conformance suite of the Tuning.Storage.Testing
/// package checks that it does.
/// </remarks>
public static class TrialTransitions
{
    /// <summary>The failure reason of a trial whose worker stopped sending heartbeats.</summary>
    public const string StaleReason = "stale: no heartbeat from its worker within the grace period";

    /// <summary>A new running trial, started and alive at <paramref name="now"/>, with no revision yet.</summary>
    /// <param name="number">The trial's number in its study.</param>
    /// <param name="parameters">Its parameters as a JSON object.</param>
    /// <param name="now">The start time, also its first heartbeat.</param>
    /// <returns>The trial.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public static StoredTrial Start(int number, string parameters, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentNullException.ThrowIfNull(parameters);
        return new StoredTrial
        {
            Number = number,
            State = TrialState.Running,
            Parameters = parameters,
            StartedAt = now,
            HeartbeatAt = now,
        };
    }

    /// <summary>
    /// Finishes <paramref name="current"/>: a running trial takes the new state, values and reason; a trial finished the
    /// same way already (same state, same values) is returned unchanged, so a retried tell is harmless; anything else is refused.
    /// </summary>
    /// <param name="current">The trial as stored.</param>
    /// <param name="state">The final state: completed, failed or pruned.</param>
    /// <param name="values">The told values (empty for a failure).</param>
    /// <param name="failReason">Why the trial failed, for a failure.</param>
    /// <param name="now">The finish time.</param>
    /// <returns>The finished trial, or <paramref name="current"/> itself if it was already finished this way.</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> is <see cref="TrialState.Running"/>.</exception>
    /// <exception cref="InvalidOperationException">The trial is already finished with another state or other values.</exception>
    public static StoredTrial Finish(
        StoredTrial current, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(values);
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

    /// <summary>Fails a running trial whose worker stopped sending heartbeats, with <see cref="StaleReason"/>.</summary>
    /// <param name="current">The running trial as stored.</param>
    /// <param name="now">The finish time.</param>
    /// <returns>The failed trial, or <paramref name="current"/> itself if it was already failed as stale.</returns>
    /// <exception cref="InvalidOperationException">The trial is already finished otherwise.</exception>
    public static StoredTrial FailStale(StoredTrial current, DateTimeOffset now) =>
        Finish(current, TrialState.Failed, new Dictionary<string, double>(), StaleReason, now);

    /// <summary>Appends a report to a running trial whose earlier steps are all smaller; the report is also a heartbeat.</summary>
    /// <param name="current">The running trial as stored.</param>
    /// <param name="report">The step and value.</param>
    /// <param name="now">The time, recorded as the trial's heartbeat.</param>
    /// <returns>The trial with the report.</returns>
    /// <exception cref="InvalidOperationException">The trial is finished.</exception>
    /// <exception cref="ArgumentException">The value is not finite, or the step is negative or does not increase.</exception>
    public static StoredTrial AddReport(StoredTrial current, TrialReport report, DateTimeOffset now)
    {
        CheckReport(current, report.Step, report.Value);
        return current with
        {
            Reports = [.. current.Reports, report],
            HeartbeatAt = now,
        };
    }

    /// <summary>Checks that a report of <paramref name="value"/> at <paramref name="step"/> can be added to <paramref name="current"/>.</summary>
    /// <param name="current">The trial as stored.</param>
    /// <param name="step">The step, as <see cref="Trial.Report"/> takes it.</param>
    /// <param name="value">The value, as <see cref="Trial.Report"/> takes it.</param>
    /// <exception cref="InvalidOperationException">The trial is finished.</exception>
    /// <exception cref="ArgumentException">The value is not finite, or the step is negative or does not increase.</exception>
    public static void CheckReport(StoredTrial current, long step, double value)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.State != TrialState.Running)
        {
            throw new InvalidOperationException(
                $"Trial {current.Number} is already {current.State.ToString().ToLowerInvariant()}; reports are accepted only while it runs.");
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Trial {current.Number} reported {value} at step {step}; values must be finite.", nameof(value));
        }

        if (step < 0)
        {
            throw new ArgumentException($"Trial {current.Number} reported the negative step {step}.", nameof(step));
        }

        if (current.Reports.Count > 0 && step <= current.Reports[^1].Step)
        {
            throw new ArgumentException(
                $"Trial {current.Number} reported step {step} after step {current.Reports[^1].Step}; steps must increase.",
                nameof(step));
        }
    }

    /// <summary>Sets a user attribute, in any state.</summary>
    /// <param name="current">The trial as stored.</param>
    /// <param name="key">The attribute's name; not empty.</param>
    /// <param name="value">The attribute's value.</param>
    /// <returns>The trial with the attribute, or <paramref name="current"/> itself if it already had that value.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public static StoredTrial SetAttribute(StoredTrial current, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return current.Attributes.TryGetValue(key, out string? old) && old == value
            ? current
            : current with { Attributes = new Dictionary<string, string>(current.Attributes, StringComparer.Ordinal) { [key] = value } };
    }

    /// <summary>The values a pruned trial keeps: its last report as the value of the first objective.</summary>
    internal static Dictionary<string, double> PrunedValues(StoredTrial current, string objective)
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
