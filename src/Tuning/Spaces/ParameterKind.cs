namespace Tuning;

/// <summary>The type of values a <see cref="Parameter"/> takes.</summary>
public enum ParameterKind
{
    /// <summary>A real number in a range, optionally log-scaled or on a step grid.</summary>
    Float,

    /// <summary>An integer in a range, optionally log-scaled or on a step grid.</summary>
    Int,

    /// <summary>One of a fixed list of choices (strings, or <see langword="false"/>/<see langword="true"/>).</summary>
    Categorical,
}
