using System.Globalization;
using System.Reflection;

namespace Tuning;

/// <summary>
/// One tuned property of a parameter class: how <see cref="SearchSpace.From{T}"/> declares it, and how a parameter's
/// value becomes the property's value and back. Built and validated by <see cref="TypedSpaceModel"/>.
/// </summary>
internal sealed class TypedProperty
{
    private readonly FloatRangeAttribute? _floatRange;
    private readonly IntRangeAttribute? _intRange;
    private readonly string[] _choiceNames;
    private readonly object[] _choiceValues;

    private TypedProperty(PropertyInfo property, Type valueType, ParameterKind kind, FloatRangeAttribute? floatRange, IntRangeAttribute? intRange, string[] choiceNames, object[] choiceValues, ActiveWhenAttribute? activeWhen)
    {
        Property = property;
        ValueType = valueType;
        Kind = kind;
        _floatRange = floatRange;
        _intRange = intRange;
        _choiceNames = choiceNames;
        _choiceValues = choiceValues;
        ActiveWhen = activeWhen;
    }

    /// <summary>Gets the property's name, which is the parameter's name.</summary>
    public string Name => Property.Name;

    /// <summary>Gets the property.</summary>
    public PropertyInfo Property { get; }

    /// <summary>Gets the property's type without <see cref="Nullable{T}"/>.</summary>
    public Type ValueType { get; }

    /// <summary>Gets the kind of parameter the property becomes.</summary>
    public ParameterKind Kind { get; }

    /// <summary>Gets the condition under which the property is active, or <see langword="null"/>.</summary>
    public ActiveWhenAttribute? ActiveWhen { get; }

    /// <summary>Gets a value indicating whether the property is a bool (a <see cref="SearchSpaceBuilder.Bool"/> parameter).</summary>
    public bool IsBoolean => ValueType == typeof(bool);

    /// <summary>
    /// Reads a property's attributes (from the property and from a constructor parameter of the same name) and decides
    /// what parameter it becomes, or <see langword="null"/> if it is not tuned.
    /// </summary>
    /// <exception cref="ArgumentException">The attributes do not fit the property's type, or a tunable property has no range.</exception>
    public static TypedProperty? Read(Type owner, PropertyInfo property, IReadOnlyList<Attribute> attributes)
    {
        var floatRange = attributes.OfType<FloatRangeAttribute>().FirstOrDefault();
        var intRange = attributes.OfType<IntRangeAttribute>().FirstOrDefault();
        var choices = attributes.OfType<ChoicesAttribute>().FirstOrDefault();
        var activeWhen = attributes.OfType<ActiveWhenAttribute>().FirstOrDefault();
        bool notTuned = attributes.OfType<NotTunedAttribute>().Any();
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        string where = $"Property '{owner.Name}.{property.Name}' ({TypeName(property.PropertyType)})";

        int declared = (floatRange is null ? 0 : 1) + (intRange is null ? 0 : 1) + (choices is null ? 0 : 1);
        if (notTuned)
        {
            if (declared > 0 || activeWhen is not null)
            {
                throw Misuse($"{where} is [NotTuned] and also has a range, [Choices] or [ActiveWhen]; keep one.");
            }

            return null;
        }

        if (declared > 1)
        {
            throw Misuse($"{where} has more than one of [FloatRange], [IntRange] and [Choices]; give it one.");
        }

        if (type == typeof(string) && (floatRange is not null || intRange is not null))
        {
            throw Misuse($"{where} has a range attribute, but a string cannot take a range: give it [Choices(\"a\", \"b\", …)].");
        }

        if (choices is not null)
        {
            (string[] names, object[] values) = ReadChoices(where, type, choices);
            return new TypedProperty(property, type, ParameterKind.Categorical, null, null, names, values, activeWhen);
        }

        if (type == typeof(double) || type == typeof(float))
        {
            if (type == typeof(float) && floatRange is not null && (!FitsFloat(floatRange.Low) || !FitsFloat(floatRange.High)))
            {
                throw Misuse($"{where} is a float, but its range [{floatRange.Low.ToString(CultureInfo.InvariantCulture)}, {floatRange.High.ToString(CultureInfo.InvariantCulture)}] exceeds what a float holds (magnitudes up to about 3.4e38, and down to about 1.4e-45 but for 0); make the property a double.");
            }

            return floatRange is not null
                ? new TypedProperty(property, type, ParameterKind.Float, floatRange, null, [], [], activeWhen)
                : throw Misuse(intRange is not null
                    ? $"{where} has [IntRange]; a {TypeName(type)} takes [FloatRange(low, high)]."
                    : $"{where} has no range: add [FloatRange(low, high)] or [Choices(…)], or [NotTuned] to leave it out.");
        }

        if (type == typeof(int))
        {
            return intRange is not null
                ? new TypedProperty(property, type, ParameterKind.Int, null, intRange, [], [], activeWhen)
                : throw Misuse(floatRange is not null
                    ? $"{where} has [FloatRange]; an int takes [IntRange(low, high)]."
                    : $"{where} has no range: add [IntRange(low, high)] or [Choices(…)], or [NotTuned] to leave it out.");
        }

        if (type == typeof(bool) || type.IsEnum)
        {
            if (declared > 0)
            {
                throw Misuse($"{where} has a range; {(type.IsEnum ? "an enum" : "a bool")} is a categorical by itself and takes none.");
            }

            if (type.IsEnum && Enum.GetValues(type).Cast<object>().GroupBy(v => Convert.ToDecimal(v, CultureInfo.InvariantCulture)).FirstOrDefault(g => g.Count() > 1) is { } shared)
            {
                string[] members = [.. Enum.GetNames(type).Where(n => Convert.ToDecimal(Enum.Parse(type, n), CultureInfo.InvariantCulture) == shared.Key)];
                throw Misuse($"{where} is an enum whose members {string.Join(" and ", members)} share the value {shared.Key.ToString(CultureInfo.InvariantCulture)}, so a trial could not tell them apart; give them distinct values, or list the ones to tune with [Choices].");
            }

            return type.IsEnum
                ? new TypedProperty(property, type, ParameterKind.Categorical, null, null, Enum.GetNames(type), [.. Enum.GetValues(type).Cast<object>()], activeWhen)
                : new TypedProperty(property, type, ParameterKind.Categorical, null, null, ["false", "true"], [false, true], activeWhen);
        }

        if (type == typeof(string))
        {
            throw Misuse($"{where} has no choices: add [Choices(\"a\", \"b\", …)], or [NotTuned] to leave it out.");
        }

        throw Misuse($"{where} has a type that cannot be a parameter; parameters are double, float, int, bool, enums, and strings with [Choices]. Add [NotTuned] to leave it out.");
    }

    /// <summary>Declares the parameter on <paramref name="builder"/>.</summary>
    public void Declare(SearchSpaceBuilder builder, Condition? when)
    {
        switch (Kind)
        {
            case ParameterKind.Float:
                builder.Float(Name, _floatRange!.Low, _floatRange.High, _floatRange.Log, _floatRange.Step == 0 ? null : _floatRange.Step, when);
                break;
            case ParameterKind.Int:
                builder.Int(Name, _intRange!.Low, _intRange.High, _intRange.Log, _intRange.Step, when);
                break;
            default:
                if (IsBoolean)
                {
                    builder.Bool(Name, when);
                }
                else
                {
                    builder.Categorical(Name, _choiceNames, when);
                }

                break;
        }
    }

    /// <summary>
    /// Converts a property value into the parameter's value as <see cref="SearchSpace.CreateValues"/> and
    /// <see cref="Condition"/> take it: a double, an int, a bool, or a choice's name.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The value is not of the property's type, or not one of its choices; without a parameter name, since the callers
    /// name theirs (<see cref="TypedParameters.Enqueue{T}"/>'s instance, an <see cref="ActiveWhenAttribute"/>'s values).
    /// </exception>
    public object ToParameterValue(object? value)
    {
        switch (Kind)
        {
            case ParameterKind.Float when value is double d:
                return d;
            case ParameterKind.Float when value is float f:
                return FromSingle(f);
            case ParameterKind.Int when value is int n:
                return n;
            case ParameterKind.Categorical when IsBoolean && value is bool b:
                return b;
            case ParameterKind.Categorical when value is not null:
                object typed = ChoiceOfType(value)
                    ?? throw new ArgumentException($"Property '{Name}' takes a {TypeName(ValueType)}; got '{Format(value)}' ({value.GetType().Name}).");
                int index = Array.IndexOf(_choiceValues, typed);
                return index >= 0
                    ? _choiceNames[index]
                    : throw new ArgumentException($"Property '{Name}' has the value '{Format(value)}', which is not one of its choices {string.Join(", ", _choiceNames)}.");
            default:
                throw value is null
                    ? new ArgumentException($"Property '{Name}' is null, but its parameter is active here and needs a value.")
                    : new ArgumentException($"Property '{Name}' takes a {TypeName(ValueType)}; got '{value}' ({value.GetType().Name}).");
        }
    }

    /// <summary>
    /// A categorical property's value as its choices hold it: a value of the property's type as it is, and for a
    /// <see cref="double"/> or <see cref="float"/> property any number, as <see cref="ChoicesAttribute"/> takes them (so
    /// <c>[ActiveWhen(nameof(Ratio), 0.25)]</c> names the float choice 0.25); <see langword="null"/> for a value of another
    /// type, such as the string "Dart" for an enum property.
    /// </summary>
    private object? ChoiceOfType(object value) => value switch
    {
        _ when value.GetType() == ValueType => value,
        double or float or int when ValueType == typeof(double) => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        double or float or int when ValueType == typeof(float) => Convert.ToSingle(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>
    /// The parameter value a float property's value stands for. A float holds the float nearest its parameter's value,
    /// which is not that value: a bound, or a grid value <c>Low + k·Step</c> (0.05f is 0.0500000007…, off the grid 0 +
    /// k·0.05 by far more than the space tolerates), comes back as the double it was rounded from.
    /// </summary>
    private double FromSingle(float f)
    {
        FloatRangeAttribute range = _floatRange!;
        if (f == (float)range.Low)
        {
            return range.Low;
        }

        if (f == (float)range.High)
        {
            return range.High;
        }

        if (range.Step > 0 && float.IsFinite(f))
        {
            double index = Math.Round((f - range.Low) / range.Step);
            if (index is >= 0 and <= long.MaxValue)
            {
                double grid = ParameterCodec.GridValue(range.Low, (long)index, range.Step);
                if ((float)grid == f)
                {
                    return grid;
                }
            }
        }

        return f;
    }

    /// <summary>Converts a parameter's value (as <see cref="ParameterValues"/>' indexer returns it) into the property's type.</summary>
    /// <exception cref="ArgumentException">The parameter's value does not fit the property (the space was not built from its type).</exception>
    public object ToPropertyValue(object value) => (Kind, value) switch
    {
        (ParameterKind.Float, double d) => ValueType == typeof(float) ? (object)(float)d : d,
        (ParameterKind.Int, int n) => n,
        (ParameterKind.Categorical, bool b) when IsBoolean => b,
        (ParameterKind.Categorical, string s) when Array.IndexOf(_choiceNames, s) is int i && i >= 0 => _choiceValues[i],
        _ => throw new ArgumentException(
            $"Parameter '{Name}' has the value '{value}' ({value.GetType().Name}), which the property {Property.DeclaringType?.Name}.{Name} ({TypeName(ValueType)}) cannot take; was the space built with SearchSpace.From<{Property.ReflectedType?.Name}>()?",
            nameof(value)),
    };

    /// <summary>Gets the type's name as C# writes it: <c>double?</c>, <c>string</c>, <c>Booster</c>.</summary>
    public static string TypeName(Type type) => Nullable.GetUnderlyingType(type) is Type inner
        ? TypeName(inner) + "?"
        : type.IsEnum
            ? type.Name
            : Type.GetTypeCode(type) switch
            {
                TypeCode.Double => "double",
                TypeCode.Single => "float",
                TypeCode.Int32 => "int",
                TypeCode.Boolean => "bool",
                TypeCode.String => "string",
                _ when type.IsGenericType && type.Name.IndexOf('`', StringComparison.Ordinal) is int tick and > 0 =>
                    $"{type.Name[..tick]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>",
                _ => type.Name,
            };

    private static (string[] Names, object[] Values) ReadChoices(string where, Type type, ChoicesAttribute choices)
    {
        if (choices.Values.Count == 0)
        {
            throw Misuse($"{where} has [Choices] without any value.");
        }

        if (type == typeof(bool))
        {
            throw Misuse($"{where} has [Choices]; a bool is a categorical by itself and takes none.");
        }

        var values = new object[choices.Values.Count];
        for (int k = 0; k < values.Length; k++)
        {
            object? given = choices.Values[k];
            values[k] = given switch
            {
                string s when type == typeof(string) => s,
                int n when type == typeof(int) => n,
                double or float or int when type == typeof(double) => Convert.ToDouble(given, CultureInfo.InvariantCulture),
                double or float or int when type == typeof(float) => FitsFloat(Convert.ToDouble(given, CultureInfo.InvariantCulture))
                    ? Convert.ToSingle(given, CultureInfo.InvariantCulture)
                    : throw Misuse($"{where} is a float, but its choice {given} exceeds what a float holds (magnitudes up to about 3.4e38, and down to about 1.4e-45 but for 0); make the property a double."),
                not null when type.IsEnum && given.GetType() == type => given,
                _ when type == typeof(string) || type == typeof(int) || type == typeof(double) || type == typeof(float) || type.IsEnum =>
                    throw Misuse($"{where} has the choice '{given}' ({given?.GetType().Name ?? "null"}); its choices must be of type {TypeName(type)}."),
                _ => throw Misuse($"{where} has [Choices], but its type cannot be a parameter; choices apply to strings, ints, doubles, floats and enums."),
            };
        }

        string[] names = [.. values.Select(Format)];
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw Misuse($"{where} lists a choice twice: {string.Join(", ", names)}.");
        }

        return (names, values);
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The error of a type that cannot be a parameter class (<see cref="SearchSpace.From{T}"/> has no argument to name).</summary>
    internal static ArgumentException Misuse(string message, Exception? inner = null) => new(message, inner);

    /// <summary>Whether a float holds <paramref name="value"/>: finite, and not a nonzero value that rounds to 0.</summary>
    private static bool FitsFloat(double value) => float.IsFinite((float)value) && ((float)value != 0 || value == 0);
}
