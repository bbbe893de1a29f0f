using OpenQA.Selenium;
using Tuning.Browser.Tests.Support;
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
