using System.Collections;

namespace Tuning;

/// <summary>The values a trial measured, by metric name; what <see cref="Study.Tell(Trial, Measurements)"/> records.</summary>
/// <example>
/// <code>
/// study.Tell(trial, new Measurements { ["accuracy"] = 0.93, ["latency_ms"] = 12.5 });
/// </code>
/// </example>
public sealed class Measurements : IReadOnlyDictionary<string, double>
{
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);

    /// <summary>Gets the number of values.</summary>
    public int Count => _values.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<double> Values => _values.Values;

    /// <summary>Gets or sets the value of a metric.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="metric"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">On set, <paramref name="metric"/> is empty or white space.</exception>
    /// <exception cref="KeyNotFoundException">On get, no value was set for <paramref name="metric"/>.</exception>
    public double this[string metric]
    {
        get => _values.TryGetValue(metric ?? throw new ArgumentNullException(nameof(metric)), out double value)
            ? value
            : throw new KeyNotFoundException($"No value was measured for the metric '{metric}'.");
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(metric);
            _values[metric] = value;
        }
    }

    /// <summary>Adds the value of a metric (for collection initializers).</summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="value">The measured value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="metric"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is empty or white space, or a value for it is already set.</exception>
    public void Add(string metric, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        if (!_values.TryAdd(metric, value))
        {
            throw new ArgumentException($"The metric '{metric}' is given twice.", nameof(metric));
        }
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out double value) => _values.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => _values.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
