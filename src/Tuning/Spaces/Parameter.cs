using System.Globalization;

namespace Tuning;

/// <summary>
/// One hyperparameter of a <see cref="SearchSpace"/>: its name, kind, domain and optional condition.
/// Built by <see cref="SearchSpaceBuilder"/>; immutable.
/// </summary>
public sealed class Parameter
{
    internal Parameter(
        string name,
        ParameterKind kind,
        double low,
        double high,
        bool isLog,
        double? step,
        IReadOnlyList<string> choices,
        bool isBoolean,
        Condition? condition)
    {
        Name = name;
        Kind = kind;
        Low = low;
        High = high;
        IsLog = isLog;
        Step = step;
        Choices = choices;
        IsBoolean = isBoolean;
        Condition = condition;
    }

    /// <summary>Gets the parameter's name, unique within its space.</summary>
    public string Name { get; }

    /// <summary>Gets the kind of values the parameter takes.</summary>
    public ParameterKind Kind { get; }

    /// <summary>Gets the lower bound (inclusive) of a float or int parameter; 0 for a categorical.</summary>
    public double Low { get; }

    /// <summary>Gets the upper bound (inclusive) of a float or int parameter; the last index for a categorical.</summary>
    public double High { get; }

    /// <summary>Gets a value indicating whether the parameter is searched on a logarithmic scale.</summary>
    public bool IsLog { get; }

    /// <summary>
    /// Gets the step of the value grid <c>Low + k·Step</c>, or <see langword="null"/> for a continuous float.
    /// An int parameter without an explicit step has step 1.
    /// </summary>
    public double? Step { get; }

    /// <summary>Gets the choices of a categorical parameter (empty for floats and ints).</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>Gets a value indicating whether the parameter is the categorical <c>false</c>/<c>true</c>.</summary>
    public bool IsBoolean { get; }

    /// <summary>Gets the condition under which the parameter is active, or <see langword="null"/> if it always is.</summary>
    public Condition? Condition { get; }

    /// <summary>Gets the number of values a discrete parameter takes, or <see langword="null"/> for a continuous float.</summary>
    public long? Cardinality => Kind switch
    {
        ParameterKind.Categorical => Choices.Count,
        _ when Step is double step && !IsLog => (long)Math.Round((High - Low) / step) + 1,
        ParameterKind.Int => (long)(High - Low) + 1,
        _ => null,
    };

    /// <summary>Gets a value indicating whether the parameter takes finitely many values.</summary>
    public bool IsDiscrete => Kind != ParameterKind.Float || Step is not null;

    /// <inheritdoc />
    public override string ToString()
    {
        string domain = Kind switch
        {
            ParameterKind.Categorical => "{" + string.Join(", ", Choices) + "}",
            _ => string.Create(CultureInfo.InvariantCulture, $"[{Low}, {High}]")
                + (IsLog ? " log" : string.Empty)
                + (Step is double s ? string.Create(CultureInfo.InvariantCulture, $" step {s}") : string.Empty),
        };
        string when = Condition is null ? string.Empty : $" when {Condition}";
        return $"{Name}: {Kind.ToString().ToLowerInvariant()} {domain}{when}";
    }
}
