using Tuning.Cli.Tests.Support;

namespace Tuning.Cli.Tests.Commands;

public sealed class HelpTests
{
    [Fact]
    public void Help_lists_the_commands_and_the_global_storage_option()
    {
        CliRun run = CliRun.Of("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (string word in new[] { "studies", "show <STUDY>", "report <STUDY>", "export <STUDY>", "--storage <STORAGE>", "TUNING_STORAGE" })
        {
            Assert.Contains(word, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_command_help_shows_its_options_and_the_global_ones()
    {
        CliRun run = CliRun.Of("export", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("--format <csv|json>", run.Output, StringComparison.Ordinal);
        Assert.Contains("--out <FILE>", run.Output, StringComparison.Ordinal);
        Assert.Contains("--storage <STORAGE>", run.Output, StringComparison.Ordinal);
    }
}
