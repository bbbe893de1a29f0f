using Tuning.Cli.Tests.Support;

namespace Tuning.Cli.Tests.Commands;

public sealed class StudiesCommandTests : SampleDatabaseTests
{
    [Fact]
    public void Lists_every_study_with_its_creation_time_counts_by_state_and_best_value_or_front_size()
    {
        CliRun run = CliRun.Of("studies", "--storage", "sqlite:" + Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Error);
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(["name", "created", "trials", "completed", "pruned", "failed", "running", "best"], Words(lines[0]));
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string[] single = Words(lines[1]);
        Assert.Equal([SampleStudies.Single, "6", "3", "1", "1", "1", "loss", "0.2", "(#1)"], single.Where((_, i) => i != 1));
        Assert.StartsWith(today[..4], single[1], StringComparison.Ordinal);
        Assert.EndsWith("Z", single[1], StringComparison.Ordinal);
        Assert.Equal([SampleStudies.TwoObjectives, "4", "4", "0", "0", "0", "front", "of", "3"], Words(lines[2]).Where((_, i) => i != 1));
    }

    [Fact]
    public void A_study_renamed_or_deleted_while_the_list_is_read_is_left_out_with_a_note()
    {
        // What a rename between the listing and the reading of a study looks like to the command: a listed name that
        // finds no study (here a name stored as a blob, which a text parameter never equals).
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE studies SET name = CAST(name AS BLOB) WHERE name = '{SampleStudies.Single}'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        CliRun text = CliRun.Of("studies", "--storage", Database);
        CliRun json = CliRun.Of("studies", "--format", "json", "--storage", Database);

        Assert.All([text, json], run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.All([text, json], run => Assert.Contains($"the study '{SampleStudies.Single}' was renamed or deleted while the list was read", run.Error, StringComparison.Ordinal));
        Assert.DoesNotContain(SampleStudies.Single, text.Output, StringComparison.Ordinal);
        Assert.Contains(SampleStudies.TwoObjectives, text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleStudies.Single, json.Output, StringComparison.Ordinal);
        Assert.Contains(SampleStudies.TwoObjectives, json.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_path_and_the_environment_variable_name_the_same_storage()
    {
        string expected = CliRun.Of("studies", "--storage", "sqlite:" + Database).Output;

        Assert.Equal(expected, CliRun.Of("studies", "--storage", Database).Output);
        Assert.Equal(expected, CliRun.Of("--storage", Database, "studies").Output);
        Assert.Equal(expected, CliRun.WithEnvironment(new Dictionary<string, string> { ["TUNING_STORAGE"] = Database }, "studies").Output);
    }

    [Fact]
    public void The_storage_option_wins_over_the_environment_variable()
    {
        var environment = new Dictionary<string, string> { ["TUNING_STORAGE"] = Folder.File("elsewhere.db") };

        CliRun run = CliRun.WithEnvironment(environment, "studies", "--storage", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(SampleStudies.Single, run.Output, StringComparison.Ordinal);
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
