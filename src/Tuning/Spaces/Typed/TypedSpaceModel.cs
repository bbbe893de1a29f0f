using System.Collections.Concurrent;
using System.Reflection;

namespace Tuning;

/// <summary>
/// What <see cref="SearchSpace.From{T}"/> reads from a parameter class: its tuned properties in declaration order, the
/// space they make, and how to create a filled instance. Read once per type and cached.
/// </summary>
/// <remarks>
/// A property that hides an inherited one of the same name (<c>new</c>) replaces it. An instance is created with the
/// public parameterless constructor (every struct has one) and the tuned properties
/// are set; a class without one, such as a positional record, is created with the public constructor whose parameters
/// all name its properties, an inactive property's parameter getting its default value.
/// </remarks>
internal sealed class TypedSpaceModel
{
    private static readonly ConcurrentDictionary<Type, TypedSpaceModel> Cache = new();

    private readonly ConstructorInfo? _constructor;
    private readonly ParameterInfo[] _constructorParameters;
    private readonly int[] _propertyOfParameter;
    private readonly bool[] _setByConstructor;
    private readonly Dictionary<string, int> _indexByName;
    private readonly Condition?[] _conditions;

    private TypedSpaceModel(Type type, IReadOnlyList<TypedProperty> properties, Condition?[] conditions, ConstructorInfo? constructor)
    {
        Type = type;
        Properties = properties;
        _conditions = conditions;
        _constructor = constructor;
        _constructorParameters = constructor?.GetParameters() ?? [];
        _indexByName = properties.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _propertyOfParameter = [.. _constructorParameters.Select(p => TryMatch(properties, p, out int index) ? index : -1)];
        _setByConstructor = new bool[properties.Count];
        foreach (int index in _propertyOfParameter.Where(i => i >= 0))
        {
            _setByConstructor[index] = true;
        }
    }

    /// <summary>Gets the parameter class.</summary>
    public Type Type { get; }

    /// <summary>Gets the tuned properties, in declaration order (base classes first).</summary>
    public IReadOnlyList<TypedProperty> Properties { get; }

    /// <summary>Gets the search space the tuned properties make.</summary>
    public SearchSpace Space { get; private set; } = null!;

    /// <summary>Gets the model of a parameter class, reading it the first time.</summary>
    /// <exception cref="ArgumentException">The class cannot be a parameter class; the message names the property at fault.</exception>
    public static TypedSpaceModel For(Type type) => Cache.GetOrAdd(type, Read);

    /// <summary>Creates an instance from an assignment: active properties get their values, inactive ones keep their defaults.</summary>
    /// <exception cref="ArgumentException">
    /// Naming <paramref name="paramName"/>, the public method's parameter that gave the values: the assignment's space
    /// lacks a property's parameter, or holds it with another kind.
    /// </exception>
    public object Create(ParameterValues values, string paramName)
    {
        var bound = new object?[Properties.Count];
        var active = new bool[Properties.Count];
        for (int i = 0; i < Properties.Count; i++)
        {
            TypedProperty property = Properties[i];
            if (!values.Space.Contains(property.Name))
            {
                throw new ArgumentException(
                    $"The trial's search space has no parameter '{property.Name}', which {Type.Name}.{property.Name} needs; build the space with SearchSpace.From<{Type.Name}>().",
                    paramName);
            }

            Parameter parameter = values.Space[property.Name];
            if (parameter.Kind != property.Kind)
            {
                throw new ArgumentException(
                    $"Parameter '{property.Name}' is {parameter.Kind.ToString().ToLowerInvariant()}, but {Type.Name}.{property.Name} ({TypedProperty.TypeName(property.Property.PropertyType)}) needs a {property.Kind.ToString().ToLowerInvariant()} parameter; build the space with SearchSpace.From<{Type.Name}>().",
                    paramName);
            }

            active[i] = values.IsActive(property.Name);
            bound[i] = active[i] ? property.ToPropertyValue(values[property.Name]) : null;
        }

        object instance;
        if (_constructor is null)
        {
            instance = Unwrapped(() => Activator.CreateInstance(Type)!);
        }
        else
        {
            object?[] arguments = new object?[_constructorParameters.Length];
            for (int k = 0; k < arguments.Length; k++)
            {
                int index = _propertyOfParameter[k];
                arguments[k] = index >= 0 && active[index] ? bound[index] : DefaultOf(_constructorParameters[k]);
            }

            instance = Unwrapped(() => _constructor.Invoke(arguments));
        }

        for (int i = 0; i < Properties.Count; i++)
        {
            if (active[i] && !_setByConstructor[i])
            {
                Unwrapped(() =>
                {
                    Properties[i].Property.SetValue(instance, bound[i]);
                    return 0;
                });
            }
        }

        return instance;
    }

    /// <summary>
    /// Gets the values of an instance's properties that are active in <paramref name="space"/>, as
    /// <see cref="SearchSpace.CreateValues"/> takes them; inactive properties are left out whatever they hold.
    /// </summary>
    /// <exception cref="ArgumentException">A value is not one of its property's choices.</exception>
    public Dictionary<string, object> ToParameterValues(SearchSpace space, object instance)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (int i in space.DecodeOrder)
        {
            Parameter parameter = space.Parameters[i];
            if (!_indexByName.TryGetValue(parameter.Name, out int index))
            {
                continue;
            }

            if (parameter.Condition is Condition condition
                && !(result.TryGetValue(condition.Parent, out object? parent) && condition.Values.Any(v => SameValue(v, parent))))
            {
                continue;
            }

            TypedProperty property = Properties[index];
            result[property.Name] = property.ToParameterValue(property.Property.GetValue(instance));
        }

        return result;
    }

    /// <summary>Whether a property's value is a condition's value, compared as the space compares choices: by name, case included.</summary>
    private static bool SameValue(object conditionValue, object value) =>
        Equals(conditionValue, value) || string.Equals(ChoiceName(conditionValue), ChoiceName(value), StringComparison.Ordinal);

    /// <summary>A value as a categorical's choice names it: <c>false</c> and <c>true</c> for a bool, else its invariant text.</summary>
    private static string? ChoiceName(object value) =>
        value is bool flag ? (flag ? "true" : "false") : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);

    private static TypedSpaceModel Read(Type type)
    {
        if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition)
        {
            throw TypedProperty.Misuse($"'{type.Name}' is abstract, an interface or an open generic type; a parameter class must be creatable.");
        }

        if (type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            throw TypedProperty.Misuse(
                $"'{TypedProperty.TypeName(type)}' is a collection, not a parameter class with one property per parameter; give values by name in a dictionary keyed by the parameter names, such as a Dictionary<string, object>.");
        }

        // A property that hides a base class's property of the same name (C#'s new) is the one the type shows; the
        // hidden one is not a parameter.
        PropertyInfo[] candidates = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => g.MaxBy(p => Depth(p.DeclaringType!))!)
            .OrderBy(p => Depth(p.DeclaringType!))
            .ThenBy(p => p.MetadataToken)];
        ConstructorInfo? constructor = ChooseConstructor(type, candidates);
        ParameterInfo[] constructorParameters = constructor?.GetParameters() ?? [];

        var properties = new List<TypedProperty>();
        foreach (PropertyInfo candidate in candidates)
        {
            ParameterInfo? parameter = constructorParameters.FirstOrDefault(p => string.Equals(p.Name, candidate.Name, StringComparison.OrdinalIgnoreCase));
            // Attribute.GetCustomAttributes, unlike PropertyInfo's, finds the attributes of the property an override overrides.
            List<Attribute> attributes = [.. Attribute.GetCustomAttributes(candidate, inherit: true)];
            if (parameter is not null)
            {
                attributes.AddRange(parameter.GetCustomAttributes(inherit: true).OfType<Attribute>());
            }

            bool settable = candidate.SetMethod is { IsPublic: true } || parameter is not null;
            bool marked = attributes.Any(a => a is FloatRangeAttribute or IntRangeAttribute or ChoicesAttribute or ActiveWhenAttribute);
            if (!settable)
            {
                if (marked)
                {
                    throw TypedProperty.Misuse(
                        $"Property '{type.Name}.{candidate.Name}' is declared a parameter but cannot be set: give it a public setter or init accessor, or a constructor parameter of the same name.");
                }

                continue; // a computed or read-only property is not a parameter
            }

            if (TypedProperty.Read(type, candidate, attributes) is TypedProperty property)
            {
                properties.Add(property);
            }
        }

        if (properties.Count == 0)
        {
            throw TypedProperty.Misuse(
                $"'{type.Name}' has no tunable property: give public settable properties a range ([FloatRange], [IntRange]) or [Choices], or make them bool or enum.");
        }

        Condition?[] conditions = [.. properties.Select(p => p.ActiveWhen is ActiveWhenAttribute activeWhen ? ConditionOf(type, p, activeWhen, properties) : null)];
        var model = new TypedSpaceModel(type, properties, conditions, constructor);
        model.Space = BuildSpace(model);
        return model;
    }

    /// <summary>Declares the tuned properties on a builder, each under its condition.</summary>
    /// <exception cref="ArgumentException">A declaration fails (for example a name the builder already has); the message names the property.</exception>
    public void Declare(SearchSpaceBuilder builder)
    {
        for (int i = 0; i < Properties.Count; i++)
        {
            try
            {
                Properties[i].Declare(builder, _conditions[i]);
            }
            catch (ArgumentException e)
            {
                throw TypedProperty.Misuse($"Property '{Type.Name}.{Properties[i].Name}': {e.Message}", e);
            }
        }
    }

    private static SearchSpace BuildSpace(TypedSpaceModel model)
    {
        var builder = new SearchSpaceBuilder();
        model.Declare(builder);
        try
        {
            return builder.Build();
        }
        catch (ArgumentException e)
        {
            throw TypedProperty.Misuse($"'{model.Type.Name}': {e.Message}", e);
        }
    }

    private static Condition ConditionOf(Type type, TypedProperty child, ActiveWhenAttribute activeWhen, List<TypedProperty> properties)
    {
        string where = $"Property '{type.Name}.{child.Name}' has [ActiveWhen(\"{activeWhen.Parent}\", …)]";
        TypedProperty parent = properties.FirstOrDefault(p => p.Name == activeWhen.Parent)
            ?? throw TypedProperty.Misuse($"{where}, but '{activeWhen.Parent}' is not a tuned property of {type.Name}; its tuned properties are {string.Join(", ", properties.Select(p => p.Name))}.");
        if (parent.Kind == ParameterKind.Float)
        {
            throw TypedProperty.Misuse($"{where}, a float range; a parent must be a bool, an enum, an int range, or have [Choices].");
        }

        if (activeWhen.Values.Count == 0)
        {
            throw TypedProperty.Misuse($"{where} without a value of '{parent.Name}'.");
        }

        var values = new object[activeWhen.Values.Count];
        for (int k = 0; k < values.Length; k++)
        {
            try
            {
                values[k] = parent.ToParameterValue(activeWhen.Values[k]);
            }
            catch (ArgumentException e)
            {
                throw TypedProperty.Misuse($"{where} with a value '{parent.Name}' cannot take: {e.Message}", e);
            }
        }

        return new Condition(parent.Name, values);
    }

    /// <summary>
    /// Gets the constructor <see cref="Create"/> calls: <see langword="null"/> for the parameterless one (or a struct's),
    /// else the public constructor with the most parameters that all name a property of the same type.
    /// </summary>
    private static ConstructorInfo? ChooseConstructor(Type type, PropertyInfo[] properties)
    {
        if (type.IsValueType || type.GetConstructor(Type.EmptyTypes) is not null)
        {
            return null;
        }

        return type.GetConstructors()
            .Where(c => c.GetParameters().All(p => properties.Any(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase) && q.PropertyType == p.ParameterType)))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw TypedProperty.Misuse(
                $"'{type.Name}' has no public parameterless constructor and no public constructor whose parameters all name its properties, so it cannot be created.");
    }

    private static bool TryMatch(IReadOnlyList<TypedProperty> properties, ParameterInfo parameter, out int index)
    {
        for (index = 0; index < properties.Count; index++)
        {
            if (string.Equals(properties[index].Name, parameter.Name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static object? DefaultOf(ParameterInfo parameter)
    {
        Type type = parameter.ParameterType;
        if (parameter.HasDefaultValue && parameter.DefaultValue is not (DBNull or Missing))
        {
            object? value = parameter.DefaultValue;
            Type inner = Nullable.GetUnderlyingType(type) ?? type;
            return value is not null && inner.IsEnum && value.GetType() != inner ? Enum.ToObject(inner, value) : value;
        }

        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }

    private static int Depth(Type type)
    {
        int depth = 0;
        for (Type? t = type.BaseType; t is not null; t = t.BaseType)
        {
            depth++;
        }

        return depth;
    }

    /// <summary>Runs a reflective call, so that an exception of the user's constructor or setter reaches the caller as itself.</summary>
    private static T Unwrapped<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
