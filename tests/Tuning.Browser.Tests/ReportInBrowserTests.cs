using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using Tuning.Browser.Tests.Support;
using Tuning.Reporting;
using Tuning.Reporting.Tests.Support;

namespace Tuning.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ReportInBrowserTests(BrowserSession browser) : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tuning-browser-tests", Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(Study study, string name) => new Uri(StudyReport.WriteHtml(study, Path.Combine(_folder, name))).AbsoluteUri;

    public static TheoryData<string> Studies => ["mixed", "two-objectives", "multi-fidelity"];

    private static Study Build(string name) => name switch
    {
        "mixed" => TestStudies.Stored(TestStudies.Mixed(40)),
        "two-objectives" => TestStudies.TwoObjectives(30),
        _ => TestStudies.MultiFidelity(30),
    };

    [BrowserFact]
    public void Every_report_loads_without_console_errors_and_every_chart_draws_the_points_it_holds()
    {
        var expectedCharts = new Dictionary<string, string[]>
        {
            ["mixed"] = ["history", "parallel-coordinates", "importance", "slice", "contour", "edf", "intermediate-values", "timeline"],
            ["two-objectives"] = ["history-f1", "history-f2", "pareto-front", "parallel-coordinates", "importance", "slice", "contour", "edf-f1", "edf-f2", "timeline"],
            ["multi-fidelity"] = ["history", "cost", "parallel-coordinates", "importance", "slice", "contour", "edf", "timeline"],
        };
        foreach (string name in Studies)
        {
            browser.ConsoleErrors();
            browser.Open(Write(Build(name), name + ".html"));

            IReadOnlyList<(string Id, long Expected, long Drawn)> charts = browser.ChartPoints();
            Assert.Equal(expectedCharts[name].Select(id => "chart-" + id), charts.Select(c => c.Id));
            Assert.All(charts, c => Assert.True(c.Expected > 0 && c.Drawn == c.Expected, $"{name}: {c.Id} holds {c.Expected} points and draws {c.Drawn}"));
            (IReadOnlyList<string> overlapping, long withLegend) = browser.LegendsOverData();
            Assert.True(withLegend >= 2, $"{name}: only {withLegend} charts with a legend were checked");
            Assert.Empty(overlapping);
            Assert.Empty(browser.ConsoleErrors());
            string screenshot = browser.Screenshot($"report-{name}.png");
            Assert.True(new FileInfo(screenshot).Length > 10_000, screenshot);
        }
    }

    [BrowserFact]
    public void Values_at_the_ends_of_the_doubles_draw_every_chart_with_every_point()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Categorical("kind", "a", "b").Build();
        foreach ((string name, double[] values) in (List<(string, double[])>)[("huge", [0, 1, 1e308, -1e308, 2, double.MaxValue]), ("tiny", [double.Epsilon, 1e-320, 0, 2e-310, 1e-307])])
        {
            var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(seed: 2));
            foreach (double value in values)
            {
                Trial trial = study.Ask();
                trial.Report(1, value);
                study.Tell(trial, value);
            }

            browser.ConsoleErrors();
            browser.Open(Write(study, name + ".html"));

            IReadOnlyList<(string Id, long Expected, long Drawn)> charts = browser.ChartPoints();

            // The tiny values are all drawn at 0: a contour of them would be one flat field, which the report leaves out.
            string[] contour = name == "tiny" ? [] : ["chart-contour"];
            Assert.Equal(["chart-history", "chart-parallel-coordinates", "chart-importance", "chart-slice", .. contour, "chart-edf", "chart-intermediate-values", "chart-timeline"], charts.Select(c => c.Id));
            Assert.All(charts, c => Assert.True(c.Drawn == c.Expected, $"{name}: {c.Id} holds {c.Expected} points and draws {c.Drawn}"));
            Assert.Empty(browser.ConsoleErrors());
        }
    }

    [BrowserFact]
    public void A_chart_plotly_cannot_draw_says_so_and_the_rest_of_the_page_works()
    {
        Study study = TestStudies.Mixed(20);
        string html = StudyReport.ToHtml(study);
        System.Text.RegularExpressions.Match view = System.Text.RegularExpressions.Regex.Match(html, "<script type=\"application/json\" id=\"tuning-view\">(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        var json = System.Text.Json.Nodes.JsonNode.Parse(view.Groups[1].Value)!;

        // Subnormal values make plotly.js fail to scale an axis: a figure the report itself no longer writes.
        var history = json["charts"]![0]!;
        Assert.Equal("history", (string)history["id"]!);
        history["data"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "markers",
            ["x"] = new System.Text.Json.Nodes.JsonArray(0, 1, 2),
            ["y"] = new System.Text.Json.Nodes.JsonArray(5e-324, 1e-320, 2e-320),
        });
        string path = Path.Combine(_folder, "broken.html");
        File.WriteAllText(path, html.Replace(view.Groups[1].Value, json.ToJsonString(), StringComparison.Ordinal));

        browser.Open(new Uri(path).AbsoluteUri);

        IWebElement figure = browser.Driver.FindElement(By.Id("figure-history"));
        Assert.Contains("chart-failed", figure.GetAttribute("class"), StringComparison.Ordinal);
        Assert.Contains("This chart could not be drawn", figure.FindElement(By.TagName("figcaption")).Text, StringComparison.Ordinal);
        Assert.All(browser.ChartPoints().Where(c => c.Id != "chart-history"), c => Assert.True(c.Expected > 0 && c.Drawn == c.Expected, $"{c.Id} holds {c.Expected} points and draws {c.Drawn}"));
        Assert.Equal($"showing {study.Trials.Count} of {study.Trials.Count} trials", browser.Driver.FindElement(By.Id("trial-count")).Text);
    }

    [BrowserFact]
    public void The_trial_table_sorts_filters_and_shows_attributes_and_the_whole_fail_reason()
    {
        Study study = TestStudies.MultiFidelity(30);
        browser.Open(Write(study, "table.html"));
        var driver = browser.Driver;
        IWebElement lossHeader = driver.FindElements(By.CssSelector("#trials th")).Single(th => th.Text.StartsWith("loss", StringComparison.Ordinal));

        lossHeader.Click();
        double[] ascending = LossColumn(driver);
        Assert.Equal(study.Trials.Count(t => t.State == TrialState.Completed), ascending.Length);
        Assert.Equal(ascending.Order(), ascending);
        Assert.Contains("sorted-ascending", lossHeader.GetAttribute("class"), StringComparison.Ordinal);

        lossHeader.Click();
        double[] descending = LossColumn(driver);
        Assert.Equal(ascending.Reverse(), descending);

        // Filtering by state, then by text, hides the other rows.
        driver.FindElement(By.CssSelector("#state-filter option[value='failed']")).Click();
        int failed = study.Trials.Count(t => t.State == TrialState.Failed);
        Assert.Equal(failed, VisibleRows(driver).Count);
        Assert.Equal($"showing {failed} of {study.Trials.Count} trials", driver.FindElement(By.Id("trial-count")).Text);

        // The long fail reason wraps inside its cell: all of it is there and none of it overflows.
        IWebElement reason = VisibleRows(driver)[0].FindElement(By.CssSelector("td.reason .reason-text"));
        Assert.Equal(study.Trials.First(t => t.State == TrialState.Failed).FailReason, reason.Text);
        Assert.True(browser.Script<bool>("const e = arguments[0]; return e.scrollWidth <= e.clientWidth + 1 && e.getBoundingClientRect().height > 20;", reason), "the fail reason is wrapped, not cut");

        driver.FindElement(By.CssSelector("#state-filter option[value='']")).Click();
        driver.FindElement(By.Id("trial-filter")).SendKeys("lower fidelity");
        Assert.Equal(study.Trials.Count(t => t.State == TrialState.Completed && !t.IsAtTargetFidelity), VisibleRows(driver).Count);
        Assert.Empty(browser.ConsoleErrors());
    }

    [BrowserFact]
    public void Hovering_a_point_names_its_trial_and_dragging_zooms()
    {
        Study study = TestStudies.Mixed(30);
        browser.Open(Write(study, "hover.html"));
        var driver = browser.Driver;
        IWebElement chart = driver.FindElement(By.Id("chart-history"));
        browser.Script<object>("arguments[0].scrollIntoView({block: 'center'});", chart);

        string label = HoverFirstPoint(chart);
        Assert.Matches(@"Trial #\d+ \(completed", label);
        Assert.Contains("loss = ", label, StringComparison.Ordinal);
        Assert.Contains("kind = ", label, StringComparison.Ordinal);

        // The slice and learning-curve charts take their trials' texts from the view's shared table too.
        foreach (string id in (string[])["chart-slice", "chart-intermediate-values"])
        {
            IWebElement other = driver.FindElement(By.Id(id));
            browser.Script<object>("arguments[0].scrollIntoView({block: 'center'});", other);
            Assert.Matches(@"Trial #\d+ \(", HoverFirstPoint(other));
        }

        // The timeline's bars show their trial's shared text, then when the trial started and how long it ran.
        IWebElement timeline = driver.FindElement(By.Id("chart-timeline"));
        browser.Script<object>("arguments[0].scrollIntoView({block: 'center'});", timeline);
        new Actions(driver).MoveToElement(timeline.FindElements(By.CssSelector(".barlayer .trace .point path"))[0]).Perform();
        browser.WaitUntil(() => timeline.FindElements(By.CssSelector(".hoverlayer .hovertext")).Count > 0, "a hover label on the timeline");
        string bar = timeline.FindElement(By.CssSelector(".hoverlayer .hovertext")).Text;
        Assert.Matches(@"Trial #\d+ \(", bar);
        Assert.Matches(@"started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC", bar);
        Assert.Contains("ran ", bar, StringComparison.Ordinal);

        browser.Script<object>("arguments[0].scrollIntoView({block: 'center'});", chart);

        string before = browser.Script<string>("return JSON.stringify(document.getElementById('chart-history')._fullLayout.xaxis.range);")!;
        IWebElement area = chart.FindElement(By.CssSelector(".nsewdrag"));
        new Actions(driver).MoveToElement(area, -150, 0).ClickAndHold().MoveByOffset(120, 40).Release().Perform();
        browser.WaitUntil(() => browser.Script<string>("return JSON.stringify(document.getElementById('chart-history')._fullLayout.xaxis.range);") != before, "the x axis to zoom");
        Assert.Empty(browser.ConsoleErrors());
    }

    /// <summary>Moves the mouse onto the chart's first marker and returns the hover label's text.</summary>
    private string HoverFirstPoint(IWebElement chart)
    {
        IWebElement point = chart.FindElements(By.CssSelector(".scatterlayer .trace .points path"))[0];
        new Actions(browser.Driver).MoveToElement(point).Perform();
        browser.WaitUntil(() => chart.FindElements(By.CssSelector(".hoverlayer .hovertext")).Count > 0, "a hover label");
        return chart.FindElement(By.CssSelector(".hoverlayer .hovertext")).Text;
    }

    private static List<IWebElement> VisibleRows(OpenQA.Selenium.Chrome.ChromeDriver driver) =>
        [.. driver.FindElements(By.CssSelector("#trials tbody tr")).Where(r => r.Displayed)];

    private static double[] LossColumn(OpenQA.Selenium.Chrome.ChromeDriver driver)
    {
        var cells = (IReadOnlyCollection<object>)driver.ExecuteScript(
            "const i = Array.from(document.querySelectorAll('#trials th')).findIndex(th => th.textContent.startsWith('loss'));"
            + "return Array.from(document.querySelectorAll('#trials tbody tr')).map(r => r.cells[i].getAttribute('data-sort')).filter(v => v !== null);")!;
        return [.. cells.Select(c => double.Parse((string)c, System.Globalization.CultureInfo.InvariantCulture))];
    }
}
