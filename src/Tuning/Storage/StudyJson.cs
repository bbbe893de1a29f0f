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
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static JsonObject ToNode(StoredTrial t)
    {
        var node = new JsonObject
        {
            ["id"] = t.Number,
            ["state"] = t.State.ToString().ToLowerInvariant(),
            ["parameters"] = JsonNode.Parse(t.Parameters),
            ["values"] = new JsonObject([.. t.Values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))]),
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
            node["attributes"] = new JsonObject([.. t.Attributes.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))]);
        }

        return node;
    }

    public static Document Read(string json)
    {
        try
        {
            JsonNode root = JsonNode.Parse(json) ?? throw new FormatException("The document is empty.");
            if ((string?)root["format"] != Format)
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
            foreach (JsonNode? node in root["trials"]?.AsArray() ?? [])
            {
                StoredTrial trial = FromNode(node!);
                _ = ParametersJson.Read(definition.Space, trial.Parameters);
                trials.Add(trial);
            }

            List<string> enqueued = [.. (root["enqueued"]?.AsArray() ?? []).Select(n => n!.ToJsonString())];
            foreach (string parameters in enqueued)
            {
                _ = ParametersJson.Read(definition.Space, parameters);
            }

            return new Document(name, definition, trials, enqueued);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or InvalidCastException or KeyNotFoundException)
        {
            throw new FormatException($"The document is not a valid exported study: {e.Message}", e);
        }
    }

    public static StoredTrial FromNode(JsonNode node)
    {
        string state = (string?)node["state"] ?? throw new FormatException("A trial has no state.");
        return new StoredTrial
        {
            Number = (int?)node["id"] ?? throw new FormatException("A trial has no id."),
            State = Enum.Parse<TrialState>(state, ignoreCase: true),
            Parameters = node["parameters"]?.ToJsonString() ?? throw new FormatException("A trial has no parameters."),
            Values = (node["values"]?.AsObject() ?? []).ToDictionary(kv => kv.Key, kv => (double)kv.Value!, StringComparer.Ordinal),
            Reports = [.. (node["reports"]?.AsArray() ?? []).Select(r => new TrialReport((long)r![0]!, (double)r[1]!))],
            StartedAt = Time(node["startedAt"]) ?? throw new FormatException("A trial has no start time."),
            HeartbeatAt = Time(node["heartbeatAt"]) ?? Time(node["startedAt"])!.Value,
            FinishedAt = Time(node["finishedAt"]),
            FailReason = (string?)node["failReason"],
            Attributes = (node["attributes"]?.AsObject() ?? []).ToDictionary(kv => kv.Key, kv => (string)kv.Value!, StringComparer.Ordinal),
        };
    }

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is null ? null : DateTimeOffset.ParseExact((string)node!, "O", CultureInfo.InvariantCulture);

    public sealed record Document(string Name, StudyDefinition Definition, IReadOnlyList<StoredTrial> Trials, IReadOnlyList<string> Enqueued);
}
