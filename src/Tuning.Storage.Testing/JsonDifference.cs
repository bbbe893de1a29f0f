using System.Text.Json;

namespace Tuning.Storage.Testing;

/// <summary>
/// Where two JSON texts first differ, as a path and the two values there (<c>at $.trials[2].startedAt, expected …,
/// got …</c>), so that a failed comparison of two exported studies shows the field, not two whole documents.
/// </summary>
internal static class JsonDifference
{
    private const int Shown = 120;

    /// <summary>Describes the first difference of <paramref name="actual"/> from <paramref name="expected"/>, or returns <see langword="null"/> if the texts are equal.</summary>
    public static string? First(string expected, string actual)
    {
        if (expected == actual)
        {
            return null;
        }

        try
        {
            using JsonDocument e = JsonDocument.Parse(expected);
            using JsonDocument a = JsonDocument.Parse(actual);
            return Compare(e.RootElement, a.RootElement, "$") ?? FirstLine(expected, actual); // the same data, written otherwise
        }
        catch (JsonException)
        {
            return FirstLine(expected, actual);
        }
    }

    private static string? Compare(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return Difference(path, Show(expected), Show(actual));
        }

        return expected.ValueKind switch
        {
            JsonValueKind.Object => CompareObjects(expected, actual, path),
            JsonValueKind.Array => CompareArrays(expected, actual, path),
            _ => expected.GetRawText() == actual.GetRawText() ? null : Difference(path, Show(expected), Show(actual)),
        };
    }

    private static string? CompareObjects(JsonElement expected, JsonElement actual, string path)
    {
        foreach (JsonProperty property in expected.EnumerateObject())
        {
            string? difference = actual.TryGetProperty(property.Name, out JsonElement other)
                ? Compare(property.Value, other, Member(path, property.Name))
                : Difference(Member(path, property.Name), Show(property.Value), "nothing");
            if (difference is not null)
            {
                return difference;
            }
        }

        foreach (JsonProperty property in actual.EnumerateObject())
        {
            if (!expected.TryGetProperty(property.Name, out _))
            {
                return Difference(Member(path, property.Name), "nothing", Show(property.Value));
            }
        }

        return null;
    }

    private static string? CompareArrays(JsonElement expected, JsonElement actual, string path)
    {
        int length = expected.GetArrayLength(), actualLength = actual.GetArrayLength();
        for (int i = 0; i < Math.Max(length, actualLength); i++)
        {
            string item = $"{path}[{i}]";
            string? difference = i >= actualLength ? Difference(item, Show(expected[i]), "nothing")
                : i >= length ? Difference(item, "nothing", Show(actual[i]))
                : Compare(expected[i], actual[i], item);
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }

    private static string FirstLine(string expected, string actual)
    {
        string[] e = expected.Split('\n'), a = actual.Split('\n');
        int line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
        {
            line++;
        }

        return Difference($"line {line + 1}", line < e.Length ? Clip(e[line].Trim()) : "the end", line < a.Length ? Clip(a[line].Trim()) : "the end");
    }

    private static string Difference(string where, string expected, string actual) => $"at {where}, expected {expected}, got {actual}";

    private static string Member(string path, string name) =>
        name.Length > 0 && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') ? $"{path}.{name}" : $"{path}[{JsonSerializer.Serialize(name)}]";

    /// <summary>A value on one line: compact, and clipped if long.</summary>
    private static string Show(JsonElement value) => Clip(JsonSerializer.Serialize(value));

    private static string Clip(string text) => text.Length <= Shown ? text : string.Concat(text.AsSpan(0, Shown), "…");
}
