using System.Text.Json.Nodes;

namespace Tuning;

/// <summary>
/// The JSON form of a space's fidelity inside a study definition: <c>{"name", "kind": "float"|"int", "low", "high",
/// "fixedCost"?, "log"?}</c> for a range, <c>{"name", "kind": "tasks", "tasks": [{"name", "cost"}, …]}</c> for tasks.
/// Read back through <see cref="SearchSpaceBuilder"/>, so a stored declaration is validated like a new one.
/// </summary>
internal static class FidelityJson
{
    public static JsonObject Write(Fidelity fidelity)
    {
        var node = new JsonObject { ["name"] = fidelity.Name, ["kind"] = fidelity.Kind.ToString().ToLowerInvariant() };
        switch (fidelity.Kind)
        {
            case FidelityKind.Tasks:
                node["tasks"] = new JsonArray([.. fidelity.Tasks.Select(t => (JsonNode?)new JsonObject { ["name"] = t.Name, ["cost"] = t.Cost })]);
                return node;
            case FidelityKind.Int:
                node["low"] = (int)fidelity.Low;
                node["high"] = (int)fidelity.High;
                break;
            default:
                node["low"] = fidelity.Low;
                node["high"] = fidelity.High;
                break;
        }

        if (fidelity.FixedCost != 0)
        {
            node["fixedCost"] = fidelity.FixedCost;
        }

        if (fidelity.IsLog)
        {
            node["log"] = true;
        }

        return node;
    }

    public static void Read(SearchSpaceBuilder builder, JsonNode node)
    {
        string name = (string?)node["name"] ?? throw new FormatException("The fidelity has no name.");
        double fixedCost = (double?)node["fixedCost"] ?? 0;
        bool log = (bool?)node["log"] ?? false;
        switch ((string?)node["kind"])
        {
            case "float":
                builder.FloatFidelity(name, Number(node, "low"), Number(node, "high"), fixedCost, log);
                break;
            case "int":
                builder.IntFidelity(name, (int)Number(node, "low"), (int)Number(node, "high"), fixedCost, log);
                break;
            case "tasks":
                FidelityTask[] tasks =
                [
                    .. (node["tasks"]?.AsArray() ?? throw new FormatException($"The task fidelity '{name}' lists no tasks."))
                        .Select(t => new FidelityTask((string?)t!["name"] ?? throw new FormatException($"A task of the fidelity '{name}' has no name."), Number(t, "cost"))),
                ];
                builder.Tasks(name, tasks);
                break;
            case var other:
                throw new FormatException($"Unknown fidelity kind '{other}' for '{name}'.");
        }
    }

    private static double Number(JsonNode node, string property) =>
        (double?)node[property] ?? throw new FormatException($"The fidelity lacks '{property}'.");
}
