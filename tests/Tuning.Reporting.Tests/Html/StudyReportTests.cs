using System.Text.RegularExpressions;
using Tuning.Reporting.Tests.Support;

namespace Tuning.Reporting.Tests.Html;

public sealed partial class StudyReportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tuning-report-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void The_embedded_report_of_a_stored_study_holds_every_plot_as_a_png_of_the_requested_size()
    {
        Study study = TestStudies.Stored(TestStudies.Mixed(30));
        string path = StudyReport.WriteHtml(study, Path.Combine(_folder, "report.html"), new ReportOptions { PlotWidth = 500, PlotHeight = 300 });

        string html = File.ReadAllText(path);
        string[] expected = ["history", "parallel-coordinates", "importance", "intermediate-values", "slice-x", "slice-lr", "slice-depth", "slice-kind", "slice-momentum"];
        List<(string Id, byte[] Png)> images = [.. Figures().Matches(html).Select(m => (m.Groups["id"].Value, Convert.FromBase64String(m.Groups["data"].Value)))];
        Assert.Equal(expected.Order(), images.Select(i => i.Id).Order());
        Assert.All(images, image => Png.AssertImage(image.Png, 500, 300));
        Assert.False(Directory.Exists(Path.Combine(_folder, "report_files")));
    }

    [Fact]
    public void A_report_with_linked_images_writes_and_references_every_png()
    {
        Study study = TestStudies.Mixed(20);
        string path = StudyReport.WriteHtml(study, Path.Combine(_folder, "nested", "my study.html"), new ReportOptions { EmbedImages = false, PlotWidth = 400, PlotHeight = 250 });

        string html = File.ReadAllText(path);
        string[] files = Directory.GetFiles(Path.Combine(_folder, "nested", "my study_files"), "*.png");
        Assert.Equal(9, files.Length);
        foreach (string file in files)
        {
            Assert.Contains($"src=\"my%20study_files/{Path.GetFileName(file)}\"", html, StringComparison.Ordinal);
            Png.AssertImage(File.ReadAllBytes(file), 400, 250);
        }
    }

    [Fact]
    public void The_trial_table_lists_every_trial_with_its_state_values_parameters_duration_and_escaped_fail_reason()
    {
        Study study = TestStudies.Mixed(20);
        string html = File.ReadAllText(StudyReport.WriteHtml(study, Path.Combine(_folder, "r.html")));
        string table = html[html.IndexOf("<table class=\"trials\">", StringComparison.Ordinal)..];

        Assert.Equal(study.Trials.Count, Regex.Count(table, "<tr class=\"(completed|failed|pruned|running)"));
        Assert.Contains("<th>#</th><th>state</th><th>loss</th><th>ms</th><th>size</th><th>x</th><th>lr</th><th>depth</th><th>kind</th><th>momentum</th><th>duration</th>", table, StringComparison.Ordinal);
        Assert.Contains("diverged &lt;nan&gt; &amp; &quot;stopped&quot;", table, StringComparison.Ordinal);
        Assert.DoesNotContain("<nan>", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{study.BestTrial.Id}</td>", table[table.IndexOf("best\">", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("num infeasible", table, StringComparison.Ordinal);
        Assert.Contains("completed trials break a constraint", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_objectives_get_a_pareto_front_and_a_history_per_objective()
    {
        string html = File.ReadAllText(StudyReport.WriteHtml(TestStudies.TwoObjectives(), Path.Combine(_folder, "two.html"), new ReportOptions { Title = "Trade <off>" }));
        Assert.Contains("id=\"plot-pareto-front\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"plot-history-f1\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"plot-history-f2\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Trade &lt;off&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Pareto front:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Studies_without_completed_trials_still_get_a_report()
    {
        Study empty = TestStudies.Mixed(0);
        Assert.Contains("no best trial", File.ReadAllText(StudyReport.WriteHtml(empty, Path.Combine(_folder, "empty.html"))), StringComparison.Ordinal);

        Study failed = TestStudies.Mixed(0);
        failed.Fail(failed.Ask(), "boom");
        string html = File.ReadAllText(StudyReport.WriteHtml(failed, Path.Combine(_folder, "failed.html")));
        Assert.Contains("1 trials (1 failed)", html, StringComparison.Ordinal);
        Assert.Contains("<td>boom</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_number_of_slice_plots_is_capped_by_importance()
    {
        string html = File.ReadAllText(StudyReport.WriteHtml(TestStudies.Mixed(30), Path.Combine(_folder, "few.html"), new ReportOptions { MaxSlicePlots = 1 }));
        Assert.Equal(1, Regex.Count(html, "id=\"plot-slice-"));
        Assert.Contains("id=\"plot-slice-x\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Slugs_are_safe_file_names()
    {
        Assert.Equal("learning-rate", ReportPlots.Slug("Learning Rate"));
        Assert.Equal("a-b", ReportPlots.Slug("../a/b"));
        Assert.Equal("x", ReportPlots.Slug("∂"));
    }

    [GeneratedRegex("<figure id=\"plot-(?<id>[a-z0-9-]+)\">\\s*<h3>[^<]*</h3>\\s*<img src=\"data:image/png;base64,(?<data>[A-Za-z0-9+/=]+)\"")]
    private static partial Regex Figures();
}
