using System.Text.RegularExpressions;
using Tuning.Cli.Tests.Support;

namespace Tuning.Cli.Tests.Commands;

public sealed partial class ReportCommandTests : SampleDatabaseTests
{
    [Fact]
    public void Writes_a_self_contained_html_report_with_its_charts_and_prints_its_path()
    {
        string path = Folder.File("reports/report.html");

        CliRun run = CliRun.Of("report", SampleStudies.Single, "--out", path, "--storage", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(path + Environment.NewLine, run.Output);
        string html = File.ReadAllText(path);
        Assert.Contains($"<h1>Study {SampleStudies.Single}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"history\"", html, StringComparison.Ordinal);
        Assert.Contains("plotly.js v", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalScript(), html);
        Assert.Contains("diverged, loss = &quot;nan&quot;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_title_option_sets_the_reports_title()
    {
        string path = Folder.File("titled.html");

        CliRun run = CliRun.Of("report", SampleStudies.TwoObjectives, "-o", path, "--title", "Accuracy vs latency", "-s", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        string html = File.ReadAllText(path);
        Assert.Contains("<h1>Accuracy vs latency</h1>", html, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"pareto-front\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_file_that_is_the_storage_database_or_its_log_is_refused_and_the_database_is_kept()
    {
        string before = StudyJson();

        CliRun[] runs =
        [
            CliRun.Of("report", SampleStudies.Single, "--out", Database, "--storage", Database),
            CliRun.Of("report", SampleStudies.Single, "--out", Database + "-wal", "--storage", Database),
        ];

        Assert.All(runs, run => Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString()));
        Assert.All(runs, run => Assert.Contains("would overwrite the study database", run.Error, StringComparison.Ordinal));
        Assert.Equal(before, StudyJson());
    }

    [GeneratedRegex("<script[^>]+src=")]
    private static partial Regex ExternalScript();
}
