using System.Text.RegularExpressions;
using Tuning.Cli.Tests.Support;

namespace Tuning.Cli.Tests.Commands;

public sealed partial class ReportCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _database;

    public ReportCommandTests()
    {
        _database = _folder.File("studies.db");
        SampleStudies.Create(_database);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Writes_a_self_contained_html_report_with_its_plots_and_prints_its_path()
    {
        string path = _folder.File("reports/report.html");

        CliRun run = CliRun.Of("report", SampleStudies.Single, "--out", path, "--storage", _database);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(path + Environment.NewLine, run.Output);
        string html = File.ReadAllText(path);
        Assert.Contains($"<h1>Study {SampleStudies.Single}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"plot-history\"", html, StringComparison.Ordinal);
        Assert.True(EmbeddedImage().Count(html) >= 3, "the report embeds its plots");
        Assert.Contains("diverged, loss = &quot;nan&quot;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Linked_images_are_written_beside_the_report_and_referenced_by_it()
    {
        string path = _folder.File("linked.html");

        CliRun run = CliRun.Of("report", SampleStudies.TwoObjectives, "-o", path, "--link-images", "--title", "Accuracy vs latency", "-s", _database);

        Assert.True(run.ExitCode == 0, run.ToString());
        string html = File.ReadAllText(path);
        Assert.Contains("<h1>Accuracy vs latency</h1>", html, StringComparison.Ordinal);
        string[] pngs = Directory.GetFiles(_folder.File("linked_files"), "*.png");
        Assert.Contains(pngs, p => Path.GetFileName(p) == "pareto-front.png");
        Assert.All(pngs, png => Assert.Contains($"src=\"linked_files/{Path.GetFileName(png)}\"", html, StringComparison.Ordinal));
    }

    [GeneratedRegex("src=\"data:image/png;base64,[A-Za-z0-9+/=]{100,}\"")]
    private static partial Regex EmbeddedImage();
}
