using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tuning;

/// <summary>A study's space and metrics, and their JSON form (what storages keep and exports carry).</summary>
internal sealed record StudyDefinition(SearchSpace Space, IReadOnlyList<Metric> Metrics)
{
    public JsonObject ToJsonNode()
    {
        var parameters = new JsonArray();
        for (int i = 0; i < Space.Count; i++)
        {
            Parameter p = Space.Parameters[i];
            var node = new JsonObject
            {
                ["name"] = p.Name,
                ["kind"] = p.Kind.ToString().ToLowerInvariant(),
            };
            if (p.Kind == ParameterKind.Categorical)
            {
                if (p.IsBoolean)
                {
                    node["bool"] = true;
                }
                else
                {
                    node["choices"] = new JsonArray([.. p.Choices.Select(c => (JsonNode?)JsonValue.Create(c))]);
                }
            }
            else
            {
                node["low"] = p.Kind == ParameterKind.Int ? JsonValue.Create((int)p.Low) : JsonValue.Create(p.Low);
                node["high"] = p.Kind == ParameterKind.Int ? JsonValue.Create((int)p.High) : JsonValue.Create(p.High);
                if (p.IsLog)
                {
                    node["log"] = true;
                }

                if (p.Step is double step && !(p.Kind == ParameterKind.Int && step == 1))
                {
                    node["step"] = p.Kind == ParameterKind.Int ? JsonValue.Create((int)step) : JsonValue.Create(step);
                }
            }

            if (p.Condition is Condition c)
            {
                // The values as the space compares them, not as the condition listed them: a study reopened with the
                // same values in another order, or a bool's as "true", compares equal to the stored definition.
                node["when"] = new JsonObject
                {
                    ["parent"] = c.Parent,
                    ["values"] = new JsonArray([.. Space.ActivatingChoices(i).Select(v => v switch
                    {
                        int n => (JsonNode?)JsonValue.Create(n),
                        bool b => JsonValue.Create(b),
                        _ => JsonValue.Create((string)v),
                    })]),
                };
            }

            parameters.Add(node);
        }

        var metrics = new JsonArray();
        foreach (Metric m in Metrics)
        {
            var node = new JsonObject { ["name"] = m.Name, ["kind"] = m.Kind.ToString().ToLowerInvariant() };
            if (m.Min is double min)
            {
                node["min"] = min;
            }

            if (m.Max is double max)
            {
                node["max"] = max;
            }

            metrics.Add(node);
        }

        var root = new JsonObject { ["parameters"] = parameters, ["metrics"] = metrics };
        if (Space.Fidelity is Fidelity fidelity)
        {
            root["fidelity"] = FidelityJson.Write(fidelity);
        }

        return root;
    }

    public string ToJson() => ToJsonNode().ToJsonString();

    public static StudyDefinition Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The study definition is not valid JSON: {e.Message}", e);
        }

        return FromJsonNode(root ?? throw new FormatException("The study definition is empty."));
    }

    public static StudyDefinition FromJsonNode(JsonNode root)
    {
        try
        {
            var builder = new SearchSpaceBuilder();
            foreach (JsonNode? node in Required(root, "parameters").AsArray())
            {
                AddParameter(builder, node!);
            }

            if (root["fidelity"] is JsonNode fidelity)
            {
                FidelityJson.Read(builder, fidelity);
            }

            var metrics = new List<Metric>();
            foreach (JsonNode? node in Required(root, "metrics").AsArray())
            {
                string name = (string)Required(node!, "name")!;
                metrics.Add((string)Required(node!, "kind")! switch
                {
                    "minimize" => Metric.Minimize(name),
                    "maximize" => Metric.Maximize(name),
                    "constraint" => Metric.Constraint(name, (double?)node!["min"], (double?)node!["max"]),
                    "store" => Metric.Store(name),
                    string other => throw new FormatException($"Unknown metric kind '{other}' for '{name}'."),
                });
            }

            var definition = new StudyDefinition(builder.Build(), metrics);
            _ = new MetricSet(metrics);
            return definition;
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or ArgumentException or InvalidCastException)
        {
            throw new FormatException($"The study definition is not valid: {ExceptionMessage.WithoutParameter(e)}", e);
        }
    }

    private static void AddParameter(SearchSpaceBuilder builder, JsonNode node)
    {
        string name = (string)Required(node, "name")!;
        Condition? when = null;
        if (node["when"] is JsonNode w)
        {
            object[] values = [.. Required(w, "values").AsArray().Select(v => v!.GetValueKind() switch
            {
                JsonValueKind.Number => (object)(int)v,
                JsonValueKind.True or JsonValueKind.False => (bool)v,
                _ => (string)v!,
            })];
            when = new Condition((string)Required(w, "parent")!, values);
        }

        bool log = (bool?)node["log"] ?? false;
        switch ((string)Required(node, "kind")!)
        {
            case "float":
                builder.Float(name, (double)Required(node, "low"), (double)Required(node, "high"), log, (double?)node["step"], when);
                break;
            case "int":
                builder.Int(name, (int)Required(node, "low"), (int)Required(node, "high"), log, (int?)node["step"] ?? 1, when);
                break;
            case "categorical" when (bool?)node["bool"] == true:
                builder.Bool(name, when);
                break;
            case "categorical":
                builder.Categorical(name, [.. Required(node, "choices").AsArray().Select(c => (string)c!)], when);
                break;
            case string other:
                throw new FormatException($"Unknown parameter kind '{other}' for '{name}'.");
        }
    }

    private static JsonNode Required(JsonNode node, string property) =>
        node[property] ?? throw new FormatException($"The study definition lacks '{property}'.");
}
