using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tuning;

/// <summary>The export format of a study: <c>{"format": "tuning-study", "version": 1, "name", "definition", "trials", "enqueued"}</c>.</summary>
internal static class StudyJson
{
    public const string Format = "tuning-study";
    public const int Version = 1;

    public static string Write(string name, StudyDefinition definition, IReadOnlyList<Trial> trials, IReadOnlyList<string> enqueued)
    {
        var trialNodes = new JsonArray();
        foreach (Trial trial in trials)
        {
            trialNodes.Add(ToNode(trial.Record));
        }

        var root = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["name"] = name,
            ["definition"] = definition.ToJsonNode(),
            ["trials"] = trialNodes,
            ["enqueued"] = new JsonArray([.. enqueued.Select(p => JsonNode.Parse(p))]),
        };
        // Escaping only what JSON requires: a '+' or an 'é' in a name is written as itself, for people who read the file.
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public static JsonObject ToNode(StoredTrial t)
    {
        var node = new JsonObject
        {
            ["id"] = t.Number,
            ["state"] = t.State.ToString().ToLowerInvariant(),
            ["parameters"] = JsonNode.Parse(t.Parameters),
            ["values"] = new JsonObject([.. t.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))]),
            ["reports"] = new JsonArray([.. t.Reports.Select(r => (JsonNode?)new JsonArray(JsonValue.Create(r.Step), JsonValue.Create(r.Value)))]),
            ["startedAt"] = t.StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["heartbeatAt"] = t.HeartbeatAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (t.FinishedAt is DateTimeOffset finished)
        {
            node["finishedAt"] = finished.ToString("O", CultureInfo.InvariantCulture);
        }

        if (t.FailReason is not null)
        {
            node["failReason"] = t.FailReason;
        }

        if (t.Attributes.Count > 0)
        {
            // Keys in ordinal order, as every storage keeps them (StoredTrialCodec): the same study exports the same
            // document from whichever storage holds it, however its values and attributes were told.
            node["attributes"] = new JsonObject([.. t.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))]);
        }

        return node;
    }

    /// <summary>
    /// Reads and checks an exported study: the format, the definition, and every trial and enqueued parameter set against
    /// it, so that an import either takes a study that works or refuses it before anything is stored.
    /// </summary>
    /// <exception cref="FormatException">The document is not a valid export; the message names the trial and the field.</exception>
    public static Document Read(string json)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(json) ?? throw new FormatException("The document is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The document is not valid JSON: {e.Message}", e);
        }

        try
        {
            if ((root as JsonObject)?["format"] is not JsonValue format || format.GetValueKind() != JsonValueKind.String || (string?)format != Format)
            {
                throw new FormatException($"The document is not an exported study (its \"format\" is not \"{Format}\").");
            }

            int version = (int?)root["version"] ?? 0;
            if (version > Version)
            {
                throw new FormatException($"The document has format version {version}; this library reads versions up to {Version}. Upgrade Tuning to read it.");
            }

            string name = (string?)root["name"] ?? throw new FormatException("The document has no study name.");
            StudyDefinition definition = StudyDefinition.FromJsonNode(root["definition"] ?? throw new FormatException("The document has no definition."));
            var trials = new List<StoredTrial>();
            JsonArray entries = root["trials"]?.AsArray() ?? [];
            for (int i = 0; i < entries.Count; i++)
            {
                trials.Add(ReadTrial(entries[i] ?? throw new FormatException($"Trial entry {i} is null; every trial entry must be an object."), i, definition));
            }

            var enqueued = new List<string>();
            JsonArray queue = root["enqueued"]?.AsArray() ?? [];
            for (int i = 0; i < queue.Count; i++)
            {
                string parameters = queue[i]?.ToJsonString() ?? throw new FormatException($"Enqueued entry {i} is null.");
                enqueued.Add(ParametersJson.Write(Field($"Enqueued entry {i}", "parameters", () => ParametersJson.Read(definition.Space, parameters))));
            }

            return new Document(name, definition, trials, enqueued);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or InvalidCastException or KeyNotFoundException)
        {
            throw new FormatException($"The document is not a valid exported study: {e.Message}", e);
        }
    }

    /// <summary>Reads one trial entry and checks it against the definition; a failure names the trial and the field.</summary>
    private static StoredTrial ReadTrial(JsonNode node, int index, StudyDefinition definition)
    {
        string trial = node["id"] is JsonValue id && id.TryGetValue(out int number) ? $"Trial {number}" : $"Trial entry {index}";
        string stateText = Field(trial, "state", () => (string?)node["state"] ?? throw new FormatException("it is missing."));
        TrialState state = Field(trial, "state", () => stateText == stateText.Trim() && !stateText.Any(char.IsAsciiDigit)
            ? StoredTrialCodec.ReadState(stateText.ToLowerInvariant())
            : throw new FormatException($"'{stateText}' is not running, completed, failed or pruned."));
        string given = Field(trial, "parameters", () => node["parameters"] is JsonObject p ? p.ToJsonString() : throw new FormatException("it is missing or not an object."));
        // Stored as the library writes parameters (a null for an inactive one dropped), not as the file spells them.
        string parameters = ParametersJson.Write(Field(trial, "parameters", () => ParametersJson.Read(definition.Space, given)));
        Dictionary<string, double> values = ReadValues(trial, node["values"], definition.Metrics);
        if (state == TrialState.Completed)
        {
            Field(trial, "values", () => new MetricSet(definition.Metrics).Validate(values, index));
        }
        else if (state is TrialState.Failed or TrialState.Running && values.Count > 0)
        {
            throw new FormatException($"{trial}: values: a {stateText.ToLowerInvariant()} trial has no values, but it has {string.Join(", ", values.Keys)}.");
        }

        IReadOnlyList<TrialReport> reports = ReadReports(trial, node["reports"]);
        DateTimeOffset started = Field(trial, "startedAt", () => Time(node["startedAt"]) ?? throw new FormatException("it is missing."));
        return new StoredTrial
        {
            Number = index,
            State = state,
            Parameters = parameters,
            Values = values,
            Reports = reports,
            StartedAt = started,
            HeartbeatAt = Field(trial, "heartbeatAt", () => Time(node["heartbeatAt"])) ?? started,
            FinishedAt = Field(trial, "finishedAt", () => Time(node["finishedAt"])),
            FailReason = Field(trial, "failReason", () => (string?)node["failReason"]),
            Attributes = Field(trial, "attributes", () => (node["attributes"]?.AsObject() ?? []).ToDictionary(
                kv => string.IsNullOrWhiteSpace(kv.Key) ? throw new FormatException("a key is empty.") : kv.Key,
                kv => (string?)kv.Value ?? throw new FormatException($"'{kv.Key}' is null."),
                StringComparer.Ordinal)),
        };
    }

    private static Dictionary<string, double> ReadValues(string trial, JsonNode? node, IReadOnlyList<Metric> metrics)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string metric, JsonNode? value) in node?.AsObject() ?? [])
        {
            if (!metrics.Any(m => m.Name == metric))
            {
                throw new FormatException($"{trial}: values: '{metric}' is not a metric of the study ({string.Join(", ", metrics.Select(m => m.Name))}).");
            }

            double number = Field(trial, $"values: '{metric}'", () => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (double)v : throw new FormatException("it is not a number."));
            values[metric] = double.IsFinite(number)
                ? number
                : throw new FormatException($"{trial}: values: '{metric}' is {value!.ToJsonString()}, which is not a finite double.");
        }

        return values;
    }

    private static List<TrialReport> ReadReports(string trial, JsonNode? node)
    {
        var reports = new List<TrialReport>();
        foreach (JsonNode? entry in node?.AsArray() ?? [])
        {
            (long step, double value) = Field(trial, "reports", () => entry is JsonArray { Count: 2 } pair
                && pair[0] is JsonValue s && s.TryGetValue(out long st) && pair[1] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                ? (st, (double)v)
                : throw new FormatException($"{entry?.ToJsonString() ?? "null"} is not a [step, value] pair of an integer and a number."));
            if (step < 0 || !double.IsFinite(value) || (reports.Count > 0 && step <= reports[^1].Step))
            {
                throw new FormatException(
                    $"{trial}: reports: [{step}, {value.ToString("R", CultureInfo.InvariantCulture)}] after step {(reports.Count > 0 ? reports[^1].Step : -1)}; steps must be non-negative and increase, values finite.");
            }

            reports.Add(new TrialReport(step, value));
        }

        return reports;
    }

    /// <summary>Reads one field, turning any failure into a <see cref="FormatException"/> that names the trial and the field.</summary>
    private static T Field<T>(string trial, string field, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentException or InvalidCastException or KeyNotFoundException)
        {
            throw new FormatException($"{trial}: {field}: {ExceptionMessage.WithoutParameter(e)}", e);
        }
    }

    /// <summary>
    /// ISO 8601 times with a zone (Z, or an offset such as +02:00): to the second, or with up to seven digits of its
    /// fraction (the export writes seven). A time read with an offset is kept as its UTC instant, as every storage keeps
    /// times, so that the study exports the same document and CSV from any storage.
    /// </summary>
    private static readonly string[] TimeFormats =
    [
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFF'Z'",
        "yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFFzzz",
    ];

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is null ? null
        : DateTimeOffset.TryParseExact((string)node!, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time.ToUniversalTime()
            : throw new FormatException($"'{(string)node!}' is not an ISO 8601 time with a zone, such as 2026-12-05T14:00:00Z or 2026-12-05T14:00:00.1234567+00:00.");

    public sealed record Document(string Name, StudyDefinition Definition, IReadOnlyList<StoredTrial> Trials, IReadOnlyList<string> Enqueued);
}
