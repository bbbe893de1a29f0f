namespace Tuning;

/// <summary>
/// Makes a property of a parameter class a conditional parameter for <see cref="SearchSpace.From{T}"/>: it is active
/// only when the property named <see cref="Parent"/> takes one of <see cref="Values"/>. When it is inactive,
/// <see cref="TypedParameters.Bind{T}(Trial)"/> leaves it at its default.
/// </summary>
/// <example>
/// <code>
/// public Booster Booster { get; set; }                                       // an enum: a categorical
/// [FloatRange(0.01, 0.5, Log = true), ActiveWhen(nameof(Booster), Booster.Dart)]
/// public double? DropRate { get; set; }                                      // null unless Booster is Dart
/// </code>
/// </example>
/// <param name="parent">The name of the parent property (use <c>nameof</c>): a bool, an enum, an int range, or a property with <see cref="ChoicesAttribute"/>.</param>
/// <param name="values">
/// The parent's values, of the parent property's type (any numbers for a <see cref="double"/> or <see cref="float"/>
/// parent with <see cref="ChoicesAttribute"/>, as that attribute takes them), under which this property is active; at
/// least one.
/// </param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class ActiveWhenAttribute(string parent, params object[] values) : Attribute
{
    /// <summary>Gets the name of the parent property.</summary>
    public string Parent { get; } = parent;

    /// <summary>Gets the parent's values under which the property is active.</summary>
    public IReadOnlyList<object> Values { get; } = values ?? [];
}
