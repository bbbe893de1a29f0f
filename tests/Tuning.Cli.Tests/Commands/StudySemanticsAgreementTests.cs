using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Tuning.Cli.Tests.Support;
using Tuning.Reporting;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Cli.Tests.Commands;

/// <summary>
/// One multi-fidelity, constrained, two-objective study read by the core, the HTML report and the tool: all three name
/// the same Pareto front (and, for a one-objective view of the same trials, the same best trial), although the study
/// holds trials that would win if a rule were missed: better ones at a lower fidelity and better ones that break the
/// constraint.
/// </summary>
public sealed partial class StudySemanticsAgreementTests : TempFolderTests
{
    private const string TwoObjectives = "mf-front";
    private const string OneObjective = "mf-best";
    private readonly string _database;

    public StudySemanticsAgreementTests()
    {
        _database = Folder.File("studies.db");
        using (var storage = new SqliteStudyStorage(_database))
        {
            Write(Study.Create(storage, TwoObjectives, Space(), [Metric.Maximize("accuracy"), Metric.Minimize("latency_ms"), Metric.Constraint("memory_gb", max: 8)]));
            Write(Study.Create(storage, OneObjective, Space(), [Metric.Maximize("accuracy"), Metric.Constraint("memory_gb", max: 8), Metric.Store("latency_ms")]));
        }

        SqliteConnection.ClearAllPools();
    }

    private static SearchSpace Space() => new SearchSpaceBuilder().Float("lr", 1e-4, 1e-1, log: true).IntFidelity("epochs", 1, 27, log: true).Build();

    /// <summary>(epochs, accuracy, latency, memory, how it ends): the best values come at 3 epochs or above 8 GB.</summary>
    private static readonly (int Epochs, double Accuracy, double Latency, double Memory, string End)[] History =
    [
        (27, 0.90, 30, 4, "tell"),
        (3, 0.99, 5, 2, "tell"),      // dominates everything, but at a lower fidelity
        (27, 0.93, 45, 6, "tell"),
        (27, 0.97, 10, 12, "tell"),   // dominates everything, but breaks the memory constraint
        (27, 0.85, 12, 3, "tell"),
        (27, 0.93, 45, 6, "tell"),    // ties trial 2: both stay on the front
        (9, 0.95, 20, 5, "tell"),     // lower fidelity again
        (27, 0.50, 200, 1, "fail"),
        (27, 0.88, 35, 4, "tell"),    // dominated by trial 0
        (27, 0.91, 80, 2, "running"),
    ];

    private static void Write(Study study)
    {
        foreach ((int epochs, double accuracy, double latency, double memory, string end) in History)
        {
            study.Enqueue(new Dictionary<string, object> { ["lr"] = 0.01, ["epochs"] = epochs });
            Trial trial = study.Ask();
            if (end == "fail")
            {
                study.Fail(trial, "out of memory");
            }
            else if (end == "tell")
            {
                study.Tell(trial, new Measurements { ["accuracy"] = accuracy, ["latency_ms"] = latency, ["memory_gb"] = memory });
            }
        }

    }

    [Fact]
    public void The_core_the_report_and_the_tool_name_the_same_pareto_front()
    {
        int[] core;
        double hypervolume;
        IReadOnlyList<double> reference;
        string reportHtml;
        using (var storage = new SqliteStudyStorage(_database))
        {
            Study study = Study.Open(storage, TwoObjectives);
            core = [.. study.ParetoFront.Select(t => t.Id)];
            Assert.Equal([0, 2, 4, 5], core);
            Assert.Equal(core, new StudySnapshot(study).ParetoFront.Select(t => t.Id));
            hypervolume = study.Hypervolume();
            reference = study.InferReferencePoint();
            reportHtml = StudyReport.ToHtml(study);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(core, FrontRows(reportHtml));
        Assert.Contains($"Pareto front: {core.Length} trials ({Ids(core)}).", reportHtml, StringComparison.Ordinal);

        CliRun show = CliRun.Of("show", TwoObjectives, "--storage", _database);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains($"Pareto front: {core.Length} trials ({Ids(core)})", show.Output, StringComparison.Ordinal);

        CliRun studies = CliRun.Of("studies", "--storage", _database);
        Assert.Matches($"{TwoObjectives} .* front of {core.Length}", studies.Output);

        // The hypervolume and its inferred reference point, as the tool gives them to scripts, are the core's.
        foreach (CliRun json in new[] { CliRun.Of("show", TwoObjectives, "--format", "json", "--storage", _database), CliRun.Of("studies", "--format", "json", "--storage", _database) })
        {
            System.Text.Json.Nodes.JsonNode result = System.Text.Json.Nodes.JsonNode.Parse(json.Output)!;
            System.Text.Json.Nodes.JsonNode front = (result is System.Text.Json.Nodes.JsonArray all ? all.Single(n => (string?)n!["name"] == TwoObjectives)! : result)["paretoFront"]!;
            Assert.Equal(core, front["trials"]!.AsArray().Select(n => (int)n!));
            Assert.Equal(hypervolume, (double)front["hypervolume"]!);
            Assert.Equal(reference, front["referencePoint"]!.AsArray().Select(n => (double)n!));
        }

        string path = Folder.File("front.html");
        CliRun report = CliRun.Of("report", TwoObjectives, "--out", path, "--storage", _database);
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Equal(core, FrontRows(File.ReadAllText(path)));
    }

    [Fact]
    public void The_core_the_report_and_the_tool_name_the_same_best_trial()
    {
        int best;
        string reportHtml;
        using (var storage = new SqliteStudyStorage(_database))
        {
            Study study = Study.Open(storage, OneObjective);
            best = study.BestTrial.Id;
            Assert.Equal(2, best);
            Assert.Equal(best, new StudySnapshot(study).BestTrial!.Id);
            reportHtml = StudyReport.ToHtml(study);
        }

        SqliteConnection.ClearAllPools();
        Assert.Contains($"Best trial: #{best}, accuracy = 0.93", reportHtml, StringComparison.Ordinal);
        Assert.Equal([best], FrontRows(reportHtml)); // the best trial alone is highlighted, not trial 5, which ties with it

        CliRun show = CliRun.Of("show", OneObjective, "--storage", _database);
        Assert.Contains($"Best trial: #{best}", show.Output, StringComparison.Ordinal);
        CliRun studies = CliRun.Of("studies", "--storage", _database);
        Assert.Contains($"accuracy 0.93 (#{best})", studies.Output, StringComparison.Ordinal);
        Assert.Contains("completed*", show.Output, StringComparison.Ordinal); // trial 3 breaks the constraint
    }

    private static int[] FrontRows(string html) =>
        [.. FrontRow().Matches(html).Select(m => int.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture))];

    private static string Ids(IEnumerable<int> ids) => string.Join(", ", ids.Select(id => "#" + id.ToString(CultureInfo.InvariantCulture)));

    [GeneratedRegex("data-trial=\"(?<id>[0-9]+)\" data-front=\"true\"")]
    private static partial Regex FrontRow();
}
