namespace Tuning;

/// <summary>
/// Declares an <see cref="int"/> property of a parameter class as an integer parameter in
/// [<see cref="Low"/>, <see cref="High"/>] for <see cref="SearchSpace.From{T}"/>.
/// </summary>
/// <example>
/// <code>
/// [IntRange(16, 512, Log = true)] public int BatchSize { get; set; }
/// [IntRange(0, 100, Step = 10)] public int WarmupSteps { get; set; }
/// </code>
/// </example>
/// <param name="low">The lower bound, inclusive.</param>
/// <param name="high">The upper bound, inclusive; greater than <paramref name="low"/>.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class IntRangeAttribute(int low, int high) : Attribute
{
    /// <summary>Gets the lower bound, inclusive.</summary>
    public int Low { get; } = low;

    /// <summary>Gets the upper bound, inclusive.</summary>
    public int High { get; } = high;

    /// <summary>Gets or sets a value indicating whether the parameter is searched on a logarithmic scale (<see cref="Low"/> ≥ 1).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Log { get; set; }

    /// <summary>Gets or sets the spacing of the values <c>Low + k·Step</c>; see <see cref="SearchSpaceBuilder.Int"/>.</summary>
    /// <value>The default is 1.</value>
    public int Step { get; set; } = 1;
}
