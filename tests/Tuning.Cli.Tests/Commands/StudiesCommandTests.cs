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
