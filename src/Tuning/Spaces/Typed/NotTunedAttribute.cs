namespace Tuning;

/// <summary>
/// Leaves a settable property of a parameter class out of the space that <see cref="SearchSpace.From{T}"/> builds:
/// <see cref="TypedParameters.Bind{T}(Trial)"/> keeps its default. Without it, a settable property that has no range
/// (and is not a bool or an enum) is an error.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class NotTunedAttribute : Attribute
{
}
