using System.Globalization;
using System.Text;

namespace Tuning.Storage.Testing;

/// <summary>The assertions of the conformance checks; a failure is a <see cref="StorageConformanceException"/> saying what differed.</summary>
internal static class Expect
{
    public static void True(bool condition, string rule)
    {
        if (!condition)
        {
            throw new StorageConformanceException(rule);
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new StorageConformanceException($"{what}: expected {Show(expected)}, got {Show(actual)}.");
        }
    }

    public static void Sequence<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what)
    {
        T[] e = [.. expected], a = [.. actual];
        if (!e.SequenceEqual(a))
        {
            throw new StorageConformanceException($"{what}: expected [{string.Join(", ", e.Select(Show))}], got [{string.Join(", ", a.Select(Show))}].");
        }
    }

    /// <summary>Checks that two JSON texts are equal; if not, the failure shows where they first differ (see <see cref="JsonDifference"/>).</summary>
    public static void SameJson(string expected, string actual, string what)
    {
        if (JsonDifference.First(expected, actual) is string difference)
        {
            throw new StorageConformanceException($"{what}: {difference}.");
        }
    }

    public static TException Throws<TException>(Action action, string what)
        where TException : Exception
    {
        try
        {
            action();
        }
        catch (TException e)
        {
            return e;
        }
        catch (Exception e)
        {
            throw new StorageConformanceException($"{what}: expected {typeof(TException).Name}, got {e.GetType().Name}: {e.Message}", e);
        }

        throw new StorageConformanceException($"{what}: expected {typeof(TException).Name}, but nothing was thrown.");
    }

    /// <summary>Gets the entry of <paramref name="key"/>; if there is none, the check fails naming the keys there are.</summary>
    public static T Value<T>(IReadOnlyDictionary<string, T> entries, string key, string what) =>
        entries.TryGetValue(key, out T? value)
            ? value
            : throw new StorageConformanceException(
                $"{what}: expected an entry {Show(key)}, got none (the entries are [{string.Join(", ", entries.Keys.Order(StringComparer.Ordinal).Select(Show))}]).");

    /// <summary>Runs a call that must succeed, and returns its result; if it throws, the check fails saying so.</summary>
    public static T Succeeds<T>(Func<T> call, string what)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is not StorageConformanceException)
        {
            throw new StorageConformanceException($"{what}: expected it to succeed, got {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>Checks that two trials hold the same data, field by field.</summary>
    public static void SameTrial(StoredTrial expected, StoredTrial actual, string what, bool compareRevision = true)
    {
        Equal(expected.Number, actual.Number, $"{what}: number");
        Equal(expected.State, actual.State, $"{what}: state");
        Equal(expected.Parameters, actual.Parameters, $"{what}: parameters");
        Sequence(Sorted(expected.Values), Sorted(actual.Values), $"{what}: values");
        Sequence(expected.Reports, actual.Reports, $"{what}: reports");
        Equal(expected.FailReason, actual.FailReason, $"{what}: fail reason");
        Sequence(Sorted(expected.Attributes), Sorted(actual.Attributes), $"{what}: attributes");
        Equal(expected.StartedAt, actual.StartedAt, $"{what}: start time");
        Equal(expected.FinishedAt, actual.FinishedAt, $"{what}: finish time");
        Equal(expected.HeartbeatAt, actual.HeartbeatAt, $"{what}: heartbeat time");
        if (compareRevision)
        {
            Equal(expected.Revision, actual.Revision, $"{what}: revision");
        }
    }

    private static IEnumerable<KeyValuePair<string, T>> Sorted<T>(IReadOnlyDictionary<string, T> values) =>
        values.OrderBy(kv => kv.Key, StringComparer.Ordinal);

    /// <summary>
    /// Text with the characters a reader cannot see or tell apart written as <c>\uXXXX</c>: combining marks (so that
    /// e and a combining accent differs from é), controls, format characters and lone surrogates.
    /// </summary>
    private static string Visible(string text)
    {
        var visible = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                visible.Append(c).Append(text[++i]);
            }
            else if (char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate)
            {
                visible.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                visible.Append(c);
            }
        }

        return visible.ToString();
    }

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => $"\"{Visible(s)}\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };
}
