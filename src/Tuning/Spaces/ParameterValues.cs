using System.Globalization;

namespace Tuning;

/// <summary>
/// An assignment of values to the parameters of a <see cref="SearchSpace"/>: one point of the space.
/// Immutable; two assignments are equal when they hold the same values.
/// </summary>
public sealed partial class ParameterValues : IEquatable<ParameterValues>
{
    internal ParameterValues(SearchSpace space, double[] raw)
        : this(space, raw, space.Fidelity?.Target)
    {
    }

    internal ParameterValues(SearchSpace space, double[] raw, FidelityLevel? fidelity)
    {
        Space = space;
        Raw = raw;
        Level = fidelity;
    }

    /// <summary>Gets the space the values belong to.</summary>
    public SearchSpace Space { get; }

    /// <summary>
    /// Gets the raw value of each parameter in declaration order: the value of a float or int, the index of a
    /// categorical's choice, and NaN for an inactive parameter.
    /// </summary>
    internal double[] Raw { get; }

    /// <summary>Gets the fidelity setting, or null if the space declares no fidelity.</summary>
    internal FidelityLevel? Level { get; }

    /// <summary>Gets the value of the named parameter: a <see cref="double"/>, an <see cref="int"/>, a <see cref="string"/> or a <see cref="bool"/>.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentException">The space has no parameter of that name.</exception>
    /// <exception cref="InvalidOperationException">The parameter is inactive in this assignment.</exception>
    public object this[string name] => Box(ActiveIndex(name));

    /// <summary>Gets a value indicating whether the named parameter is active (its condition holds).</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns><see langword="true"/> if the parameter has a value in this assignment.</returns>
    /// <exception cref="ArgumentException">The space has no parameter of that name.</exception>
    public bool IsActive(string name) => !double.IsNaN(Raw[Space.IndexOf(name)]);

    /// <summary>Gets the value of a float parameter, or of an int parameter as a double.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The space has no parameter of that name, or it is categorical.</exception>
    /// <exception cref="InvalidOperationException">The parameter is inactive in this assignment.</exception>
    public double GetDouble(string name) => Raw[ActiveIndex(name, ParameterKind.Float, nameof(GetDouble), alsoInt: true)];

    /// <summary>
    /// Gets the value of a float or int parameter as a <see cref="float"/>, the type of most ML.NET trainer options
    /// (rounded to the nearest float).
    /// </summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The space has no parameter of that name, or it is categorical.</exception>
    /// <exception cref="InvalidOperationException">The parameter is inactive in this assignment.</exception>
    /// <exception cref="OverflowException">
    /// The value lies beyond a float's range (its magnitude above <see cref="float.MaxValue"/>, or not zero yet below the
    /// smallest float, as a log parameter's can be); read it with <see cref="GetDouble"/>.
    /// </exception>
    public float GetFloat(string name)
    {
        double value = Raw[ActiveIndex(name, ParameterKind.Float, nameof(GetFloat), alsoInt: true)];
        float rounded = (float)value;
        if (float.IsInfinity(rounded) || (rounded == 0 && value != 0))
        {
            throw new OverflowException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Parameter '{name}' is {value:R}, which a float cannot hold (it would read as {rounded}); read it with GetDouble, or narrow its range."));
        }

        return rounded;
    }

    /// <summary>Gets the value of an int parameter.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The space has no parameter of that name, or it is not an int.</exception>
    /// <exception cref="InvalidOperationException">The parameter is inactive in this assignment.</exception>
    public int GetInt(string name) => (int)Raw[ActiveIndex(name, ParameterKind.Int, nameof(GetInt))];

    /// <summary>Gets the chosen value of a categorical parameter (for a bool parameter, "false" or "true").</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The chosen value.</returns>
    /// <exception cref="ArgumentException">The space has no parameter of that name, or it is not categorical.</exception>
    /// <exception cref="InvalidOperationException">The parameter is inactive in this assignment.</exception>
    public string GetString(string name)
    {
        int i = ActiveIndex(name, ParameterKind.Categorical, nameof(GetString));
        return Space.Parameters[i].Choices[(int)Raw[i]];
    }

    /// <summary>Gets the value of a bool parameter declared with <see cref="SearchSpaceBuilder.Bool"/>.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The space has no parameter of that name, or it is not a bool.</exception>
    /// <exception cref="InvalidOperationException">The parameter is inactive in this assignment.</exception>
    public bool GetBool(string name)
    {
        int i = ActiveIndex(name, ParameterKind.Categorical, nameof(GetBool));
        if (!Space.Parameters[i].IsBoolean)
        {
            throw new ArgumentException($"Parameter '{name}' is a categorical of strings, not a bool; use GetString.", nameof(name));
        }

        return Raw[i] != 0;
    }

    /// <summary>
    /// Returns the active parameters and their values (see the indexer for the value types), in declaration order, then
    /// the fidelity's value under its name if the space declares one (as <see cref="SearchSpace.CreateValues"/> reads it).
    /// </summary>
    /// <returns>A new dictionary; inactive parameters are left out.</returns>
    public IReadOnlyDictionary<string, object> ToDictionary()
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        for (int i = 0; i < Raw.Length; i++)
        {
            if (!double.IsNaN(Raw[i]))
            {
                result.Add(Space.Parameters[i].Name, Box(i));
            }
        }

        if (Space.Fidelity is Fidelity fidelity)
        {
            result.Add(fidelity.Name, fidelity.Box(Level!.Value));
        }

        return result;
    }

    /// <inheritdoc />
    public bool Equals(ParameterValues? other)
    {
        if (other is null || other.Raw.Length != Raw.Length || !Level.Equals(other.Level))
        {
            return false;
        }

        for (int i = 0; i < Raw.Length; i++)
        {
            if (!Raw[i].Equals(other.Raw[i]))
            {
                return false;
            }
        }

        return ReferenceEquals(Space, other.Space) || Space.IsEquivalentTo(other.Space);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ParameterValues);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Level);
        foreach (double r in Raw)
        {
            hash.Add(r);
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns the active values as <c>name=value</c> pairs.</summary>
    /// <returns>For example <c>learning_rate=0.001, optimizer=adam</c>.</returns>
    public override string ToString() =>
        string.Join(", ", ToDictionary().Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={FormatValue(kv.Value)}")));

    private static string FormatValue(object value) => value switch
    {
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private object Box(int i)
    {
        Parameter p = Space.Parameters[i];
        return p.Kind switch
        {
            ParameterKind.Float => Raw[i],
            ParameterKind.Int => (int)Raw[i],
            _ when p.IsBoolean => Raw[i] != 0,
            _ => p.Choices[(int)Raw[i]],
        };
    }

    private int ActiveIndex(string name)
    {
        int i = Space.IndexOf(name);
        if (double.IsNaN(Raw[i]))
        {
            throw new InvalidOperationException(
                $"Parameter '{name}' is inactive here: its condition {Space.Parameters[i].Condition} does not hold. Check IsActive(\"{name}\") first.");
        }

        return i;
    }

    private int ActiveIndex(string name, ParameterKind kind, string getter, bool alsoInt = false)
    {
        int i = Space.IndexOf(name);
        Parameter p = Space.Parameters[i];
        if (p.Kind != kind && !(alsoInt && p.Kind == ParameterKind.Int))
        {
            string right = p.Kind switch
            {
                ParameterKind.Float => nameof(GetDouble),
                ParameterKind.Int => nameof(GetInt),
                _ when p.IsBoolean => nameof(GetBool),
                _ => nameof(GetString),
            };
            throw new ArgumentException($"Parameter '{name}' is {Article(p.Kind)}, so {getter} cannot read it; use {right}.", nameof(name));
        }

        return ActiveIndex(name);
    }

    private static string Article(ParameterKind kind) => kind switch
    {
        ParameterKind.Float => "a float",
        ParameterKind.Int => "an int",
        _ => "a categorical",
    };
}
