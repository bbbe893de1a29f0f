namespace Tuning;

/// <summary>
/// Declares a <see cref="double"/> or <see cref="float"/> property of a parameter class as a float parameter in
/// [<see cref="Low"/>, <see cref="High"/>] for <see cref="SearchSpace.From{T}"/>.
/// </summary>
/// <example>
/// <code>
/// [FloatRange(1e-5, 1e-1, Log = true)] public double LearningRate { get; set; }
/// [FloatRange(0.0, 0.5, Step = 0.05)] public float Dropout { get; set; }
/// </code>
/// </example>
/// <param name="low">The lower bound, inclusive.</param>
/// <param name="high">The upper bound, inclusive; greater than <paramref name="low"/>.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class FloatRangeAttribute(double low, double high) : Attribute
{
    /// <summary>Gets the lower bound, inclusive.</summary>
    public double Low { get; } = low;

    /// <summary>Gets the upper bound, inclusive.</summary>
    public double High { get; } = high;

    /// <summary>Gets or sets a value indicating whether the parameter is searched on a logarithmic scale (both bounds positive).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Log { get; set; }

    /// <summary>
    /// Gets or sets the spacing of the values <c>Low + k·Step</c>, or 0 for a continuous parameter; see
    /// <see cref="SearchSpaceBuilder.Float"/>. A step cannot be combined with <see cref="Log"/>.
    /// </summary>
    /// <value>The default is 0 (continuous).</value>
    public double Step { get; set; }
}
