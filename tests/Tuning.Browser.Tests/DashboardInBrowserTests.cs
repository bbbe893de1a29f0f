using OpenQA.Selenium;
using Tuning.Browser.Tests.Support;
using Tuning.Reporting;
using Tuning.Reporting.Tests.Support;
using Tuning.Storage.PostgreSql;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardInBrowserTests(BrowserSession browser) : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tuning-dashboard-tests", Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A study of the mixed space told 12 trials by a worker, which keeps running to tell more.</summary>
    private static Study StartStudy(IStudyStorage storage)
    {
        Study template = TestStudies.Mixed(0);
        Study study = Study.Create(storage, "resnet-lr", template.Space, template.Metrics, new SobolSuggester(seed: 3));
        for (int i = 0; i < 12; i++)
        {
            Tell(study, i);
        }

        return study;
    }

    private static void Tell(Study study, int i)
    {
        Trial trial = study.Ask();
        trial.SetAttribute("host", i % 2 == 0 ? "gpu-a" : "gpu-b");
        double loss = TestStudies.Loss(trial);
        for (int step = 1; step <= 3; step++)
        {
            trial.Report(step, loss + (1.0 / step));
        }

        if (i % 5 == 3)
        {
            study.Fail(trial, "diverged: loss became NaN at step 3");
        }
        else
        {
            study.Tell(trial, new Measurements { ["loss"] = loss, ["ms"] = trial.GetInt("depth") * 9, ["size"] = 100 });
        }
    }

    [BrowserFact]
    public async Task The_dashboard_lists_the_studies_and_shows_a_trial_told_while_it_is_open_without_a_reload()
    {
        string database = Path.Combine(_folder, "studies.db");
        using var storage = new SqliteStudyStorage(database);
        Study study = StartStudy(storage);
        await using RunningDashboard dashboard = RunningDashboard.Start("--storage", "sqlite:" + database);

        await FollowLiveAsync(dashboard, study, screenshot: "dashboard.png");
    }

    [BrowserPostgresFact]
    public async Task The_dashboard_follows_a_study_in_postgresql_too()
    {
        string schema = PostgresServer.NewSchema();
        try
        {
            using var storage = new PostgreSqlStudyStorage(PostgresServer.RequireConnectionString(), new PostgreSqlStudyStorageOptions { Schema = schema });
            Study study = StartStudy(storage);
            await using RunningDashboard dashboard = RunningDashboard.Start("--storage", "postgres:" + PostgresServer.RequireConnectionString(), "--schema", schema);
            Assert.DoesNotContain("Password=", dashboard.Output, StringComparison.OrdinalIgnoreCase);

            await FollowLiveAsync(dashboard, study, screenshot: "dashboard-postgresql.png");
        }
        finally
        {
            PostgresServer.DropSchema(schema);
        }
    }

    [BrowserFact]
    public async Task A_trial_page_shows_parameters_values_attributes_reports_and_the_fail_reason()
    {
        string database = Path.Combine(_folder, "trial.db");
        using var storage = new SqliteStudyStorage(database);
        Study study = StartStudy(storage);
        Trial failed = study.Trials.First(t => t.State == TrialState.Failed);
        await using RunningDashboard dashboard = RunningDashboard.Start("--storage", "sqlite:" + database);

        browser.ConsoleErrors();
        browser.Open(dashboard.Page($"studies/resnet-lr/trials/{failed.Id}"));
        var driver = browser.Driver;
        Assert.Equal($"Trial #{failed.Id} of resnet-lr", driver.FindElement(By.TagName("h1")).Text);
        string page = driver.FindElement(By.TagName("body")).Text;
        Assert.Contains("diverged: loss became NaN at step 3", page, StringComparison.Ordinal);
        Assert.Contains(failed.Attributes["host"], driver.FindElement(By.Id("trial-attributes")).Text, StringComparison.Ordinal);
        Assert.Equal(study.Space.Count + 1, driver.FindElements(By.CssSelector("#trial-parameters tr")).Count);
        Assert.Equal(failed.Reports.Count + 1, driver.FindElements(By.CssSelector("#trial-reports tr")).Count);
        Assert.Equal([("chart-reports", 3L, 3L)], browser.ChartPoints());

        // A trial that does not exist gets a page that says so.
        driver.Navigate().GoToUrl(dashboard.Page("studies/resnet-lr/trials/999"));
        Assert.Contains("has no trial #999", driver.FindElement(By.TagName("body")).Text, StringComparison.Ordinal);
        Assert.All(browser.ConsoleErrors(), e => Assert.Contains("404", e, StringComparison.Ordinal));
    }

    /// <summary>Text that would run a script, add an element or end a string or a script if any page took it as markup or code.</summary>
    private const string Hostile = "</script><script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">'\"\\\u2028\u2029${1}<!--<b>b</b>&amp;";

    [BrowserFact]
    public async Task Hostile_text_in_every_field_is_shown_as_text_and_runs_nothing_in_the_report_and_the_dashboard()
    {
        string database = Path.Combine(_folder, "hostile.db");
        string name = "study " + Hostile.Replace("/", "|", StringComparison.Ordinal);
        using var storage = new SqliteStudyStorage(database);
        SearchSpace space = new SearchSpaceBuilder()
            .Float("x" + Hostile, 0, 1)
            .Categorical("kind" + Hostile, "a" + Hostile, "b")
            .Float("y" + Hostile, 0, 1, when: ("kind" + Hostile, "b"))
            .Build();
        Study study = Study.Create(storage, name, space, [Metric.Minimize("loss" + Hostile), Metric.Constraint("ms" + Hostile, max: 5)], new SobolSuggester(seed: 1));
        for (int i = 0; i < 12; i++)
        {
            Trial trial = study.Ask();
            trial.SetAttribute("note" + Hostile, "v" + Hostile);
            trial.Report(1, i);
            if (i == 3)
            {
                study.Fail(trial, "failed " + Hostile);
            }
            else
            {
                study.Tell(trial, new Measurements { ["loss" + Hostile] = i, ["ms" + Hostile] = i % 7 });
            }
        }

        Trial failed = study.Trials[3];
        await using RunningDashboard dashboard = RunningDashboard.Start("--storage", "sqlite:" + database);
        string report = new Uri(StudyReport.WriteHtml(study, Path.Combine(_folder, "hostile.html"))).AbsoluteUri;
        string[] pages = [report, dashboard.Page(""), dashboard.Page(Tuning.Cli.Dashboard.DashboardRoutes.Study(name)[1..]), dashboard.Page(Tuning.Cli.Dashboard.DashboardRoutes.Trial(name, failed.Id)[1..])];
        var driver = browser.Driver;
        foreach (string page in pages)
        {
            browser.ConsoleErrors();
            if (page == pages[1])
            {
                driver.Navigate().GoToUrl(page);
            }
            else
            {
                browser.Open(page);
                Assert.All(browser.ChartPoints(), c => Assert.True(c.Drawn == c.Expected, $"{page}: {c.Id} holds {c.Expected} points and draws {c.Drawn}"));
            }

            Assert.Null(browser.Script<object>("return window.pwned === undefined ? null : window.pwned;"));
            Assert.Equal(0L, browser.Script<long>("return document.querySelectorAll('img, iframe, object, embed, [onerror]').length;"));
            Assert.Empty(browser.ConsoleErrors());
        }

        // The names and values read as they are: in the dashboard's study list, the report's table and a trial's page.
        driver.Navigate().GoToUrl(pages[1]);
        Assert.Equal(name, driver.FindElement(By.CssSelector("#studies td a")).GetAttribute("textContent"));
        browser.Open(report);
        Assert.Equal("failed " + Hostile, driver.FindElement(By.CssSelector($"#trials tr[data-trial='{failed.Id}'] .reason-text")).GetAttribute("textContent"));
        Assert.Contains("a" + Hostile, browser.Script<string>("return Array.from(document.querySelectorAll('#chart-slice .xaxislayer-above text')).map(t => t.textContent).join('\\n');")!.Split('\n'));
        browser.Open(pages[3]);
        Assert.Contains("failed " + Hostile, driver.FindElement(By.TagName("dl")).GetAttribute("textContent"), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task A_study_page_says_so_when_its_study_is_deleted_while_it_is_open()
    {
        string database = Path.Combine(_folder, "deleted.db");
        using var storage = new SqliteStudyStorage(database);
        StartStudy(storage);
        await using RunningDashboard dashboard = RunningDashboard.Start("--storage", "sqlite:" + database);
        var driver = browser.Driver;
        browser.ConsoleErrors();
        browser.Open(dashboard.Page("studies/resnet-lr"));
        browser.WaitUntil(() => driver.FindElement(By.Id("live-status")).Text == "live", "the event stream to open");

        Study.Delete(storage, "resnet-lr");

        browser.WaitUntil(() => driver.FindElement(By.Id("live-status")).Text == "gone: the study was deleted or renamed", "the page to say the study is gone", seconds: 30);
        Thread.Sleep(1500); // a stream that reconnected would show in the console as a failed request
        Assert.Empty(browser.ConsoleErrors());
    }

    private async Task FollowLiveAsync(RunningDashboard dashboard, Study study, string screenshot)
    {
        var driver = browser.Driver;
        browser.ConsoleErrors();
        driver.Navigate().GoToUrl(dashboard.Address.ToString());
        Assert.Contains("resnet-lr", driver.FindElement(By.Id("studies")).Text, StringComparison.Ordinal);
        driver.FindElement(By.LinkText("resnet-lr")).Click();
        browser.WaitUntil(() => browser.Script<bool?>("return window.TuningReport ? window.TuningReport.state.ready : null") == true, "the study page's charts");
        Assert.All(browser.ChartPoints(), c => Assert.True(c.Drawn == c.Expected, $"{c.Id} holds {c.Expected} points and draws {c.Drawn}"));
        long completedBefore = browser.ChartPoints().Single(c => c.Id == "chart-history").Drawn;

        // A mark on the page's window: a reload would lose it.
        browser.Script<object>("window.sameDocument = 'yes';");
        browser.WaitUntil(() => driver.FindElement(By.Id("live-status")).Text == "live", "the event stream to open");
        await Task.Run(() => Tell(study, 0));
        int newId = study.Trials.Count - 1;

        browser.WaitUntil(() => driver.FindElements(By.CssSelector($"#trials tr[data-trial='{newId}']")).Count == 1, $"trial #{newId} to appear in the table", seconds: 30);
        browser.WaitUntil(() => browser.ChartPoints().Single(c => c.Id == "chart-history").Drawn == completedBefore + 1, "the history chart to draw the new trial");
        Assert.Equal("yes", browser.Script<string>("return window.sameDocument;"));
        Assert.All(browser.ChartPoints(), c => Assert.True(c.Drawn == c.Expected, $"{c.Id} holds {c.Expected} points and draws {c.Drawn}"));
        Assert.Contains($"{study.Trials.Count} trials", driver.FindElement(By.Id("summary-body")).Text, StringComparison.Ordinal);

        // The table keeps its sort through an update.
        driver.FindElements(By.CssSelector("#trials th")).Single(th => th.Text.StartsWith("loss", StringComparison.Ordinal)).Click();
        Assert.Empty(browser.ConsoleErrors());
        browser.Screenshot(screenshot, height: 1500);
        if (screenshot == "dashboard.png" && Environment.GetEnvironmentVariable("TUNING_UPDATE_DOCS_SCREENSHOT") == "1")
        {
            File.Copy(Path.Combine(Artifacts.Folder, screenshot), Path.Combine(Artifacts.RepositoryRoot, "docs", "dashboard.png"), overwrite: true);
        }
    }
}
