using System.Text.Json.Nodes;

namespace Tuning.Tests.Storage;

/// <summary>An import refuses what would break the study later, naming the trial and the field, and creates nothing.</summary>
public class StudyJsonValidationTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Int("layers", 1, 8).Build();

    /// <summary>An export of a study with a completed, a pruned and a failed trial, as a JSON tree to break.</summary>
    private static JsonNode Export()
    {
        var study = new Study(Space, [Metric.Minimize("loss"), Metric.Store("size")], new RandomSuggester(seed: 1));
        Trial completed = study.Ask();
        completed.Report(1, 0.5);
        completed.Report(2, 0.4);
        study.Tell(completed, new Measurements { ["loss"] = 0.4, ["size"] = 3 });
        Trial pruned = study.Ask();
        pruned.Report(1, 0.9);
        study.Prune(pruned);
        study.Fail(study.Ask(), "diverged");
        return JsonNode.Parse(study.ToJson())!;
    }

    public static TheoryData<string, string, string> Breakages => new()
    {
        { "a completed trial without its objective value", "values.loss", "Trial 0" },
        { "a value of 1e400", "values.size=1e400", "Trial 0" },
        { "report steps that decrease", "reports.decreasing", "Trial 0" },
        { "a state 99", "state=99", "Trial 1" },
        { "a null trial entry", "null", "Trial entry 1" },
        { "an int given as 2.5", "parameters.layers=2.5", "Trial 2" },
        { "a failed trial with values", "failed.values", "Trial 2" },
        { "an attribute with an empty key", "attributes.empty", "Trial 0" },
        { "a time without a zone", "startedAt.nozone", "Trial 1" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_broken_trial_is_refused_naming_the_trial_and_the_field_and_nothing_is_created(string what, string breakage, string trialName)
    {
        JsonNode root = Export();
        JsonArray trials = root["trials"]!.AsArray();
        string field;
        switch (breakage)
        {
            case "values.loss":
                trials[0]!["values"]!.AsObject().Remove("loss");
                field = "loss";
                break;
            case "values.size=1e400":
                string text = root.ToJsonString();
                root = JsonNode.Parse(text.Replace("\"size\":3", "\"size\":1e400", StringComparison.Ordinal))!;
                Assert.NotEqual(text, root.ToJsonString());
                field = "size";
                break;
            case "reports.decreasing":
                trials[0]!["reports"] = JsonNode.Parse("[[2, 0.5], [1, 0.4]]");
                field = "reports";
                break;
            case "state=99":
                trials[1]!["state"] = "99";
                field = "state";
                break;
            case "null":
                trials[1] = null;
                field = "null";
                break;
            case "failed.values":
                trials[2]!["values"] = JsonNode.Parse("{\"loss\": 0.1}");
                field = "values";
                break;
            case "attributes.empty":
                trials[0]!["attributes"] = JsonNode.Parse("{\" \": \"x\"}");
                field = "attributes";
                break;
            case "startedAt.nozone":
                trials[1]!["startedAt"] = "2026-12-05T14:00:00";
                field = "startedAt";
                break;
            default:
                trials[2]!["parameters"]!["layers"] = 2.5;
                field = "layers";
                break;
        }

        var storage = new InMemoryStudyStorage();
        string json = root.ToJsonString();

        var e = Assert.Throws<FormatException>(() => Study.FromJson(json, storage));

        Assert.Contains(trialName, e.Message, StringComparison.Ordinal);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
        Assert.Empty(storage.ListStudies());
        Assert.NotNull(what);
    }

    [Theory]
    [InlineData("2026-12-05T14:00:00Z")]
    [InlineData("2026-12-05T14:00:00.5Z")]
    [InlineData("2026-12-05T16:00:00+02:00")]
    [InlineData("2026-12-05T14:00:00.0000000+00:00")]
    public void Times_to_the_second_or_with_a_shorter_fraction_import(string startedAt)
    {
        JsonNode root = Export();
        foreach (JsonNode? trial in root["trials"]!.AsArray())
        {
            trial!["startedAt"] = startedAt;
            trial["heartbeatAt"] = startedAt;
            trial["finishedAt"] = startedAt;
        }

        Study study = Study.FromJson(root.ToJsonString(), new InMemoryStudyStorage());

        Assert.All(study.Trials, t => Assert.Equal(new DateTimeOffset(2026, 12, 5, 14, 0, 0, TimeSpan.Zero), t.StartedAt.AddTicks(-(t.StartedAt.Ticks % TimeSpan.TicksPerSecond))));
    }

    [Fact]
    public void Times_with_an_offset_import_as_their_UTC_instants_as_every_storage_keeps_them()
    {
        // Berlin's clocks across the end of summer time: 02:30 at +02:00, then 02:10 at +01:00, 40 minutes later.
        (string Local, string Utc)[] times =
        [
            ("2026-10-25T02:30:00+02:00", "2026-10-25T00:30:00Z"),
            ("2026-10-25T02:10:00+01:00", "2026-10-25T01:10:00Z"),
            ("2026-10-25T02:20:00+01:00", "2026-10-25T01:20:00Z"),
        ];
        JsonNode local = Export();
        JsonNode utc = local.DeepClone();
        for (int i = 0; i < 3; i++)
        {
            foreach ((JsonNode root, string time) in new[] { (local, times[i].Local), (utc, times[i].Utc) })
            {
                JsonNode trial = root["trials"]![i]!;
                trial["startedAt"] = time;
                trial["heartbeatAt"] = time;
                trial["finishedAt"] = time;
            }
        }

        Study imported = Study.FromJson(local.ToJsonString());

        Assert.All(imported.Trials, t => Assert.Equal(TimeSpan.Zero, t.StartedAt.Offset));
        Assert.Equal(Study.FromJson(utc.ToJsonString()).ToJson(), imported.ToJson());
        using var csv = new StringWriter();
        imported.WriteCsv(csv);
        Assert.Contains("2026-10-25T01:10:00.0000000+00:00", csv.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trial", "Trial 1: parameters: ", "Parameter 'momentum' is given but inactive: its condition optimizer in {sgd} does not hold.")]
    [InlineData("missing", "Trial 2: parameters: ", "Parameter 'momentum' is active but has no value.")]
    [InlineData("enqueued", "Enqueued entry 0: parameters: ", "Parameter 'momentum' is given but inactive: its condition optimizer in {sgd} does not hold.")]
    [InlineData("null", "Trial 2: parameters: ", "Parameter 'momentum' is active but has no value: it is null.")]
    public void Parameters_that_break_a_condition_are_refused_in_words_of_the_document_without_an_argument_it_does_not_have(string where, string location, string problem)
    {
        SearchSpace space = new SearchSpaceBuilder().Categorical("optimizer", "adam", "sgd").Float("momentum", 0.5, 0.99, when: ("optimizer", "sgd")).Build();
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        study.Enqueue(new Dictionary<string, object> { ["optimizer"] = "adam" });
        study.Enqueue(new Dictionary<string, object> { ["optimizer"] = "adam" });
        study.Enqueue(new Dictionary<string, object> { ["optimizer"] = "sgd", ["momentum"] = 0.9 });
        study.Enqueue(new Dictionary<string, object> { ["optimizer"] = "adam" });
        study.Tell(study.Ask(), 1);
        study.Tell(study.Ask(), 2);
        study.Tell(study.Ask(), 3);
        JsonNode root = JsonNode.Parse(study.ToJson())!;
        switch (where)
        {
            case "trial":
                root["trials"]![1]!["parameters"]!["momentum"] = 0.9;
                break;
            case "missing":
                root["trials"]![2]!["parameters"]!.AsObject().Remove("momentum");
                break;
            case "null":
                root["trials"]![2]!["parameters"]!["momentum"] = null;
                break;
            default:
                root["enqueued"]![0]!["momentum"] = 0.9;
                break;
        }

        var e = Assert.Throws<FormatException>(() => Study.FromJson(root.ToJsonString()));

        Assert.Contains(location, e.Message, StringComparison.Ordinal);
        Assert.EndsWith(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_for_an_inactive_parameter_is_no_value_as_for_enqueue()
    {
        SearchSpace space = new SearchSpaceBuilder().Categorical("optimizer", "adam", "sgd").Float("momentum", 0.5, 0.99, when: ("optimizer", "sgd")).Build();
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        study.Enqueue(new Dictionary<string, object> { ["optimizer"] = "adam" });
        study.Enqueue(new Dictionary<string, object> { ["optimizer"] = "sgd", ["momentum"] = 0.9 });
        study.Enqueue(new Dictionary<string, object> { ["optimizer"] = "adam" });
        study.Tell(study.Ask(), 1);
        study.Tell(study.Ask(), 2);
        string exported = study.ToJson();
        JsonNode root = JsonNode.Parse(exported)!;
        root["trials"]![0]!["parameters"]!["momentum"] = null;
        root["enqueued"]![0]!["momentum"] = null;

        Study imported = Study.FromJson(root.ToJsonString());

        Assert.Equal(exported, imported.ToJson());
        Assert.False(imported.Trials[0].Parameters.IsActive("momentum"));
    }

    [Fact]
    public void A_corrected_document_imports_after_a_refused_one()
    {
        JsonNode root = Export();
        root["trials"]![1]!["state"] = "99";
        var storage = new InMemoryStudyStorage();
        Assert.Throws<FormatException>(() => Study.FromJson(root.ToJsonString(), storage));

        root["trials"]![1]!["state"] = "pruned";
        Study imported = Study.FromJson(root.ToJsonString(), storage);

        Assert.Equal([TrialState.Completed, TrialState.Pruned, TrialState.Failed], imported.Trials.Select(t => t.State));
        Assert.Equal(0.4, imported.BestTrial.Value);
    }

    [Theory]
    [InlineData("three objectives", "3 metrics are optimized (loss, size, extra); a study optimizes at most 2. Declare the others as Metric.Constraint or Metric.Store.")]
    [InlineData("a constraint with min above max", "Constraint 'extra' has min (2) > max (1): no value could satisfy it.")]
    [InlineData("two metrics of one name", "Two metrics are named 'loss'; metric names must be unique.")]
    public void A_refused_definition_of_metrics_says_why_without_naming_a_parameter_of_the_library(string what, string why)
    {
        // The document's metrics reach the checks of Study's constructor, whose ArgumentException ends with
        // "(Parameter 'metrics')": no parameter the importer passed, so the import's message leaves it out.
        JsonNode root = Export();
        JsonArray metrics = root["definition"]!["metrics"]!.AsArray();
        switch (what)
        {
            case "three objectives":
                metrics[1]!["kind"] = "minimize";
                metrics.Add(new JsonObject { ["name"] = "extra", ["kind"] = "maximize" });
                break;
            case "a constraint with min above max":
                metrics.Add(new JsonObject { ["name"] = "extra", ["kind"] = "constraint", ["min"] = 2, ["max"] = 1 });
                break;
            default:
                metrics[1]!["name"] = "loss";
                break;
        }

        FormatException e = Assert.Throws<FormatException>(() => Study.FromJson(root.ToJsonString()));
        Assert.EndsWith($"The study definition is not valid: {why}", e.Message, StringComparison.Ordinal);
    }
}
