using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tuning.Cli.Output;

/// <summary>
/// The <c>--format json</c> output of <c>studies</c> and <c>show</c>, for scripts: indented JSON, numbers in their
/// shortest round-trip form, times in ISO 8601 with their offset (as in <see cref="Study.ToJson"/>).
/// </summary>
internal static class JsonOutput
{
    /// <summary>Indented, and escaping only what JSON requires: a '+', an 'é' or a '&lt;' is written as itself (the output goes to scripts, not into a page).</summary>
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a JSON document and a line break.</summary>
    public static void Write(TextWriter output, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(node);
        output.WriteLine(node.ToJsonString(Indented));
    }

    /// <summary>A time as in the study export: ISO 8601 with its offset.</summary>
    public static string Time(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// The result of one read of a study: <c>"best": {"trial", "values"}</c> (or null) with one objective; with two,
    /// <c>"paretoFront": {"trials", "referencePoint", "hypervolume"}</c> (or null), the reference point inferred from the
    /// front, and the hypervolume null when it exceeds the largest double.
    /// </summary>
    public static void AddResult(JsonObject node, StudySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Study.Objectives.Count == 1)
        {
            node["best"] = snapshot.BestTrial is Trial best
                ? new JsonObject { ["trial"] = best.Id, ["values"] = Values(best) }
                : null;
            return;
        }

        IReadOnlyList<Trial> front = snapshot.ParetoFront;
        if (front.Count == 0)
        {
            node["paretoFront"] = null;
            return;
        }

        FrontMeasure measure = FrontMeasure.Of(snapshot);
        node["paretoFront"] = new JsonObject
        {
            ["trials"] = new JsonArray([.. front.Select(t => (JsonNode?)t.Id)]),
            ["referencePoint"] = new JsonArray([.. measure.Reference.Select(v => (JsonNode?)v)]),
            ["hypervolume"] = measure.Hypervolume,
        };
    }

    private static JsonObject Values(Trial trial) =>
        new([.. trial.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);
}
