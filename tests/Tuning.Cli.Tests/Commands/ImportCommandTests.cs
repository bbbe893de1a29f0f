using Tuning.Cli.Tests.Support;
using Tuning.Storage.Sqlite;

namespace Tuning.Cli.Tests.Commands;

public sealed class ImportCommandTests : SampleDatabaseTests
{
    [Fact]
    public void An_exported_study_imports_into_a_new_database_exactly()
    {
        string file = Exported(SampleStudies.Single);
        string target = Folder.File("new/imported.db");

        CliRun run = CliRun.Of("import", file, "--storage", target);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"Imported the study '{SampleStudies.Single}' (6 trials) into sqlite:{target}.", run.Output.Trim());
        using var storage = new SqliteStudyStorage(target);
        Assert.Equal(File.ReadAllText(file), Study.Open(storage, SampleStudies.Single).ToJson());
    }

    [Fact]
    public void A_name_the_storage_holds_is_refused_and_as_imports_under_another()
    {
        string file = Exported(SampleStudies.Single);
        string before = StudyJson(SampleStudies.Single);

        CliRun taken = CliRun.Of("import", file, "--storage", Database);
        CliRun renamed = CliRun.Of("import", file, "--as", "second", "--storage", Database);

        Assert.Equal(2, taken.ExitCode);
        Assert.Contains($"already has a study named '{SampleStudies.Single}'; import it --as another name.", taken.Error);
        Assert.True(renamed.ExitCode == 0, renamed.ToString());
        Assert.Equal(before, StudyJson(SampleStudies.Single));
        using var storage = new SqliteStudyStorage(Database);
        Study second = Study.Open(storage, "second");
        Assert.Equal(6, second.Trials.Count);
        Assert.Equal(before.Replace($"\"name\": \"{SampleStudies.Single}\"", "\"name\": \"second\"", StringComparison.Ordinal), second.ToJson());
    }

    [Fact]
    public void A_file_that_is_not_an_exported_study_imports_nothing_and_leaves_no_new_database()
    {
        string target = Folder.File("fresh/none.db");
        string notJson = Folder.File("notes.json");
        File.WriteAllText(notJson, "{ not json");
        string broken = Folder.File("broken.json");
        File.WriteAllText(broken, File.ReadAllText(Exported(SampleStudies.Single)).Replace("\"completed\"", "\"finished\"", StringComparison.Ordinal));

        CliRun[] runs =
        [
            CliRun.Of("import", notJson, "--storage", target),
            CliRun.Of("import", broken, "--storage", target),
            CliRun.Of("import", Folder.File("missing.json"), "--storage", target),
            CliRun.Of("import", "a\0b.json", "--storage", target),
        ];

        Assert.All(runs, run => Assert.Equal(2, run.ExitCode));
        Assert.Contains("is not JSON", runs[0].Error);
        Assert.Contains("is not a study that can be imported", runs[1].Error);
        Assert.Contains("Nothing was imported.", runs[1].Error);
        Assert.Contains("Cannot read", runs[2].Error);
        Assert.Contains("Cannot read", runs[3].Error);
        Assert.False(File.Exists(target));
        Assert.False(Directory.Exists(Folder.File("fresh")));
    }

    [Fact]
    public void A_file_too_large_to_read_whole_is_refused_before_it_is_read_and_imports_nothing()
    {
        string target = Folder.File("fresh/none.db");
        string huge = Folder.File("huge.json");
        using (var file = new FileStream(huge, FileMode.CreateNew))
        {
            file.SetLength(1L << 31); // 2 GiB, sparse where the file system allows: longer than the longest .NET string
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        CliRun run = CliRun.Of("import", huge, "--storage", target);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(huge, run.Error, StringComparison.Ordinal);
        Assert.Contains("too large to import", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}: the file was read");
    }

    [Fact]
    public void An_empty_file_or_a_database_without_tables_is_a_storage_to_import_and_copy_into_but_not_one_to_read()
    {
        string emptyFile = Folder.File("mktemp.db");
        File.WriteAllBytes(emptyFile, []);
        string noTables = Folder.File("vacuumed.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={noTables};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 1"; // writes the database's header, and no table
            command.ExecuteNonQuery();
        }

        CliRun read = CliRun.Of("studies", "--storage", emptyFile);
        CliRun imported = CliRun.Of("import", Exported(SampleStudies.Single), "--storage", emptyFile);
        CliRun copied = CliRun.Of("copy", SampleStudies.Single, "--to", noTables, "--storage", Database);

        Assert.Equal(ExitCodes.Failure, read.ExitCode);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.True(copied.ExitCode == 0, copied.ToString());
        Assert.Equal(StudyJson(SampleStudies.Single) + Environment.NewLine, CliRun.Of("export", SampleStudies.Single, "-f", "json", "--storage", emptyFile).Output);
        Assert.Equal(StudyJson(SampleStudies.Single) + Environment.NewLine, CliRun.Of("export", SampleStudies.Single, "-f", "json", "--storage", noTables).Output);
    }

    [Fact]
    public void A_blank_name_is_a_usage_error()
    {
        CliRun run = CliRun.Of("import", Exported(SampleStudies.Single), "--as", " ", "--storage", Database);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--as is empty", run.Error);
    }

    private string Exported(string study)
    {
        string path = Folder.File($"{study}.json");
        File.WriteAllText(path, StudyJson(study));
        return path;
    }

    private string StudyJson(string study)
    {
        using var storage = new SqliteStudyStorage(Database);
        return Study.Open(storage, study).ToJson();
    }
}
