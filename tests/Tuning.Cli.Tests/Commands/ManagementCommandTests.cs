using Microsoft.Data.Sqlite;
using Tuning.Cli.Tests.Support;
using Tuning.Storage.PostgreSql;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Cli.Tests.Commands;

/// <summary><c>delete</c> (only with --yes), <c>rename</c> and <c>copy</c> (between files, and to PostgreSQL).</summary>
public sealed class ManagementCommandTests : SampleDatabaseTests
{
    private readonly string _schema = PostgresServer.NewSchema();

    protected override void Dispose(bool disposing)
    {
        PostgresServer.DropSchema(_schema);
        base.Dispose(disposing);
    }

    [Fact]
    public void Delete_needs_yes_and_then_deletes_the_study_with_its_trials()
    {
        CliRun refused = CliRun.Of("delete", SampleStudies.Single, "--storage", Database);

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("pass --yes to confirm", refused.Error, StringComparison.Ordinal);
        Assert.Contains("6 trials", refused.Error, StringComparison.Ordinal);
        Assert.Equal([SampleStudies.Single, SampleStudies.TwoObjectives], Names());

        CliRun deleted = CliRun.Of("delete", SampleStudies.Single, "--yes", "--storage", Database);

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Contains($"Deleted the study '{SampleStudies.Single}' and its 6 trials", deleted.Output, StringComparison.Ordinal);
        Assert.Equal([SampleStudies.TwoObjectives], Names());
        Assert.Equal(ExitCodes.Failure, CliRun.Of("delete", SampleStudies.Single, "--yes", "--storage", Database).ExitCode);
    }

    [Fact]
    public void A_study_of_one_trial_is_counted_in_the_singular()
    {
        using (var storage = new SqliteStudyStorage(Database))
        {
            Study study = Study.Create(storage, "one", SampleStudies.Space(), [Metric.Minimize("loss")]);
            study.Tell(study.Ask(), 0.5);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        CliRun copied = CliRun.Of("copy", "one", "--as", "one-again", "--storage", Database);
        CliRun deleted = CliRun.Of("delete", "one", "--yes", "--storage", Database);

        Assert.True(copied.ExitCode == 0, copied.ToString());
        Assert.Contains("Copied the study 'one' (1 trial) from", copied.Output, StringComparison.Ordinal);
        Assert.Contains("Deleted the study 'one' and its 1 trial from", deleted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rename_renames_and_refuses_a_taken_name()
    {
        CliRun renamed = CliRun.Of("rename", SampleStudies.Single, "mnist-lr-v1", "--storage", Database);
        CliRun taken = CliRun.Of("rename", "mnist-lr-v1", SampleStudies.TwoObjectives, "--storage", Database);

        Assert.True(renamed.ExitCode == 0, renamed.ToString());
        Assert.Equal(["mnist-lr-v1", SampleStudies.TwoObjectives], Names());
        Assert.Equal(ExitCodes.Failure, taken.ExitCode);
        Assert.Contains("already has a study named", taken.Error, StringComparison.Ordinal);
        Assert.Equal(6, Open("mnist-lr-v1").Trials.Count);
    }

    [Fact]
    public void Copy_creates_the_destination_file_and_copies_every_trial()
    {
        string backup = Folder.File("backup/copy.db");
        string expected = Open(SampleStudies.Single).ToJson();

        CliRun copied = CliRun.Of("copy", SampleStudies.Single, "--to", "sqlite:" + backup, "--storage", Database);
        CliRun again = CliRun.Of("copy", SampleStudies.Single, "--to", backup, "--storage", Database);
        CliRun renamed = CliRun.Of("copy", SampleStudies.Single, "--as", "twin", "--storage", Database);

        Assert.True(copied.ExitCode == 0, copied.ToString());
        Assert.Contains("(6 trials)", copied.Output, StringComparison.Ordinal);
        using (var storage = new SqliteStudyStorage(backup))
        {
            Assert.Equal(expected, Study.Open(storage, SampleStudies.Single).ToJson());
        }

        Assert.Equal(ExitCodes.Failure, again.ExitCode);
        Assert.Contains("copy it --as another name", again.Error, StringComparison.Ordinal);
        Assert.True(renamed.ExitCode == 0, renamed.ToString());
        Assert.Equal(expected.Replace($"\"name\": \"{SampleStudies.Single}\"", "\"name\": \"twin\"", StringComparison.Ordinal), Open("twin").ToJson());
        Assert.Equal(ExitCodes.Usage, CliRun.Of("copy", SampleStudies.Single, "--storage", Database).ExitCode);
        CliRun schemaWithoutTarget = CliRun.Of("copy", SampleStudies.Single, "--as", "triplet", "--to-schema", "other", "--storage", Database);
        Assert.Equal(ExitCodes.Usage, schemaWithoutTarget.ExitCode);
        Assert.Contains("--to-schema names the PostgreSQL schema of the storage given with --to", schemaWithoutTarget.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_copy_that_fails_leaves_no_destination_database_behind()
    {
        SqliteConnection.ClearAllPools();
        IReadOnlyList<string> before = Folder.Snapshot();

        CliRun failed = CliRun.Of("copy", SampleStudies.Single, "--to", Folder.File("backup/copy.db"), "--as", " ", "--storage", Database);

        Assert.NotEqual(0, failed.ExitCode);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Folder.Snapshot());
    }

    [PostgresFact]
    public void Copy_takes_a_study_from_SQLite_to_PostgreSQL_and_back_without_showing_the_password()
    {
        string connection = PostgresServer.RequireConnectionString();
        string expected = Open(SampleStudies.Single).ToJson();
        string back = Folder.File("back.db");

        CliRun there = CliRun.Of("copy", SampleStudies.Single, "--to", "postgres:" + connection, "--to-schema", _schema, "--storage", Database);
        CliRun home = CliRun.Of("copy", SampleStudies.Single, "--to", back, "--storage", "postgres:" + connection, "--schema", _schema);

        Assert.True(there.ExitCode == 0, there.ToString());
        Assert.True(home.ExitCode == 0, home.ToString());
        string password = new Npgsql.NpgsqlConnectionStringBuilder(connection).Password!;
        Assert.DoesNotContain($"Password={password}", there.Output + there.Error + home.Output + home.Error, StringComparison.OrdinalIgnoreCase);
        using (var storage = new PostgreSqlStudyStorage(connection, new PostgreSqlStudyStorageOptions { Schema = _schema }))
        {
            Assert.Equal(expected, Study.Open(storage, SampleStudies.Single).ToJson());
        }

        using var returned = new SqliteStudyStorage(back);
        Assert.Equal(expected, Study.Open(returned, SampleStudies.Single).ToJson());
    }

    private List<string> Names()
    {
        using var storage = new SqliteStudyStorage(Database);
        return [.. storage.ListStudies().Select(s => s.Name)];
    }

    private Study Open(string name)
    {
        var storage = new SqliteStudyStorage(Database);
        return Study.Open(storage, name);
    }
}
