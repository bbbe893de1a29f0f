using System.Text.Json.Nodes;
using Tuning.Cli.Tests.Support;

namespace Tuning.Cli.Tests.Commands;

/// <summary><c>studies --format json</c> and <c>show --format json</c>, for scripts.</summary>
public sealed class JsonFormatTests : SampleDatabaseTests
{
    [Fact]
    public void Studies_as_json_hold_the_counts_and_the_best_trial_or_the_front()
    {
        CliRun run = CliRun.Of("studies", "--format", "json", "--storage", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        JsonArray studies = JsonNode.Parse(run.Output)!.AsArray();
        Assert.Equal(2, studies.Count);
        JsonNode single = studies[0]!;
        Assert.Equal(SampleStudies.Single, (string?)single["name"]);
        Assert.Equal([6, 3, 1, 1, 1], new[] { "trials", "completed", "pruned", "failed", "running" }.Select(k => (int)single[k]!));
        Assert.Equal(1, (int)single["best"]!["trial"]!);
        Assert.Equal(0.2, (double)single["best"]!["values"]!["loss"]!);
        Assert.Equal("minimize", (string?)single["objectives"]![0]!["kind"]);
        JsonNode front = studies[1]!["paretoFront"]!;
        Assert.Equal([0, 1, 3], front["trials"]!.AsArray().Select(n => (int)n!));
        Assert.True((double)front["hypervolume"]! > 0);
        Assert.EndsWith("+00:00", (string?)single["created"], StringComparison.Ordinal);
        Assert.Contains("+00:00\"", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_as_json_is_the_export_with_the_storage_creation_time_and_best_trial()
    {
        CliRun run = CliRun.Of("show", SampleStudies.Single, "-f", "json", "--storage", Database);
        CliRun export = CliRun.Of("export", SampleStudies.Single, "-f", "json", "--storage", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        var shown = (JsonObject)JsonNode.Parse(run.Output)!;
        Assert.StartsWith("sqlite:", (string?)shown["storage"], StringComparison.Ordinal);
        Assert.Equal(1, (int)shown["best"]!["trial"]!);
        Assert.NotNull(shown["created"]);
        shown.Remove("storage");
        shown.Remove("created");
        shown.Remove("best");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(export.Output), shown));
        Assert.Equal(ExitCodes.Usage, CliRun.Of("show", SampleStudies.Single, "-f", "yaml", "--storage", Database).ExitCode);
    }
}
