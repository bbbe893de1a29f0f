using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tuning;

/// <summary>
/// The text and number forms in which a database storage keeps the fields of a <see cref="StoredTrial"/> that are not
/// plain columns: values, reports and attributes as small JSON documents, failure reasons as JSON string literals,
/// states as lower-case names and times as UTC ticks (exact to 100 ns). Every <c>Write…</c> has a <c>Read…</c> that gives
/// back exactly what was written, so a trial reads back equal to the one stored. The SQLite and PostgreSQL storages use
/// it; a storage of your own can too, and then shares their formats.
/// </summary>
/// <remarks>A trial's <see cref="StoredTrial.Parameters"/> are already a JSON object and are stored as they are.</remarks>
public static class StoredTrialCodec
{
    /// <summary>The form of an empty set of values or attributes: <c>{}</c>.</summary>
    public const string EmptyObject = "{}";

    /// <summary>The form of an empty list of reports: <c>[]</c>.</summary>
    public const string EmptyArray = "[]";

    private static readonly IReadOnlyDictionary<string, double> NoValues = new Dictionary<string, double>();
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();

    /// <summary>Writes a state as its lower-case name: <c>running</c>, <c>completed</c>, <c>failed</c> or <c>pruned</c>.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not one of the four states.</exception>
    public static string WriteState(TrialState state) => state switch
    {
        TrialState.Running => "running",
        TrialState.Completed => "completed",
        TrialState.Failed => "failed",
        TrialState.Pruned => "pruned",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown trial state."),
    };

    /// <summary>Reads a state written by <see cref="WriteState"/>.</summary>
    /// <param name="state">The lower-case name.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="FormatException">The text is not one of the four names.</exception>
    public static TrialState ReadState(string state) => state switch
    {
        null => throw new ArgumentNullException(nameof(state)),
        "running" => TrialState.Running,
        "completed" => TrialState.Completed,
        "failed" => TrialState.Failed,
        "pruned" => TrialState.Pruned,
        _ => throw new FormatException($"Unknown stored trial state '{state}'."),
    };

    /// <summary>Writes a time as its UTC ticks (100 ns since 0001-01-01), which order like the times themselves.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The ticks.</returns>
    public static long WriteTime(DateTimeOffset time) => time.UtcTicks;

    /// <summary>Reads a time written by <see cref="WriteTime"/>, with a zero offset.</summary>
    /// <param name="ticks">The UTC ticks.</param>
    /// <returns>The time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The ticks are outside the range of <see cref="DateTimeOffset"/>.</exception>
    public static DateTimeOffset ReadTime(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>
    /// Writes a failure reason as a JSON string literal (<c>"diverged"</c>), so that any text, even one holding a NUL
    /// character that PostgreSQL's text type refuses, is stored exactly; <see langword="null"/> stays null.
    /// </summary>
    /// <param name="reason">The reason, or <see langword="null"/>.</param>
    /// <returns>The JSON string literal, or <see langword="null"/>.</returns>
    public static string? WriteReason(string? reason) => reason is null ? null : Write(json => json.WriteStringValue(reason));

    /// <summary>Reads a reason written by <see cref="WriteReason"/>.</summary>
    /// <param name="json">The JSON string literal, or <see langword="null"/>.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    /// <exception cref="FormatException">The text is not a JSON string literal.</exception>
    public static string? ReadReason(string? json) => json is null ? null : Parse(json, static (ref Utf8JsonReader reader) =>
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Malformed("a JSON string");
    });

    /// <summary>Writes values as <c>{"loss":0.25}</c>, names in ordinal order, doubles in their shortest round-trip form.</summary>
    /// <param name="values">The values by metric name; finite.</param>
    /// <returns>The JSON object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static string WriteValues(IReadOnlyDictionary<string, double> values) =>
        WriteObject(values ?? throw new ArgumentNullException(nameof(values)), static (json, name, value) => json.WriteNumber(name, value));

    /// <summary>Reads values written by <see cref="WriteValues"/>.</summary>
    /// <param name="json">The JSON object.</param>
    /// <returns>The values by metric name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a JSON object of finite numbers.</exception>
    public static IReadOnlyDictionary<string, double> ReadValues(string json) => (json ?? throw new ArgumentNullException(nameof(json))) == EmptyObject ? NoValues : ReadObject(json, static (ref Utf8JsonReader reader, string name) =>
    {
        double value = reader.GetDouble();
        return double.IsFinite(value) ? value : throw Malformed($"a finite value for '{name}'");
    });

    /// <summary>Writes reports as <c>[[step,value],…]</c>, the form of the study export.</summary>
    /// <param name="reports">The reports, in step order.</param>
    /// <returns>The JSON array.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reports"/> is null.</exception>
    public static string WriteReports(IReadOnlyList<TrialReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
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

    /// <summary>Reads reports written by <see cref="WriteReports"/>.</summary>
    /// <param name="json">The JSON array.</param>
    /// <returns>The reports, in the order written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a JSON array of <c>[step, value]</c> pairs.</exception>
    public static IReadOnlyList<TrialReport> ReadReports(string json) => (json ?? throw new ArgumentNullException(nameof(json))) == EmptyArray ? [] : Parse(json, static (ref Utf8JsonReader reader) =>
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

        return (IReadOnlyList<TrialReport>)reports;
    });

    /// <summary>Writes attributes as <c>{"key":"value"}</c>, keys in ordinal order.</summary>
    /// <param name="attributes">The attributes.</param>
    /// <returns>The JSON object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attributes"/> is null.</exception>
    public static string WriteAttributes(IReadOnlyDictionary<string, string> attributes) =>
        WriteObject(attributes ?? throw new ArgumentNullException(nameof(attributes)), static (json, key, value) => json.WriteString(key, value));

    /// <summary>Reads attributes written by <see cref="WriteAttributes"/>.</summary>
    /// <param name="json">The JSON object.</param>
    /// <returns>The attributes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a JSON object of strings.</exception>
    public static IReadOnlyDictionary<string, string> ReadAttributes(string json) =>
        (json ?? throw new ArgumentNullException(nameof(json))) == EmptyObject ? NoAttributes : ReadObject(json, static (ref Utf8JsonReader reader, string _) => reader.GetString() ?? string.Empty);

    /// <summary>Writes entries as a JSON object, keys in ordinal order; <see cref="EmptyObject"/> when there are none.</summary>
    private static string WriteObject<T>(IReadOnlyDictionary<string, T> entries, Action<Utf8JsonWriter, string, T> writeEntry)
    {
        if (entries.Count == 0)
        {
            return EmptyObject;
        }

        return Write(json =>
        {
            json.WriteStartObject();
            foreach (KeyValuePair<string, T> kv in entries.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writeEntry(json, kv.Key, kv.Value);
            }

            json.WriteEndObject();
        });
    }

    /// <summary>Reads a JSON object written by <see cref="WriteObject"/>, each value with <paramref name="readValue"/>.</summary>
    private static IReadOnlyDictionary<string, T> ReadObject<T>(string json, ReadEntry<T> readValue) => Parse(json, (ref Utf8JsonReader reader) =>
    {
        var entries = new Dictionary<string, T>(StringComparer.Ordinal);
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            entries[name] = readValue(ref reader, name);
        }

        return (IReadOnlyDictionary<string, T>)entries;
    });

    /// <summary>Reads <paramref name="json"/> from a pooled UTF-8 buffer; any malformed JSON becomes a <see cref="FormatException"/>.</summary>
    private static T Parse<T>(string json, ReadBody<T> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(json, rented);
            var reader = new Utf8JsonReader(rented.AsSpan(0, length));
            return read(ref reader);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"A stored trial field holds malformed JSON: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static FormatException Malformed(string expected) => new($"A stored trial field holds malformed JSON (expected {expected}).");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw Malformed(token.ToString());
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

    private delegate T ReadBody<out T>(ref Utf8JsonReader reader);

    private delegate T ReadEntry<out T>(ref Utf8JsonReader reader, string name);
}
