using Tuning.Tests.Support;

namespace Tuning.Tests.Storage;

public class StudyJsonTests
{
    [Fact]
    public void Export_then_import_round_trips_exactly()
    {
        PropertyCheck.ForAll(
            PropertyCheck.Seeds,
            seed =>
            {
                SearchSpace space = RandomSpaces.Build(seed);
                var study = new Study(space, [Metric.Minimize("loss"), Metric.Constraint("ms", min: 0, max: 5), Metric.Store("size")], new RandomSuggester(seed));
                var random = new Random(seed);
                foreach (Trial trial in study.Ask(6))
                {
                    trial.Report(1, random.NextDouble());
                    switch (trial.Id % 4)
                    {
                        case 0:
                            study.Tell(trial, new Measurements { ["loss"] = random.NextDouble() * 1e-300, ["ms"] = 3, ["size"] = 1e300 });
                            break;
                        case 1:
                            study.Fail(trial, "out of \"memory\"\n");
                            break;
                        case 2:
                            trial.SetAttribute("path", "ü/β");
                            study.Prune(trial);
                            break;
                    }
                }

                study.Enqueue(study.Trials[0].Parameters.ToDictionary());
                string json = study.ToJson();
                Study imported = Study.FromJson(json);
                Assert.Equal(json, imported.ToJson());
                Assert.Equal(study.Trials.Select(t => t.Parameters), imported.Trials.Select(t => t.Parameters));
                Assert.Equal(study.Trials.Select(t => t.StartedAt), imported.Trials.Select(t => t.StartedAt));
                Assert.Equal(study.Trials[0].Values["loss"], imported.Trials[0].Values["loss"]);
                Assert.Single(imported.Enqueued);
            },
            maxTest: 40);
    }

    [Fact]
    public void Values_and_attributes_are_exported_in_ordinal_key_order_as_every_storage_keeps_them()
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), [Metric.Minimize("z_loss"), Metric.Store("a_size"), Metric.Store("B")]);
        Trial trial = study.Ask();
        trial.SetAttribute("zeta", "1");
        trial.SetAttribute("alpha", "2");
        trial.SetAttribute("Beta", "3");
        study.Tell(trial, new Measurements { ["z_loss"] = 1, ["a_size"] = 2, ["B"] = 3 });

        System.Text.Json.Nodes.JsonNode exported = System.Text.Json.Nodes.JsonNode.Parse(study.ToJson())!["trials"]![0]!;

        Assert.Equal(["B", "a_size", "z_loss"], exported["values"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(["Beta", "alpha", "zeta"], exported["attributes"]!.AsObject().Select(kv => kv.Key));
    }

    [Fact]
    public void Text_is_exported_as_written_escaping_only_what_json_requires()
    {
        var study = new Study(new SearchSpaceBuilder().Categorical("optimizer", "adam+wd", "sgd").Build(), Metric.Minimize("loss"));
        Trial trial = study.Ask();
        trial.SetAttribute("note", "élan <b> & \"quoted\"");
        study.Tell(trial, 1);

        string exported = study.ToJson();

        Assert.Contains("\"élan <b> & \\\"quoted\\\"\"", exported, StringComparison.Ordinal);
        Assert.Contains("+00:00\"", exported, StringComparison.Ordinal);
        Assert.Equal("élan <b> & \"quoted\"", Study.FromJson(exported).Trials[0].Attributes["note"]);
    }

    [Fact]
    public void An_imported_study_continues_with_new_trials()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("y"), new SobolSuggester(seed: 1));
        study.Tell(study.Ask(), 0.4);
        Study imported = Study.FromJson(study.ToJson(), suggester: new SobolSuggester(seed: 1));
        Trial next = imported.Ask();
        Assert.Equal(1, next.Id);
        Assert.Equal(study.Ask().Parameters, next.Parameters);
        Assert.Equal(0.4, imported.BestTrial.Value);
    }

    [Fact]
    public void Documents_that_are_not_exported_studies_are_refused()
    {
        Assert.Throws<FormatException>(() => Study.FromJson("{\"format\": \"something\"}"));
        Assert.Contains("version 9", Assert.Throws<FormatException>(() => Study.FromJson("{\"format\": \"tuning-study\", \"version\": 9}")).Message);
        Assert.Throws<FormatException>(() => Study.FromJson("[1, 2"));
    }
}
