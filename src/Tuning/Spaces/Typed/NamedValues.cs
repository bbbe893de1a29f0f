namespace Tuning;

/// <summary>
/// Reads a collection of values keyed by parameter name, such as a <c>Dictionary&lt;string, double&gt;</c>, into the
/// dictionary that <see cref="SearchSpace.CreateValues"/> takes. A generic dictionary of any value type is not an
/// <see cref="IReadOnlyDictionary{TKey, TValue}"/> of objects, so without this it would be taken for a parameter class.
/// </summary>
internal static class NamedValues
{
    private static readonly System.Reflection.MethodInfo CopyMethod =
        typeof(NamedValues).GetMethod(nameof(Copy), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    /// <summary>Copies the pairs of an instance that enumerates <c>KeyValuePair&lt;string, TValue&gt;</c>, for any <c>TValue</c>.</summary>
    /// <returns><see langword="false"/> if the instance enumerates no such pairs.</returns>
    /// <exception cref="ArgumentException">Naming <paramref name="paramName"/>: a name comes twice (in a list of pairs).</exception>
    public static bool TryRead(object instance, string paramName, out IReadOnlyDictionary<string, object> values)
    {
        if (instance is IReadOnlyDictionary<string, object> dictionary)
        {
            values = dictionary;
            return true;
        }

        Type? pairs = instance.GetType().GetInterfaces().FirstOrDefault(IsEnumerableOfNamedPairs);
        if (pairs is null)
        {
            values = null!;
            return false;
        }

        Type valueType = pairs.GetGenericArguments()[0].GetGenericArguments()[1];
        values = (IReadOnlyDictionary<string, object>)CopyMethod.MakeGenericMethod(valueType).Invoke(null, [instance, paramName])!;
        return true;
    }

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
