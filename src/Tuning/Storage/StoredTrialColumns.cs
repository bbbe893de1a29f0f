using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tuning;

/// <summary>
/// How database storages keep the parts of a <see cref="StoredTrial"/> that are not plain columns: values, reports and
/// attributes as small JSON documents, states as lower-case names and times as UTC ticks (exact to 100 ns, so a trial
/// reads back equal to what was written).
/// </summary>
internal static class StoredTrialColumns
{
    public const string EmptyObject = "{}";
    public const string EmptyArray = "[]";

    private static readonly IReadOnlyDictionary<string, double> NoValues = new Dictionary<string, double>();
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();

    public static string WriteState(TrialState state) => state switch
    {
        TrialState.Running => "running",
        TrialState.Completed => "completed",
        TrialState.Failed => "failed",
        TrialState.Pruned => "pruned",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown trial state."),
    };

    public static TrialState ReadState(string state) => state switch
    {
        "running" => TrialState.Running,
        "completed" => TrialState.Completed,
        "failed" => TrialState.Failed,
        "pruned" => TrialState.Pruned,
        _ => throw new FormatException($"Unknown stored trial state '{state}'."),
    };

    public static long WriteTime(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset ReadTime(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>
    /// Writes a failure reason as a JSON string literal (<c>"diverged"</c>), so that any text, even one holding a NUL
    /// character that PostgreSQL's text type refuses, is stored exactly; <see langword="null"/> stays null.
    /// </summary>
    public static string? WriteReason(string? reason) => reason is null ? null : Write(json => json.WriteStringValue(reason));

    public static string? ReadReason(string? json)
    {
        if (json is null)
        {
            return null;
        }

        Utf8JsonReader reader = Reader(json, out byte[]? rented);
        try
        {
            reader.Read();
            return reader.GetString();
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>Writes values as <c>{"loss": 0.25}</c>; doubles are written in their shortest round-trip form.</summary>
    public static string WriteValues(IReadOnlyDictionary<string, double> values)
    {
        if (values.Count == 0)
        {
            return EmptyObject;
        }

        return Write(json =>
        {
            json.WriteStartObject();
            foreach (KeyValuePair<string, double> kv in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(kv.Key, kv.Value);
            }

            json.WriteEndObject();
        });
    }

    public static IReadOnlyDictionary<string, double> ReadValues(string json)
    {
        if (json == EmptyObject)
        {
            return NoValues;
        }

        Utf8JsonReader reader = Reader(json, out byte[]? rented);
        try
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            Expect(ref reader, JsonTokenType.StartObject);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                values[name] = reader.GetDouble();
            }

            return values;
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>Writes reports as <c>[[step, value], …]</c>, the form of the study export.</summary>
    public static string WriteReports(IReadOnlyList<TrialReport> reports)
    {
        if (reports.Count == 0)
        {
            return EmptyArray;
        }

        return Write(json =>
        {
            json.WriteStartArray();
            foreach (TrialReport report in reports)
            {
                json.WriteStartArray();
                json.WriteNumberValue(report.Step);
                json.WriteNumberValue(report.Value);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        });
    }

    public static IReadOnlyList<TrialReport> ReadReports(string json)
    {
        if (json == EmptyArray)
        {
            return [];
        }

        Utf8JsonReader reader = Reader(json, out byte[]? rented);
        try
        {
            var reports = new List<TrialReport>();
            Expect(ref reader, JsonTokenType.StartArray);
            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                reader.Read();
                long step = reader.GetInt64();
                reader.Read();
                double value = reader.GetDouble();
                Expect(ref reader, JsonTokenType.EndArray);
                reports.Add(new TrialReport(step, value));
            }

            return reports;
        }
        finally
        {
            Return(rented);
        }
    }

    public static string WriteAttributes(IReadOnlyDictionary<string, string> attributes)
    {
        if (attributes.Count == 0)
        {
            return EmptyObject;
        }

        return Write(json =>
        {
            json.WriteStartObject();
            foreach (KeyValuePair<string, string> kv in attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                json.WriteString(kv.Key, kv.Value);
            }

            json.WriteEndObject();
        });
    }

    public static IReadOnlyDictionary<string, string> ReadAttributes(string json)
    {
        if (json == EmptyObject)
        {
            return NoAttributes;
        }

        Utf8JsonReader reader = Reader(json, out byte[]? rented);
        try
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            Expect(ref reader, JsonTokenType.StartObject);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                attributes[name] = reader.GetString() ?? string.Empty;
            }

            return attributes;
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>A reader over the UTF-8 form of <paramref name="json"/>, in a pooled buffer to give back with <see cref="Return"/>.</summary>
    private static Utf8JsonReader Reader(string json, out byte[]? rented)
    {
        rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        int length = Encoding.UTF8.GetBytes(json, rented);
        return new Utf8JsonReader(rented.AsSpan(0, length));
    }

    private static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new FormatException($"A stored trial column holds malformed JSON (expected {token}).");
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
