using System.Text.Json.Nodes;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>
/// A study whose space has nested conditions keeps its inactive parameters absent through SQLite: in the stored trials,
/// after reopening, and in its exports; an import whose values break a condition is refused whole.
/// </summary>
public sealed class SqliteConditionalTests : TempFolderTests
{
    private static SearchSpace Space() => new SearchSpaceBuilder()
        .Categorical("optimizer", "adam", "sgd", "rmsprop")
        .Float("lr_adam", 1e-4, 1e-1, log: true, when: ("optimizer", "adam"))
        .Float("momentum", 0.5, 0.99, when: ("optimizer", new[] { "sgd", "rmsprop" }))
        .Bool("nesterov", when: ("optimizer", "sgd"))
        .Int("restarts", 1, 3, when: ("nesterov", true))
        .Float("warmup", 0, 1, when: ("restarts", new[] { 2, 3 }))
        .Float("x", -1, 1)
        .Build();

    [Fact]
    public void Inactive_parameters_stay_absent_when_the_study_is_reopened_and_exported()
    {
        string file = Folder.File("conditional.db");
        IReadOnlyList<ParameterValues> asked;
        using (var storage = new SqliteStudyStorage(file))
        {
            Study study = Study.CreateOrOpen(storage, "conditional", Space(), [Metric.Minimize("loss")], new RandomSuggester(seed: 5));
            foreach (Trial trial in study.Ask(40))
            {
                study.Tell(trial, trial.GetDouble("x"));
            }

            asked = [.. study.Trials.Select(t => t.Parameters)];
        }

        using var reopened = new SqliteStudyStorage(file);
        Study again = Study.Open(reopened, "conditional");
        Assert.Equal(asked, again.Trials.Select(t => t.Parameters));
        Assert.Contains(asked, p => p.IsActive("warmup"));
        Assert.Contains(asked, p => !p.IsActive("momentum"));

        JsonArray trials = JsonNode.Parse(again.ToJson())!["trials"]!.AsArray();
        for (int i = 0; i < asked.Count; i++)
        {
            string[] written = [.. trials[i]!["parameters"]!.AsObject().Select(kv => kv.Key)];
            Assert.Equal(asked[i].ToDictionary().Keys, written);
        }

        using var csv = new StringWriter();
        again.WriteCsv(csv);
        string[] rows = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        int warmup = Array.IndexOf(rows[0].Split(','), "warmup");
        for (int i = 0; i < asked.Count; i++)
        {
            string cell = rows[i + 1].Split(',')[warmup];
            Assert.Equal(asked[i].IsActive("warmup"), cell.Length > 0);
        }
    }

    [Theory]
    [InlineData("momentum", "'momentum' is given but inactive")]
    [InlineData("warmup", "'warmup' is given but inactive")]
    public void An_import_that_gives_an_inactive_parameter_a_value_leaves_no_study(string parameter, string expected)
    {
        var study = new Study(Space(), Metric.Minimize("loss"), new RandomSuggester(seed: 6));
        foreach (Trial trial in study.Ask(20))
        {
            study.Tell(trial, trial.GetDouble("x"));
        }

        JsonNode root = JsonNode.Parse(study.ToJson())!;
        int index = study.Trials.Select((t, i) => (t, i)).Last(x => !x.t.IsActive(parameter)).i;
        root["trials"]![index]!["parameters"]![parameter] = 0.75;
        using var storage = new SqliteStudyStorage(Folder.File("import.db"));

        var e = Assert.Throws<FormatException>(() => Study.FromJson(root.ToJsonString(), storage));

        Assert.Contains($"Trial {index}", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Empty(storage.ListStudies());
    }

    [Fact]
    public void An_import_that_leaves_an_active_parameter_without_a_value_leaves_no_study()
    {
        var study = new Study(Space(), Metric.Minimize("loss"), new RandomSuggester(seed: 7));
        foreach (Trial trial in study.Ask(20))
        {
            study.Tell(trial, trial.GetDouble("x"));
        }

        JsonNode root = JsonNode.Parse(study.ToJson())!;
        int index = study.Trials.Select((t, i) => (t, i)).Last(x => x.t.IsActive("momentum")).i;
        root["trials"]![index]!["parameters"]!.AsObject().Remove("momentum");
        using var storage = new SqliteStudyStorage(Folder.File("import.db"));

        var e = Assert.Throws<FormatException>(() => Study.FromJson(root.ToJsonString(), storage));

        Assert.Contains($"Trial {index}", e.Message, StringComparison.Ordinal);
        Assert.Contains("'momentum' is active but has no value", e.Message, StringComparison.Ordinal);
        Assert.Empty(storage.ListStudies());
    }
}
