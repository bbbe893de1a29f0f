using System.Collections.ObjectModel;

namespace Tuning;

/// <summary>
/// An immutable set of hyperparameters, built by <see cref="SearchSpaceBuilder"/>, with a two-way encoding
/// between parameter values and the unit cube [0, 1]^<see cref="Count"/> that every suggester uses.
/// </summary>
/// <remarks>
/// The encoding has one coordinate per parameter, in declaration order. Log-scaled parameters are encoded in log
/// space. Ints, stepped floats and categoricals divide [0, 1] into one equal bin per value (ints and steps are
/// padded by half a step at each end), so a uniform coordinate picks every value with equal probability.
/// Decoding a point of the cube always gives a valid assignment, and <c>Decode(Encode(v))</c> returns <c>v</c>
/// unchanged for every assignment that <see cref="Decode"/> produced.
/// </remarks>
public sealed partial class SearchSpace
{
    private readonly Dictionary<string, int> _indexByName;
    private readonly int[] _decodeOrder;
    private readonly int[] _parentIndex;
    private readonly double[][] _activatingValues;

    internal SearchSpace(IReadOnlyList<Parameter> parameters, Fidelity? fidelity = null)
    {
        Parameters = new ReadOnlyCollection<Parameter>([.. parameters]);
        Fidelity = fidelity;
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < parameters.Count; i++)
        {
            _indexByName.Add(parameters[i].Name, i);
        }

        _parentIndex = new int[parameters.Count];
        _activatingValues = new double[parameters.Count][];
        for (int i = 0; i < parameters.Count; i++)
        {
            (_parentIndex[i], _activatingValues[i]) = ResolveCondition(parameters[i]);
        }

        _decodeOrder = TopologicalOrder();
        HasConditions = _parentIndex.Any(p => p >= 0);
    }

    /// <summary>Gets the parameters, in declaration order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// Gets the fidelity (how much of a training run a trial does, and its cost), or <see langword="null"/> if the space
    /// declares none. The fidelity is not among <see cref="Parameters"/> and not in the unit-cube encoding.
    /// </summary>
    public Fidelity? Fidelity { get; }

    /// <summary>Gets the number of parameters, which is also the dimension of the unit-cube encoding.</summary>
    public int Count => Parameters.Count;

    /// <summary>Gets a value indicating whether any parameter is conditional.</summary>
    public bool HasConditions { get; }

    /// <summary>Gets the parameter with the given name.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentException">The space has no parameter of that name.</exception>
    public Parameter this[string name] => Parameters[IndexOf(name)];

    /// <summary>Gets the position of the named parameter, which is also its coordinate in the encoding.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The zero-based index.</returns>
    /// <exception cref="ArgumentException">The space has no parameter of that name.</exception>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_indexByName.TryGetValue(name, out int index))
        {
            return index;
        }

        throw new ArgumentException(NoParameter(name), nameof(name));
    }

    /// <summary>Gets a value indicating whether the space has a parameter of the given name.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns><see langword="true"/> if the parameter exists.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool Contains(string name) => _indexByName.ContainsKey(name ?? throw new ArgumentNullException(nameof(name)));

    /// <summary>Decodes a point of the unit cube into a valid assignment of the parameters.</summary>
    /// <param name="unit">One coordinate per parameter; values outside [0, 1] are clamped, NaN reads as 0.5.</param>
    /// <returns>
    /// The assignment, at the target fidelity if the space declares one; a parameter whose condition does not hold is
    /// inactive and its coordinate is ignored.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="unit"/> does not have <see cref="Count"/> coordinates.</exception>
    public ParameterValues Decode(ReadOnlySpan<double> unit)
    {
        if (unit.Length != Count)
        {
            throw new ArgumentException($"The point has {unit.Length} coordinates; the space has {Count} parameters.", nameof(unit));
        }

        var raw = new double[Count];
        foreach (int i in _decodeOrder)
        {
            raw[i] = IsActive(i, raw) ? ParameterCodec.Decode(Parameters[i], unit[i]) : double.NaN;
        }

        return new ParameterValues(this, raw);
    }

    /// <summary>Encodes an assignment into the unit cube.</summary>
    /// <param name="values">An assignment of this space.</param>
    /// <returns>One coordinate in [0, 1] per parameter, or NaN for a parameter that is inactive.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> belongs to another space.</exception>
    public double[] Encode(ParameterValues values)
    {
        var unit = new double[Count];
        Encode(values, unit, double.NaN);
        return unit;
    }

    /// <summary>
    /// Creates an assignment from values given by name: numbers for floats (of any numeric type), whole numbers for ints
    /// (of any integer type, or a double such as 3.0), strings for categoricals (or bools for
    /// <see cref="SearchSpaceBuilder.Bool"/> parameters); a <see cref="System.Text.Json.JsonElement"/> (what System.Text.Json
    /// reads into an object) counts as the number, string or bool it holds.
    /// </summary>
    /// <param name="values">
    /// A value for every parameter that is active under the given values, and none (or null) for the others; optionally
    /// the fidelity's value under its name (a number for a range, as for a parameter; a task name for tasks), else (or
    /// for null) the target fidelity.
    /// </param>
    /// <returns>The validated assignment (values on a step grid are snapped exactly onto it).</returns>
    /// <exception cref="ArgumentException">
    /// A name is unknown, an active parameter is missing or null, an inactive one is given a value, or a value (the
    /// fidelity's included) has the wrong type or lies outside its domain.
    /// </exception>
    public ParameterValues CreateValues(IReadOnlyDictionary<string, object> values) => Assign(values, nameof(values));

    /// <summary>
    /// <see cref="CreateValues(IReadOnlyDictionary{string, object})"/> for a public method whose parameter
    /// <paramref name="paramName"/> gave the values: every <see cref="ArgumentException"/> names it.
    /// </summary>
    internal ParameterValues Assign(IReadOnlyDictionary<string, object> values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        foreach (string name in values.Keys)
        {
            if (!_indexByName.ContainsKey(name) && name != Fidelity?.Name)
            {
                throw new ArgumentException(NoParameter(name), paramName);
            }
        }

        var raw = new double[Count];
        foreach (int i in _decodeOrder)
        {
            Parameter p = Parameters[i];
            // Null is no value: an anonymous object or a dictionary of nullable values gives an inactive one as null, as
            // a parameter class's nullable property holds it.
            bool given = values.TryGetValue(p.Name, out object? value) && !JsonElementValue.IsNull(value);
            if (!IsActive(i, raw))
            {
                if (given)
                {
                    throw new ArgumentException($"Parameter '{p.Name}' is given but inactive: its condition {p.Condition} does not hold.", paramName);
                }

                raw[i] = double.NaN;
                continue;
            }

            if (!given)
            {
                throw new ArgumentException(
                    values.ContainsKey(p.Name) ? $"Parameter '{p.Name}' is active but has no value: it is null." : $"Parameter '{p.Name}' is active but has no value.",
                    paramName);
            }

            raw[i] = ToRaw(p, value, paramName);
        }

        FidelityLevel? fidelity = null;
        if (Fidelity is not null)
        {
            fidelity = values.TryGetValue(Fidelity.Name, out object? given) && !JsonElementValue.IsNull(given) ? Fidelity.ToLevel(given, paramName) : Fidelity.Target;
        }

        return new ParameterValues(this, raw, fidelity);
    }

    /// <summary>Returns the declaration of every parameter, one per line.</summary>
    /// <returns>A readable description of the space, and its fidelity on the last line if it declares one.</returns>
    public override string ToString() =>
        string.Join(Environment.NewLine, Fidelity is null ? Parameters.Select(p => p.ToString()) : [.. Parameters.Select(p => p.ToString()), Fidelity.ToString()]);

    /// <summary>
    /// Says that <paramref name="name"/> names no parameter and lists the parameters; for the fidelity's name, where a
    /// trial's fidelity is read instead (the fidelity is not a parameter, though values are given under its name).
    /// </summary>
    internal string NoParameter(string name)
    {
        string parameters = string.Join(", ", Parameters.Select(p => p.Name));
        return Fidelity is Fidelity fidelity && fidelity.Name == name
            ? $"'{name}' is the space's fidelity, not one of its parameters ({parameters}): read a trial's with trial.{(fidelity.IsTasks ? "Task" : "Fidelity")}."
            : $"The search space has no parameter '{name}'. Its parameters are: {parameters}.";
    }

    /// <summary>Encodes into <paramref name="destination"/>, writing <paramref name="inactive"/> for inactive parameters.</summary>
    internal void Encode(ParameterValues values, Span<double> destination, double inactive)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!ReferenceEquals(values.Space, this) && !values.Space.IsEquivalentTo(this))
        {
            throw new ArgumentException("The values belong to another search space.", nameof(values));
        }

        for (int i = 0; i < Count; i++)
        {
            double r = values.Raw[i];
            destination[i] = double.IsNaN(r) ? inactive : ParameterCodec.Encode(Parameters[i], r);
        }
    }

    /// <summary>
    /// Moves a point of the cube to the canonical coordinates of the assignment it decodes to: discrete coordinates to
    /// the centre of their value's bin, continuous ones clamped into [0, 1], inactive ones NaN. Allocation-free: the
    /// caller passes scratch space for the raw values.
    /// </summary>
    internal void Canonicalize(ReadOnlySpan<double> unit, Span<double> raw, Span<double> canonical)
    {
        foreach (int i in _decodeOrder)
        {
            if (!IsActive(i, raw))
            {
                raw[i] = double.NaN;
                canonical[i] = double.NaN;
                continue;
            }

            Parameter p = Parameters[i];
            double u = double.IsNaN(unit[i]) ? 0.5 : Math.Clamp(unit[i], 0, 1);
            if (p.Kind == ParameterKind.Float && p.Step is null)
            {
                raw[i] = 0; // any non-NaN value: continuous parameters are never parents
                canonical[i] = u;
            }
            else
            {
                raw[i] = ParameterCodec.Decode(p, u);
                canonical[i] = ParameterCodec.Encode(p, raw[i]);
            }
        }
    }

    /// <summary>Gets whether two spaces declare the same parameters in the same order.</summary>
    internal bool IsEquivalentTo(SearchSpace other) =>
        ReferenceEquals(this, other) || SearchSpaceDescription.Of(this) == SearchSpaceDescription.Of(other);

    private static double ToRaw(Parameter p, object? value, string paramName)
    {
        value = JsonElementValue.Unwrap(value);
        double raw;
        switch (p.Kind)
        {
            case ParameterKind.Float:
                raw = NumericValue.TryReal(value, out double real) ? real : throw WrongType(p, value, "a double", paramName);
                break;
            case ParameterKind.Int:
                raw = NumericValue.TryInteger(value, out double integer) ? integer : throw WrongType(p, value, "an int", paramName);
                break;
            default:
                raw = p.IsBoolean
                    ? value switch
                    {
                        bool b => b ? 1 : 0,
                        string s when bool.TryParse(s, out bool b) => b ? 1 : 0,
                        _ => throw WrongType(p, value, "a bool", paramName),
                    }
                    : value switch
                    {
                        string s => IndexOfChoice(p, s, paramName),
                        _ => throw WrongType(p, value, "a string", paramName),
                    };
                break;
        }

        if (!ParameterCodec.TryNormalize(p, raw, out double normalized))
        {
            string domain = p.Step is double step && p.Kind == ParameterKind.Float
                ? $"[{p.Low}, {p.High}] on the grid {p.Low} + k·{step}"
                : p.Kind == ParameterKind.Int && p.Step is double intStep && intStep != 1
                    ? $"[{p.Low}, {p.High}] on the grid {p.Low} + k·{intStep}"
                    : $"[{p.Low}, {p.High}]";
            throw new ArgumentException($"Parameter '{p.Name}' has the value {value}, outside its domain {domain}.", paramName);
        }

        return normalized;
    }

    private static double IndexOfChoice(Parameter p, string choice, string paramName)
    {
        for (int i = 0; i < p.Choices.Count; i++)
        {
            if (p.Choices[i] == choice)
            {
                return i;
            }
        }

        throw new ArgumentException($"Parameter '{p.Name}' has no choice '{choice}'; its choices are {string.Join(", ", p.Choices)}.", paramName);
    }

    private static ArgumentException WrongType(Parameter p, object? value, string expected, string paramName) =>
        new($"Parameter '{p.Name}' is {p.Kind.ToString().ToLowerInvariant()} and takes {expected}; got '{value}' ({value?.GetType().Name ?? "null"}).", paramName);
}
