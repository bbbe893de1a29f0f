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
}
