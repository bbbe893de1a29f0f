using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>Copying a study from SQLite to PostgreSQL and back keeps every trial and the queue exactly.</summary>
[RequiresPostgres]
public sealed class PostgreSqlCopyTests : PostgresSchemaTests
{
    private readonly TempFolder _folder = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _folder.Dispose();
    }

    [StorageFact]
    public void A_study_copied_from_SQLite_to_PostgreSQL_and_back_exports_the_same()
    {
        using var sqlite = new SqliteStudyStorage(_folder.File("from.db"));
        using var postgres = NewStorage();
        using var back = new SqliteStudyStorage(_folder.File("back.db"));
        Study study = Study.Create(sqlite, "lightgbm", StoredTrials.Space, [Metric.Minimize("loss"), Metric.Store("size")], new RandomSuggester(seed: 1));
        foreach (Trial trial in study.Ask(4))
        {
            trial.Report(1, 0.5);
            trial.SetAttribute("model", $"m{trial.Id}.zip");
            if (trial.Id == 1)
            {
                study.Fail(trial, "out of memory\n\"again\"");
            }
            else if (trial.Id != 3)
            {
                study.Tell(trial, new Measurements { ["loss"] = trial.GetDouble("x"), ["size"] = trial.Id });
            }
        }

        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["y"] = 0.5, ["kind"] = "a" });
        string json = study.ToJson();

        Study.Copy(sqlite, "lightgbm", postgres);
        Study.Copy(postgres, "lightgbm", back, "lightgbm");

        Assert.Equal(json, Study.Open(postgres, "lightgbm", new RandomSuggester(seed: 1)).ToJson());
        Assert.Equal(json, Study.Open(back, "lightgbm", new RandomSuggester(seed: 1)).ToJson());
        Study.Delete(postgres, "lightgbm");
        Assert.Empty(postgres.ListStudies());
        Assert.Single(sqlite.ListStudies());
    }
    /// <summary>Text pieces that storages, JSON and HTML treat specially: quotes, escapes, NUL, line breaks, surrogate pairs, markup.</summary>
    private static readonly string[] Pieces = ["", "a", "ü", "\"", "\\", "\n", "\r\n", "\0", "😀", " ", "</script>", "<b>", "\u2028", ",", "=cmd", "%2F", "'"];

    [StorageFact]
    public void Random_studies_of_any_text_fidelity_and_state_copy_from_SQLite_to_PostgreSQL_and_back_exactly()
    {
        using var postgres = NewStorage();
        for (int seed = 0; seed < 30; seed++)
        {
            var random = new Random(seed);
            string Text(string prefix) => prefix + string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            string[] choices = [.. Enumerable.Range(0, random.Next(2, 5)).Select(k => Text($"c{k}"))];
            var builder = new SearchSpaceBuilder()
                .Float(Text("lr"), 1e-4, 1, log: true)
                .Categorical(Text("kind"), choices)
                .Int(Text("n"), -3, 9, step: 3)
                .Bool(Text("flag"));
            builder.Float(Text("momentum"), 0, 1, when: (builder.Build().Parameters[1].Name, choices[0]));
            _ = random.Next(3) switch
            {
                1 => builder.IntFidelity(Text("epochs"), 1, 27),
                2 => builder.Tasks(Text("data"), new FidelityTask(Text("small"), 0.1), new FidelityTask(Text("full"), 1)),
                _ => builder,
            };
            Metric[] metrics = random.Next(2) == 0
                ? [Metric.Minimize(Text("loss")), Metric.Constraint(Text("ms") + "!", max: 5), Metric.Store(Text("size") + "?")]
                : [Metric.Maximize(Text("acc")), Metric.Minimize(Text("ms") + "#"), Metric.Constraint(Text("mem") + "!", min: 1)];
            string name = $"random-{seed}" + Text("-").Replace("\0", string.Empty, StringComparison.Ordinal); // PostgreSQL refuses a NUL in a study's name
            using var sqlite = new SqliteStudyStorage(_folder.File($"{seed}.db"));
            Study study = Study.Create(sqlite, name, builder.Build(), metrics, new RandomSuggester(seed));
            for (int i = random.Next(12); i > 0; i--)
            {
                Trial trial = study.Ask();
                for (int step = 1; step <= random.Next(4); step++)
                {
                    trial.Report(step, random.NextDouble() * Math.Pow(10, random.Next(-300, 300)));
                }

                for (int a = random.Next(3); a > 0; a--)
                {
                    trial.SetAttribute(Text("key"), Text("value"));
                }

                switch (random.Next(4))
                {
                    case 0:
                        var values = new Measurements();
                        foreach (Metric metric in metrics)
                        {
                            values[metric.Name] = (random.NextDouble() * 10) - 2;
                        }

                        study.Tell(trial, values);
                        break;
                    case 1:
                        study.Fail(trial, Text("failed"));
                        break;
                    case 2:
                        study.Prune(trial);
                        break;
                }
            }

            if (study.Trials.Count > 0)
            {
                study.Enqueue(study.Trials[0].Parameters.ToDictionary());
            }

            string json = study.ToJson();
            using var back = new SqliteStudyStorage(_folder.File($"{seed}-back.db"));

            Study.Copy(sqlite, name, postgres);
            Study.Copy(postgres, name, back);

            Assert.Equal(json, Study.Open(postgres, name).ToJson());
            Assert.Equal(json, Study.Open(back, name).ToJson());
            Assert.Equal(json, Study.FromJson(json).ToJson());
        }
    }
}
