using System.Text.Json;

namespace Tuning;

/// <summary>
/// Reads a value that System.Text.Json left as a <see cref="JsonElement"/> (a dictionary of objects read from a
/// configuration file) as the value it holds: a number as a double, a string, true or false. A space then takes it as
/// it takes the same value given directly (<see cref="NumericValue"/>: 3 or 3.0 for an int).
/// </summary>
internal static class JsonElementValue
{
    /// <summary>The value an element holds, or <paramref name="value"/> itself if it is no element (or an array, an object, null).</summary>
    public static object? Unwrap(object? value) => value is JsonElement element
        ? element.ValueKind switch
        {
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => value,
        }
        : value;

    /// <summary>Whether a value is null, or an element holding JSON's null: no value, as a space reads a given value.</summary>
    public static bool IsNull(object? value) => value is null or JsonElement { ValueKind: JsonValueKind.Null };
}
