using Tuning.Cli.Tests.Support;
using Tuning.Storage.PostgreSql;
using Tuning.TestSupport;

namespace Tuning.Cli.Tests.Commands;

/// <summary>The commands against a study in PostgreSQL (skipped without <c>TUNING_POSTGRES</c>).</summary>
public sealed class PostgreSqlCommandTests : IDisposable
{
    private readonly string _schema = PostgresServer.NewSchema();

    public void Dispose() => PostgresServer.DropSchema(_schema);

    [PostgresFact]
    public void Studies_show_and_export_read_a_postgres_study()
    {
        string connectionString = PostgresServer.RequireConnectionString();
        string expectedJson;
        using (var storage = new PostgreSqlStudyStorage(connectionString, new PostgreSqlStudyStorageOptions { Schema = _schema }))
        {
            Study study = Study.Create(storage, "pg-study", SampleStudies.Space(), [Metric.Minimize("loss")], new RandomSuggester(seed: 4));
            study.Tell(study.Ask(), 0.5);
            study.Tell(study.Ask(), 0.25);
            study.Fail(study.Ask(), "out of memory");
            expectedJson = study.ToJson();
        }

        string storageOption = "postgres:" + connectionString;
        CliRun studies = CliRun.Of("studies", "--storage", storageOption, "--schema", _schema);
        CliRun show = CliRun.Of("show", "pg-study", "--storage", storageOption, "--schema", _schema);
        CliRun export = CliRun.WithEnvironment(new Dictionary<string, string> { ["TUNING_STORAGE"] = connectionString }, "export", "pg-study", "-f", "json", "--schema", _schema);

        Assert.True(studies.ExitCode == 0, studies.ToString());
        Assert.Contains("pg-study", studies.Output, StringComparison.Ordinal);
        Assert.Contains("loss 0.25 (#1)", studies.Output, StringComparison.Ordinal);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("Best trial: #1", show.Output, StringComparison.Ordinal);
        Assert.Contains("out of memory", show.Output, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(expectedJson + Environment.NewLine, export.Output);
    }

    [PostgresFact]
    public void A_schema_without_studies_is_a_storage_error_and_is_not_created()
    {
        CliRun run = CliRun.Of("studies", "--storage", "postgres:" + PostgresServer.RequireConnectionString(), "--schema", _schema);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.False(PostgresServer.SchemaExists(_schema));
    }

    [PostgresFact]
    public void A_name_postgres_cannot_hold_is_a_clear_failure_of_import_copy_and_rename_and_stores_nothing()
    {
        string connectionString = PostgresServer.RequireConnectionString();
        string storageOption = "postgres:" + connectionString;
        var random = new Random(3);
        string longName = new([.. Enumerable.Range(0, 4000).Select(_ => (char)random.Next('a', 'z' + 1))]);
        string folder = Directory.CreateTempSubdirectory("tuning-cli-names-").FullName;
        try
        {
            string source = Path.Combine(folder, "source.db");
            string exported = Path.Combine(folder, "nul.json");
            using (var sqlite = new Tuning.Storage.Sqlite.SqliteStudyStorage(source))
            {
                Study study = Study.Create(sqlite, "a\0b", SampleStudies.Space(), [Metric.Minimize("loss")], new RandomSuggester(seed: 4));
                study.Tell(study.Ask(), 0.5);
                File.WriteAllText(exported, study.ToJson());
                Study.Create(sqlite, longName, SampleStudies.Space(), [Metric.Minimize("loss")]);
            }

            using (var storage = new PostgreSqlStudyStorage(connectionString, new PostgreSqlStudyStorageOptions { Schema = _schema }))
            {
                Study.Create(storage, "kept", SampleStudies.Space(), [Metric.Minimize("loss")]);
            }

            CliRun[] runs =
            [
                CliRun.Of("import", exported, "--storage", storageOption, "--schema", _schema),
                CliRun.Of("copy", longName, "--storage", source, "--to", storageOption, "--to-schema", _schema),
                CliRun.Of("rename", "kept", longName, "--storage", storageOption, "--schema", _schema),
            ];

            Assert.All(runs, run => Assert.True(run.ExitCode == 2, run.ToString()));
            Assert.All(runs, run => Assert.DoesNotContain("Unexpected", run.Error, StringComparison.Ordinal));
            Assert.All(runs, run => Assert.Contains("cannot hold a study named", run.Error, StringComparison.Ordinal));
            Assert.Contains("NUL", runs[0].Error, StringComparison.Ordinal);
            Assert.All(runs.Skip(1), run => Assert.Contains("4000 bytes", run.Error, StringComparison.Ordinal));
            using var check = new PostgreSqlStudyStorage(connectionString, new PostgreSqlStudyStorageOptions { Schema = _schema });
            Assert.Equal(["kept"], check.ListStudies().Select(s => s.Name));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [PostgresFact]
    public void A_failed_import_or_copy_removes_the_schema_it_created_and_keeps_one_that_was_there()
    {
        string connectionString = PostgresServer.RequireConnectionString();
        string storageOption = "postgres:" + connectionString;
        var random = new Random(5);
        string longName = new([.. Enumerable.Range(0, 4000).Select(_ => (char)random.Next('a', 'z' + 1))]); // too long for PostgreSQL's index of names
        string folder = Directory.CreateTempSubdirectory("tuning-cli-created-").FullName;
        string copySchema = PostgresServer.NewSchema();
        try
        {
            string source = Path.Combine(folder, "source.db");
            string exported = Path.Combine(folder, "study.json");
            using (var sqlite = new Tuning.Storage.Sqlite.SqliteStudyStorage(source))
            {
                Study study = Study.Create(sqlite, longName, SampleStudies.Space(), [Metric.Minimize("loss")], new RandomSuggester(seed: 4));
                study.Tell(study.Ask(), 0.5);
                File.WriteAllText(exported, study.ToJson());
            }

            CliRun import = CliRun.Of("import", exported, "--storage", storageOption, "--schema", _schema);
            CliRun copy = CliRun.Of("copy", longName, "--storage", source, "--to", storageOption, "--to-schema", copySchema);

            Assert.True(import.ExitCode == 2, import.ToString());
            Assert.True(copy.ExitCode == 2, copy.ToString());
            Assert.False(PostgresServer.SchemaExists(_schema), "the failed import left its new schema behind");
            Assert.False(PostgresServer.SchemaExists(copySchema), "the failed copy left its new schema behind");

            using (var storage = new PostgreSqlStudyStorage(connectionString, new PostgreSqlStudyStorageOptions { Schema = _schema }))
            {
                Study.Create(storage, "kept", SampleStudies.Space(), [Metric.Minimize("loss")]);
            }

            CliRun intoExisting = CliRun.Of("copy", longName, "--storage", source, "--to", storageOption, "--to-schema", _schema);

            Assert.True(intoExisting.ExitCode == 2, intoExisting.ToString());
            using var check = new PostgreSqlStudyStorage(connectionString, new PostgreSqlStudyStorageOptions { Schema = _schema });
            Assert.Equal(["kept"], check.ListStudies().Select(s => s.Name));
        }
        finally
        {
            PostgresServer.DropSchema(copySchema);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [PostgresFact]
    public void An_unknown_study_lists_the_known_ones()
    {
        string connectionString = PostgresServer.RequireConnectionString();
        using (var storage = new PostgreSqlStudyStorage(connectionString, new PostgreSqlStudyStorageOptions { Schema = _schema }))
        {
            Study.Create(storage, "first", SampleStudies.Space(), [Metric.Minimize("loss")]);
        }

        CliRun run = CliRun.Of("show", "second", "--storage", connectionString, "--schema", _schema);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("There is no study named 'second'", run.Error, StringComparison.Ordinal);
        Assert.Contains("Its studies are: first.", run.Error, StringComparison.Ordinal);
    }
}
