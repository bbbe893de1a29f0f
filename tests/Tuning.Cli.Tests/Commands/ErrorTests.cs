using Microsoft.Data.Sqlite;
using Tuning.Cli.Tests.Support;

namespace Tuning.Cli.Tests.Commands;

/// <summary>Failing commands: the right exit code, one clear message on standard error, nothing on standard output, nothing changed on disk.</summary>
public sealed class ErrorTests : SampleDatabaseTests
{
    [Theory]
    [InlineData("studies")]
    [InlineData("show", SampleStudies.Single)]
    [InlineData("export", SampleStudies.Single, "--format", "json")]
    [InlineData("report", SampleStudies.Single, "--out", "REPORT")]
    public void A_missing_database_file_is_not_found_and_not_created(params string[] command)
    {
        string missing = Folder.File("nested/missing.db");
        IReadOnlyList<string> before = Folder.Snapshot();

        CliRun run = CliRun.Of([.. command.Select(a => a == "REPORT" ? Folder.File("r.html") : a), "--storage", "sqlite:" + missing]);

        AssertFailed(run, 2, $"The SQLite database '{missing}' does not exist");
        Assert.Equal(before, Folder.Snapshot());
    }

    [Theory]
    [InlineData("show", "nope")]
    [InlineData("export", "nope", "--format", "csv", "--out", "OUT")]
    [InlineData("report", "nope", "--out", "OUT")]
    public void An_unknown_study_is_not_found_the_known_ones_are_listed_and_nothing_is_written(params string[] command)
    {
        IReadOnlyList<string> before = Folder.Snapshot();

        CliRun run = CliRun.Of([.. command.Select(a => a == "OUT" ? Folder.File("out/file") : a), "--storage", Database]);

        AssertFailed(run, 2, $"There is no study named 'nope' in sqlite:{Database}. Its studies are: {SampleStudies.Single}, {SampleStudies.TwoObjectives}.");
        Assert.Equal(before, Folder.Snapshot());
    }

    [Theory]
    [InlineData("nonsense", "'nonsense' is not a storage")]
    [InlineData("sqlite:", "names no SQLite file")]
    [InlineData("postgres:", "has no connection string")]
    [InlineData("postgres:Host=localhost;Nonsense Key=1", "The PostgreSQL connection string is not valid")]
    [InlineData("postgres:Database=tuning", "has no Host")]
    [InlineData("postgres:Host=localhost;Port=99999", "Port must be between 1 and 65535; it is 99999.")]
    [InlineData("Host=localhost;Port=70000", "Port must be between 1 and 65535; it is 70000.")]
    public void A_bad_storage_string_is_a_usage_error(string storage, string message)
    {
        AssertFailed(CliRun.Of("studies", "--storage", storage), 1, message);
    }

    [Fact]
    public void No_storage_at_all_is_a_usage_error_that_names_the_environment_variable()
    {
        AssertFailed(CliRun.Of("studies"), 1, "No storage given: pass --storage sqlite:PATH or --storage postgres:CONNECTIONSTRING, or set TUNING_STORAGE.");
    }

    [Fact]
    public void An_unreachable_postgres_server_is_a_storage_error_that_never_shows_the_password()
    {
        CliRun run = CliRun.Of("studies", "--storage", "postgres:Host=127.0.0.1;Port=1;Username=someone;Password=hunter2;Timeout=5");

        AssertFailed(run, 2, "127.0.0.1:1");
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_with_a_sqlite_storage_is_a_usage_error()
    {
        AssertFailed(CliRun.Of("studies", "--storage", Database, "--schema", "tuning"), 1, "--schema names a PostgreSQL schema");
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error_with_a_suggestion()
    {
        AssertFailed(CliRun.Of("shwo", SampleStudies.Single, "--storage", Database), 1, "'shwo' is not a command. Did you mean 'show'? The commands are: studies, show, report, export, import, dashboard, fail-stale, delete, rename, copy.");
        AssertFailed(CliRun.Of(), 1, "Required command was not provided.");
    }

    [Fact]
    public void Unknown_options_and_missing_arguments_are_usage_errors()
    {
        AssertFailed(CliRun.Of("studies", "--bogus", "--storage", Database), 1, "'--bogus'");
        AssertFailed(CliRun.Of("show", "--storage", Database), 1, "Required argument 'STUDY' missing");
        AssertFailed(CliRun.Of("report", SampleStudies.Single, "--storage", Database), 1, "Option '--out' is required.");
    }

    [Theory]
    [InlineData("report", "")]
    [InlineData("report", "  ")]
    [InlineData("export", "")]
    [InlineData("export", " ")]
    public void An_empty_out_file_is_a_usage_error_that_names_the_option(string command, string file)
    {
        IReadOnlyList<string> before = Folder.Snapshot();

        CliRun run = CliRun.Of([command, SampleStudies.Single, .. command == "export" ? ["--format", "csv"] : Array.Empty<string>(), "--out", file, "--storage", Database]);

        AssertFailed(run, 1, "--out is empty: give the file to write.");
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Folder.Snapshot());
    }

    [Theory]
    [InlineData("copy", "--as", "", "--as is empty: give the copy's name.")]
    [InlineData("copy", "--as", " ", "--as is empty: give the copy's name.")]
    [InlineData("rename", " ", null, "NEWNAME is empty: give the study's new name.")]
    public void An_empty_new_name_is_a_usage_error_that_names_it_and_creates_nothing(string command, string first, string? second, string message)
    {
        SqliteConnection.ClearAllPools();
        IReadOnlyList<string> before = Folder.Snapshot();

        CliRun run = CliRun.Of([command, SampleStudies.Single, first, .. second is null ? Array.Empty<string>() : [second], .. command == "copy" ? ["--to", Folder.File("backup/copy.db")] : Array.Empty<string>(), "--storage", Database]);

        AssertFailed(run, 1, message);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Folder.Snapshot());
    }

    [Fact]
    public void An_unknown_export_format_is_a_usage_error_and_writes_nothing()
    {
        IReadOnlyList<string> before = Folder.Snapshot();

        AssertFailed(CliRun.Of("export", SampleStudies.Single, "--format", "xml", "--out", Folder.File("x.xml"), "--storage", Database), 1, "'xml'");
        AssertFailed(CliRun.Of("export", SampleStudies.Single, "--out", Folder.File("x.txt"), "--storage", Database), 1, "Give --format csv or --format json");
        Assert.Equal(before, Folder.Snapshot());
    }

    [Fact]
    public void An_empty_file_is_refused_and_not_turned_into_a_database()
    {
        string empty = Folder.File("empty.db");
        File.WriteAllBytes(empty, []);
        IReadOnlyList<string> before = Folder.Snapshot();

        AssertFailed(CliRun.Of("studies", "--storage", empty), 2, "is not a Tuning study database");
        Assert.Equal(before, Folder.Snapshot());
        Assert.Equal(0, new FileInfo(empty).Length);
    }

    [Fact]
    public void A_file_that_is_not_sqlite_or_another_application_database_is_refused_and_left_unchanged()
    {
        string garbage = Folder.RandomFile("garbage.sqlite", seed: 3).Path;
        string other = Folder.File("other.db");
        using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY)";
            create.ExecuteNonQuery();
        }

        IReadOnlyList<string> before = Folder.Snapshot();

        AssertFailed(CliRun.Of("studies", "--storage", garbage), 2, "cannot be read as a SQLite database");
        AssertFailed(CliRun.Of("studies", "--storage", other), 2, "is not a Tuning study database");
        AssertFailed(CliRun.Of("studies", "--storage", "sqlite:" + Folder.Path), 2, "is a folder");
        Assert.Equal(before, Folder.Snapshot());
    }

    [Fact]
    public void Reading_commands_leave_the_database_unchanged()
    {
        IReadOnlyList<string> before = Folder.Snapshot();

        Assert.Equal(0, CliRun.Of("studies", "--storage", Database).ExitCode);
        Assert.Equal(0, CliRun.Of("show", SampleStudies.Single, "--storage", Database).ExitCode);
        Assert.Equal(0, CliRun.Of("export", SampleStudies.Single, "-f", "json", "--storage", Database).ExitCode);

        Assert.Equal(before, Folder.Snapshot());
    }

    private static void AssertFailed(CliRun run, int exitCode, string message)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Equal(string.Empty, run.Output);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
