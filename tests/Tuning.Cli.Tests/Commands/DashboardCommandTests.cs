using System.Net;
using System.Text.Json.Nodes;
using Tuning.Cli.Dashboard;
using Tuning.Cli.Tests.Support;
using Tuning.Storage.Sqlite;

namespace Tuning.Cli.Tests.Commands;

public sealed class DashboardCommandTests : SampleDatabaseTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("localhost")]
    public async Task The_command_listens_on_loopback_prints_its_address_and_stops_on_cancel(string? hostName)
    {
        string[] host = hostName is null ? [] : ["--host", hostName];
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new StringWriter();
        TextWriter syncOutput = TextWriter.Synchronized(output);
        Task<int> run = Task.Run(() => Cli.RunAsync(["dashboard", "--port", "0", .. host, "--storage", Database], syncOutput, TextWriter.Synchronized(error), _ => null, stop.Token));
        string? url = null;
        for (int i = 0; i < 300 && url is null && !run.IsCompleted; i++)
        {
            await Task.Delay(50);
            url = output.ToString().Split(' ', '\n').FirstOrDefault(w => w.StartsWith("http://", StringComparison.Ordinal))?.Trim();
        }

        Assert.True(url is not null, $"no address printed: {output}{error}");
        Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
        using var client = new HttpClient();
        string home = await client.GetStringAsync(new Uri(url));
        Assert.Contains($"<a href=\"/studies/{SampleStudies.Single}\">{SampleStudies.Single}</a>", home, StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(string.Empty, error.ToString());
    }

    [Theory]
    [InlineData(1, "1 study in test storage.")]
    [InlineData(2, "2 studies in test storage.")]
    public void The_study_list_counts_its_studies_in_words_that_agree(int count, string expected)
    {
        var studies = Enumerable.Range(0, count)
            .Select(i => (new StoredStudy(i, $"study-{i}", "{}", SampleStudies.Start), (StudySnapshot?)null, (string?)"unreadable"))
            .ToList();

        Assert.Contains(expected, DashboardPages.StudyList("test storage", studies), StringComparison.Ordinal);
    }

    [Fact]
    public void A_trials_page_calls_only_the_best_trial_best_not_one_that_ties_with_it()
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        foreach (double value in new[] { 0.5, 0.2, 0.2 })
        {
            study.Tell(study.Ask(), value);
        }

        var snapshot = new StudySnapshot(study);
        Assert.Equal(1, snapshot.BestTrial?.Id);
        Assert.Contains("completed (best trial)", DashboardPages.Trial(snapshot, snapshot.Trials[1]), StringComparison.Ordinal);
        Assert.DoesNotContain("(best trial)", DashboardPages.Trial(snapshot, snapshot.Trials[2]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_trials_page_never_writes_a_value_that_breaks_a_constraint_as_its_threshold()
    {
        var study = new Study(
            new SearchSpaceBuilder().Float("x", 0, 1).Build(), [Metric.Minimize("loss"), Metric.Constraint("latency_ms", max: 20)], new RandomSuggester(seed: 1));
        study.Tell(study.Ask(), new Measurements { ["loss"] = 1, ["latency_ms"] = 20.000001 });

        var snapshot = new StudySnapshot(study);
        string page = DashboardPages.Trial(snapshot, snapshot.Trials[0]);
        Assert.Contains("<td>constraint &lt;= 20</td><td>20.000001 (breaks the constraint)</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trials_page_gives_plotly_the_objectives_name_as_text()
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("<b>loss</b>"), new RandomSuggester(seed: 1));
        Trial trial = study.Ask();
        trial.Report(1, 0.5);
        study.Tell(trial, 0.25);

        string page = DashboardPages.Trial(new StudySnapshot(study), trial);
        string json = System.Text.RegularExpressions.Regex.Match(page, "<script type=\"application/json\" id=\"tuning-view\">(.*?)</script>").Groups[1].Value;
        JsonNode chart = JsonNode.Parse(json)!["charts"]![0]!;

        Assert.Equal("&lt;b&gt;loss&lt;/b&gt;", (string)chart["layout"]!["yaxis"]!["title"]!["text"]!);
        Assert.Equal("&lt;b&gt;loss&lt;/b&gt;", (string)chart["data"]![0]!["name"]!);
    }

    [Fact]
    public async Task A_storage_that_cannot_be_read_is_a_page_that_says_why_with_service_unavailable()
    {
        using var storage = new SqliteStudyStorage(Database);
        await using DashboardServer server = await DashboardServer.StartAsync(storage, "test storage", new DashboardOptions { Port = 0 }, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.Address };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("", UriKind.Relative))).StatusCode);

        File.Delete(Database); // the storage now refuses every operation, as it does on a full disk or a lost server

        foreach (string path in (string[])["", $"studies/{SampleStudies.Single}", $"studies/{SampleStudies.Single}/view", $"studies/{SampleStudies.Single}/trials/2"])
        {
            using HttpResponseMessage answer = await client.GetAsync(new Uri(path, UriKind.Relative));
            string page = await answer.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.Contains("test storage", page, StringComparison.Ordinal);
            Assert.Contains("deleted, moved or replaced", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_views_events_and_assets_answer_and_nothing_writes()
    {
        using var storage = new SqliteStudyStorage(Database);
        await using DashboardServer server = await DashboardServer.StartAsync(storage, "test storage", new DashboardOptions { Port = 0, PollInterval = TimeSpan.FromMilliseconds(50) }, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.Address };

        string page = await client.GetStringAsync(new Uri($"studies/{SampleStudies.Single}", UriKind.Relative));
        Assert.Contains("data-events=\"/studies/mnist-lr/events\"", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/studies/mnist-lr/trials/1\">1</a>", page, StringComparison.Ordinal);

        JsonNode view = JsonNode.Parse(await client.GetStringAsync(new Uri($"studies/{SampleStudies.Single}/view", UriKind.Relative)))!;
        Assert.Equal(6, (int)view["trialCount"]!);
        Assert.Contains("data-trial=\"5\"", (string)view["trials"]!, StringComparison.Ordinal);
        Assert.Contains(view["charts"]!.AsArray(), c => (string?)c!["id"] == "history");

        string trial = await client.GetStringAsync(new Uri($"studies/{SampleStudies.Single}/trials/2", UriKind.Relative));
        Assert.Contains("diverged, loss = &quot;nan&quot;", trial, StringComparison.Ordinal);

        using (HttpResponseMessage events = await client.GetAsync(new Uri($"studies/{SampleStudies.Single}/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
            using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
            Assert.Equal("event: changed", await reader.ReadLineAsync());
            Assert.StartsWith("data: ", await reader.ReadLineAsync(), StringComparison.Ordinal);
        }

        Assert.StartsWith("/**\n* plotly.js v", await client.GetStringAsync(new Uri("assets/plotly.min.js", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("assets/../../etc/passwd", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("studies/nope", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"studies/{SampleStudies.Single}/trials/99", UriKind.Relative))).StatusCode);
        foreach (string path in (string[])["", $"studies/{SampleStudies.Single}", $"studies/{SampleStudies.Single}/view", $"studies/{SampleStudies.Single}/trials/2", "assets/report.js"])
        {
            using var head = new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative));
            using HttpResponseMessage answer = await client.SendAsync(head);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Empty(await answer.Content.ReadAsByteArrayAsync());
        }

        using var content = new StringContent("{}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostAsync(new Uri($"studies/{SampleStudies.Single}", UriKind.Relative), content)).StatusCode);
        Assert.Equal(6, Study.Open(storage, SampleStudies.Single).Trials.Count);
    }

    [Fact]
    public async Task A_study_whose_name_holds_a_slash_or_escapes_opens_from_its_own_links()
    {
        string[] names = ["team/resnet", "team%2Fresnet", "50% off?#", " spaced "];
        using var storage = new SqliteStudyStorage(Database);
        foreach (string name in names)
        {
            Study study = Study.Create(storage, name, SampleStudies.Space(), [Metric.Minimize("loss")], new RandomSuggester(seed: 1));
            study.Tell(study.Ask(), 0.5);
        }

        await using DashboardServer server = await DashboardServer.StartAsync(storage, "test storage", new DashboardOptions { Port = 0 }, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.Address };
        string home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        foreach (string name in names)
        {
            string link = DashboardRoutes.Study(name);
            Assert.Contains($"href=\"{System.Net.WebUtility.HtmlEncode(link)}\"", home, StringComparison.Ordinal);

            string page = await client.GetStringAsync(new Uri(link, UriKind.Relative));
            Assert.Contains($"<h1>Study {System.Net.WebUtility.HtmlEncode(name)}</h1>", page, StringComparison.Ordinal);
            JsonNode view = JsonNode.Parse(await client.GetStringAsync(new Uri(DashboardRoutes.View(name), UriKind.Relative)))!;
            Assert.Equal(1, (int)view["trialCount"]!);
            string trial = await client.GetStringAsync(new Uri(DashboardRoutes.Trial(name, 0), UriKind.Relative));
            Assert.Contains($"<h1>Trial #0 of {System.Net.WebUtility.HtmlEncode(name)}</h1>", trial, StringComparison.Ordinal);
            using HttpResponseMessage events = await client.GetAsync(new Uri(DashboardRoutes.Events(name), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        }
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("rename")]
    [InlineData("replace")]
    public async Task The_events_of_a_study_that_leaves_the_storage_end_with_gone(string how)
    {
        using var storage = new SqliteStudyStorage(Database);
        await using DashboardServer server = await DashboardServer.StartAsync(storage, "test storage", new DashboardOptions { Port = 0, PollInterval = TimeSpan.FromMilliseconds(50) }, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        using HttpResponseMessage events = await client.GetAsync(new Uri(DashboardRoutes.Events(SampleStudies.Single), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.Equal("event: changed", await reader.ReadLineAsync());

        Study.Delete(storage, how == "rename" ? SampleStudies.TwoObjectives : SampleStudies.Single);
        if (how == "rename")
        {
            Study.Rename(storage, SampleStudies.Single, "renamed");
        }
        else if (how == "replace")
        {
            Study.Create(storage, SampleStudies.Single, SampleStudies.Space(), [Metric.Minimize("loss")]);
        }

        string rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.EndsWith("event: gone\ndata: \n\n", rest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("127.0.0.1.nip.io", HttpStatusCode.BadRequest)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    public async Task On_loopback_a_request_for_another_host_name_is_refused_so_a_rebound_name_cannot_read_the_studies(string host, HttpStatusCode expected)
    {
        using var storage = new SqliteStudyStorage(Database);
        await using DashboardServer server = await DashboardServer.StartAsync(storage, "test storage", new DashboardOptions { Port = 0 }, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.Address };
        foreach (string path in (string[])["/", $"/studies/{SampleStudies.Single}/view"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Host = $"{host}:{server.Address.Port}";

            using HttpResponseMessage response = await client.SendAsync(request);

            Assert.Equal(expected, response.StatusCode);
            Assert.Equal(expected == HttpStatusCode.OK, (await response.Content.ReadAsStringAsync()).Contains(SampleStudies.Single, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("--port", "70000", "--port must be between 0 and 65535")]
    [InlineData("--host", "dashboard.example.org", "--host must be an IP address")]
    public void Bad_options_are_usage_errors(string option, string value, string message)
    {
        CliRun run = CliRun.Of("dashboard", option, value, "--storage", Database);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
