using System.Globalization;
using Tuning.Storage;

namespace Tuning;

/// <summary>
/// A quantity a trial measures, as in SigOpt: an objective to minimize or maximize, a constraint with thresholds,
/// or a stored value. A study has one or two objectives and any number of constraints and stored metrics.
/// </summary>
/// <example>
/// <code>
/// Metric[] metrics = [Metric.Maximize("accuracy"), Metric.Constraint("latency_ms", max: 20), Metric.Store("train_loss")];
/// </code>
/// </example>
public sealed class Metric
{
    private Metric(string name, MetricKind kind, double? min, double? max)
    {
        Name = CheckName(name);
        Kind = kind;
        Min = min;
        Max = max;
    }

    /// <summary>Gets the metric's name, unique within a study.</summary>
    public string Name { get; }

    /// <summary>Gets what the study does with the metric.</summary>
    public MetricKind Kind { get; }

    /// <summary>Gets a constraint's lower threshold (inclusive), or <see langword="null"/> if there is none.</summary>
    public double? Min { get; }

    /// <summary>Gets a constraint's upper threshold (inclusive), or <see langword="null"/> if there is none.</summary>
    public double? Max { get; }

    /// <summary>Gets a value indicating whether the metric is optimized (minimized or maximized).</summary>
    public bool IsObjective => Kind is MetricKind.Minimize or MetricKind.Maximize;

    /// <summary>An objective to minimize.</summary>
    /// <param name="name">The metric's name.</param>
    /// <returns>The metric.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is empty or white space, or holds a lone UTF-16 surrogate, which no storage can keep.
    /// </exception>
    public static Metric Minimize(string name) => new(name, MetricKind.Minimize, null, null);

    /// <summary>An objective to maximize.</summary>
    /// <param name="name">The metric's name.</param>
    /// <returns>The metric.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is empty or white space, or holds a lone UTF-16 surrogate, which no storage can keep.
    /// </exception>
    public static Metric Maximize(string name) => new(name, MetricKind.Maximize, null, null);

    /// <summary>A constraint: a trial is feasible only if the metric's value lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="name">The metric's name.</param>
    /// <param name="min">The lower threshold, inclusive; <see langword="null"/> (the default) for none.</param>
    /// <param name="max">The upper threshold, inclusive; <see langword="null"/> (the default) for none.</param>
    /// <returns>The metric.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is empty or white space, or holds a lone UTF-16 surrogate, which no storage can keep;
    /// neither threshold is given, a threshold is not finite, or <paramref name="min"/> &gt; <paramref name="max"/>.
    /// </exception>
    public static Metric Constraint(string name, double? min = null, double? max = null)
    {
        CheckName(name); // before the thresholds, whose messages quote it
        if (min is null && max is null)
        {
            throw new ArgumentException($"Constraint '{name}' has no threshold: give min:, max: or both.", nameof(min));
        }

        if (min is double lo && !double.IsFinite(lo))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Constraint '{name}' has a threshold min = {lo} that is not finite."), nameof(min));
        }

        if (max is double hi && !double.IsFinite(hi))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Constraint '{name}' has a threshold max = {hi} that is not finite."), nameof(max));
        }

        if (min > max)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Constraint '{name}' has min ({min:R}) > max ({max:R}): no value could satisfy it."),
                nameof(min));
        }

        return new Metric(name, MetricKind.Constraint, min, max);
    }

    /// <summary>A metric that is recorded with each trial but not optimized, such as a model's size or its training loss.</summary>
    /// <param name="name">The metric's name.</param>
    /// <returns>The metric.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is empty or white space, or holds a lone UTF-16 surrogate, which no storage can keep.
    /// </exception>
    public static Metric Store(string name) => new(name, MetricKind.Store, null, null);

    /// <summary>Gets whether a value satisfies this metric's thresholds (always true for a metric that is not a constraint).</summary>
    /// <param name="value">The measured value.</param>
    /// <returns><see langword="true"/> if the value lies within the thresholds.</returns>
    public bool IsSatisfiedBy(double value) =>
        Kind != MetricKind.Constraint || ((Min is not double lo || value >= lo) && (Max is not double hi || value <= hi));

    /// <summary>Gets whether a value of this objective is strictly better than another: smaller when minimized, larger when maximized.</summary>
    /// <param name="value">The value to judge.</param>
    /// <param name="other">The value to compare it with.</param>
    /// <returns><see langword="true"/> if <paramref name="value"/> is better; equal values are not.</returns>
    /// <exception cref="InvalidOperationException">The metric is a constraint or a stored metric, which has no better value.</exception>
    public bool IsBetter(double value, double other) => IsObjective
        ? StudyRules.IsBetter(this, value, other)
        : throw new InvalidOperationException($"The metric '{Name}' is a {Kind.ToString().ToLowerInvariant()} metric, not an objective: it has no better value.");

    /// <summary>Returns <paramref name="name"/> if a study can store it as a metric's name; throws otherwise.</summary>
    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        StoredText.ThrowIfNotValid(name, $"The metric name '{name}'", nameof(name));
        return name;
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        MetricKind.Constraint => string.Create(CultureInfo.InvariantCulture, $"{Name}: constraint {Min?.ToString("R", CultureInfo.InvariantCulture) ?? "-inf"} <= value <= {Max?.ToString("R", CultureInfo.InvariantCulture) ?? "+inf"}"),
        _ => $"{Name}: {Kind.ToString().ToLowerInvariant()}",
    };
}
