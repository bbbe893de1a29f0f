namespace Tuning;

/// <summary>
/// Reads values given by parameter name, in a collection such as a <c>Dictionary&lt;string, double&gt;</c> or as the
/// properties of an anonymous object (<c>new { lr = 0.01, layers = 3 }</c>), into the dictionary that
/// <see cref="SearchSpace.CreateValues"/> takes. Neither is an <see cref="IReadOnlyDictionary{TKey, TValue}"/> of
/// objects, so without this they would be taken for parameter classes.
/// </summary>
internal static class NamedValues
{
    private static readonly System.Reflection.MethodInfo CopyMethod =
        typeof(NamedValues).GetMethod(nameof(Copy), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    /// <summary>
    /// Copies the pairs of an instance that enumerates <c>KeyValuePair&lt;string, TValue&gt;</c>, for any <c>TValue</c>,
    /// or the properties of an anonymous object.
    /// </summary>
    /// <returns><see langword="false"/> if the instance is neither.</returns>
    /// <exception cref="ArgumentException">Naming <paramref name="paramName"/>: a name comes twice (in a list of pairs).</exception>
    public static bool TryRead(object instance, string paramName, out IReadOnlyDictionary<string, object> values)
    {
        if (instance is IReadOnlyDictionary<string, object> dictionary)
        {
            values = dictionary;
            return true;
        }

        Type type = instance.GetType();
        if (IsAnonymous(type))
        {
            values = type.GetProperties().ToDictionary(p => p.Name, p => p.GetValue(instance)!, StringComparer.Ordinal);
            return true;
        }

        Type? pairs = type.GetInterfaces().FirstOrDefault(IsEnumerableOfNamedPairs);
        if (pairs is null)
        {
            values = null!;
            return false;
        }

        Type valueType = pairs.GetGenericArguments()[0].GetGenericArguments()[1];
        values = (IReadOnlyDictionary<string, object>)CopyMethod.MakeGenericMethod(valueType).Invoke(null, [instance, paramName])!;
        return true;
    }

    /// <summary>Whether a type is a C# or VB anonymous type: compiler-generated, and named so.</summary>
    private static bool IsAnonymous(Type type) =>
        type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false)
        && type.Name.Contains("AnonymousType", StringComparison.Ordinal);

    private static bool IsEnumerableOfNamedPairs(Type type) =>
        type.IsGenericType
        && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
        && type.GetGenericArguments()[0] is { IsGenericType: true } pair
        && pair.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
        && pair.GetGenericArguments()[0] == typeof(string);

    private static Dictionary<string, object> Copy<TValue>(IEnumerable<KeyValuePair<string, TValue>> pairs, string paramName)
    {
        var copy = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach ((string name, TValue value) in pairs)
        {
            if (!copy.TryAdd(name, value!))
            {
                throw new ArgumentException($"The parameter '{name}' is given twice.", paramName);
            }
        }

        return copy;
    }
}
