namespace Tuning;

/// <summary>
/// Declares a property of a parameter class as a categorical parameter that takes one of the given values, for
/// <see cref="SearchSpace.From{T}"/>: strings for a <see cref="string"/> property, ints for an <see cref="int"/>,
/// numbers for a <see cref="double"/> or <see cref="float"/>, and members of the enum for an enum property (a subset of
/// its members; without the attribute an enum takes all of them).
/// </summary>
/// <example>
/// <code>
/// [Choices("adam", "sgd", "rmsprop")] public string Optimizer { get; set; } = "adam";
/// [Choices(32, 64, 128)] public int BatchSize { get; set; }
/// </code>
/// </example>
/// <remarks>
/// The parameter's choices are the values written invariantly (<c>"64"</c>, <c>"0.5"</c>, an enum member's name);
/// <see cref="TypedParameters.Bind{T}(Trial)"/> converts them back to the property's type.
/// </remarks>
/// <param name="values">The values, at least one, distinct, of the property's type.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class ChoicesAttribute(params object[] values) : Attribute
{
    /// <summary>Gets the values the parameter takes.</summary>
    public IReadOnlyList<object> Values { get; } = values ?? [];
}
