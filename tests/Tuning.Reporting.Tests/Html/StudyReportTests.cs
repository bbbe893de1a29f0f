using System.Text.Json.Nodes;
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

    /// <summary>The charts the page's script draws, by id, as the page embeds them.</summary>
    internal static Dictionary<string, JsonObject> Charts(string html)
    {
        JsonNode view = JsonNode.Parse(ViewScript().Match(html).Groups["json"].Value)!;
        return view["charts"]!.AsArray().Select(c => c!.AsObject()).ToDictionary(c => (string)c["id"]!);
    }

    private static int Points(JsonObject chart) => (int)chart["points"]!;

    [Fact]
    public void The_report_of_a_stored_study_draws_every_chart_with_one_mark_per_trial_it_shows()
    {
        Study study = TestStudies.Stored(TestStudies.Mixed(30));
        string html = File.ReadAllText(StudyReport.WriteHtml(study, Path.Combine(_folder, "report.html")));

        Dictionary<string, JsonObject> charts = Charts(html);
        Assert.Equal(["history", "parallel-coordinates", "importance", "slice", "contour", "edf", "intermediate-values", "timeline"], charts.Keys);
        int completed = study.Trials.Count(t => t.State == TrialState.Completed);
        Assert.Equal(completed, Points(charts["history"]));
        Assert.Equal(completed, Points(charts["parallel-coordinates"]));
        Assert.Equal(completed, Points(charts["edf"]));
        Assert.Equal(study.Trials.Count, Points(charts["timeline"]));
        Assert.Equal(study.Trials.Sum(t => t.Reports.Count), Points(charts["intermediate-values"]));
        Assert.Equal(study.Space.Count, Points(charts["importance"]));
        Assert.Equal(study.Space.Parameters.Sum(p => study.Trials.Count(t => t.State == TrialState.Completed && t.IsActive(p.Name))), Points(charts["slice"]));

        // The marks the figures hold are the marks they claim.
        Assert.Equal(completed, charts["history"]["data"]!.AsArray().Where(t => (string?)t!["mode"] == "markers").Sum(t => t!["x"]!.AsArray().Count));
        Assert.Equal(study.Trials.Count, charts["timeline"]["data"]!.AsArray().Sum(t => t!["x"]!.AsArray().Count));
    }

    [Fact]
    public void Each_trials_hover_text_is_sent_once_however_many_charts_show_it()
    {
        Study study = TestStudies.Mixed(30);
        JsonNode view = JsonNode.Parse(ViewScript().Match(StudyReport.ToHtml(study)).Groups["json"].Value)!;

        JsonObject hovers = view["hovers"]!.AsObject();
        Assert.Equal(study.Trials.Count, hovers.Count);
        Assert.All(hovers, h => Assert.StartsWith($"<b>Trial #{h.Key}</b>", (string)h.Value!, StringComparison.Ordinal));
        Dictionary<string, JsonObject> charts = Charts(StudyReport.ToHtml(study));
        foreach (string id in (string[])["history", "slice", "edf", "intermediate-values", "timeline"])
        {
            JsonObject[] traces = [.. charts[id]["data"]!.AsArray().Select(t => t!.AsObject())];
            Assert.Contains(traces, t => t.ContainsKey("trialIds"));
            Assert.DoesNotContain(traces, t => t.ContainsKey("trialIds") && t.ContainsKey("text"));
        }
    }

    [Fact]
    public void The_timeline_shows_each_trials_shared_hover_text_and_its_times_without_repeating_the_parameters()
    {
        // A study of 40 parameters with long names: the timeline carried every trial's list of parameters a second
        // time, a quarter of the file of a wide study (46 MB of 170 MB for 3,000 trials of 300 parameters).
        var builder = new SearchSpaceBuilder();
        for (int p = 0; p < 40; p++)
        {
            builder.Float($"a_rather_long_parameter_name_{p}", 0, 1);
        }

        var study = new Study(builder.Build(), Metric.Minimize("loss"), new RandomSuggester(seed: 5));
        for (int i = 0; i < 12; i++)
        {
            Trial trial = study.Ask();
            if (i % 4 == 3)
            {
                study.Fail(trial, "diverged");
            }
            else if (i % 4 != 2)
            {
                study.Tell(trial, trial.GetDouble("a_rather_long_parameter_name_0"));
            }
        }

        var snapshot = new StudySnapshot(study);
        ReportView view = ReportView.Build(snapshot, new ReportOptions());
        JsonObject timeline = JsonNode.Parse(view.ToJson(withSections: false))!["charts"]!.AsArray().Single(c => (string)c!["id"]! == "timeline")!.AsObject();

        Assert.DoesNotContain("a_rather_long_parameter_name", timeline.ToJsonString(), StringComparison.Ordinal);
        foreach (JsonObject trace in timeline["data"]!.AsArray().Select(t => t!.AsObject()))
        {
            Assert.Equal("%{text}<br>%{customdata}<extra></extra>", (string)trace["hovertemplate"]!);
            int[] ids = [.. trace["trialIds"]!.AsArray().Select(id => (int)id!)];
            string[] times = [.. trace["customdata"]!.AsArray().Select(t => (string)t!)];
            for (int k = 0; k < ids.Length; k++)
            {
                // What the page shows: the text the timeline wrote for each bar before it shared the hover texts.
                Trial trial = snapshot.Trials[ids[k]];
                DateTimeOffset end = trial.FinishedAt ?? (snapshot.TakenAt > trial.StartedAt ? snapshot.TakenAt : trial.StartedAt);
                string before = $"{view.Hovers[trial.Id]}<br>started {trial.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)} UTC<br>ran {Numbers.Duration(end - trial.StartedAt)}";
                Assert.Equal(before, $"{view.Hovers[ids[k]]}<br>{times[k]}");
            }
        }
    }

    [Fact]
    public void The_learning_curves_are_one_trace_per_state_each_trials_curve_whole_and_apart()
    {
        Study study = TestStudies.Mixed(30);
        JsonObject chart = Charts(StudyReport.ToHtml(study))["intermediate-values"];

        JsonObject[] traces = [.. chart["data"]!.AsArray().Select(t => t!.AsObject())];
        Assert.Equal(traces.Select(t => (string)t["name"]!).Distinct(), traces.Select(t => (string)t["name"]!));
        foreach (JsonObject trace in traces)
        {
            TrialState state = Enum.Parse<TrialState>((string)trace["name"]!, ignoreCase: true);
            Trial[] trials = [.. study.Trials.Where(t => t.State == state && t.Reports.Count > 0)];

            // The curves in id order, each its trial's steps and values, a gap (null) between two curves.
            var expected = new List<(long? Step, double? Value, int? Id)>();
            foreach (Trial trial in trials)
            {
                if (expected.Count > 0)
                {
                    expected.Add((null, null, null));
                }

                expected.AddRange(trial.Reports.Select(r => ((long?)r.Step, (double?)r.Value, (int?)trial.Id)));
            }

            JsonArray x = trace["x"]!.AsArray(), y = trace["y"]!.AsArray(), ids = trace["trialIds"]!.AsArray();
            Assert.Equal(expected, x.Select((_, i) => (x[i] is null ? (long?)null : (long)(double)x[i]!, (double?)y[i], (int?)ids[i])));
        }

        Assert.True(traces.Length <= 4);
    }

    [Fact]
    public void Names_reach_plotly_as_text_so_its_markup_cannot_restyle_them()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("<b>x</b>", 0, 1).Float("a&amp;b", 0, 1).Categorical("kind", "<br>", "plain").Build();
        var study = new Study(space, Metric.Minimize("loss<i>"), new SobolSuggester(seed: 2));
        for (int i = 0; i < 12; i++)
        {
            Trial trial = study.Ask();
            trial.Report(1, i);
            study.Tell(trial, i);
        }

        Dictionary<string, JsonObject> charts = Charts(StudyReport.ToHtml(study));
        string[] labels = [.. charts.Values.SelectMany(c => Strings(c["data"]).Concat(Strings(c["layout"])))];

        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", labels);
        Assert.Contains("loss&lt;i&gt;", labels);
        Assert.DoesNotContain(labels, l => l.Contains("<b>x</b>", StringComparison.Ordinal) || l.Contains("loss<i>", StringComparison.Ordinal));
        Assert.DoesNotContain(labels, l => l.Contains("a&amp;b", StringComparison.Ordinal) && !l.Contains("a&amp;amp;b", StringComparison.Ordinal));

        // The slice chart's categories are its tick labels, drawn from its x values: text as well, and still matching.
        JsonObject slice = charts["slice"];
        string[] categories = [.. slice["layout"]!.AsObject().Where(kv => kv.Key.StartsWith("xaxis", StringComparison.Ordinal))
            .SelectMany(kv => kv.Value!["categoryarray"]?.AsArray().Select(c => (string)c!) ?? [])];
        Assert.Equal(["&lt;br&gt;", "plain"], categories);
        Assert.All(slice["data"]!.AsArray().SelectMany(t => t!["x"]!.AsArray()).Where(x => x!.GetValueKind() == System.Text.Json.JsonValueKind.String), x => Assert.Contains((string)x!, categories));

        // Every string value below a node, except the ids.
        static IEnumerable<string> Strings(JsonNode? node) => node switch
        {
            JsonValue value when value.TryGetValue(out string? text) => [text],
            JsonObject obj => obj.Where(kv => kv.Key is not "id").SelectMany(kv => Strings(kv.Value)),
            JsonArray array => array.SelectMany(Strings),
            _ => [],
        };
    }

    [Fact]
    public void Values_near_the_largest_double_still_make_a_report_with_finite_numbers()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Int("k", 1, 5).Build();
        var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(seed: 2));
        foreach (double value in (double[])[1, 2, double.MaxValue, 3, -1e308, 1e300, 4, 5])
        {
            study.Tell(study.Ask(), value);
        }

        Dictionary<string, JsonObject> charts = Charts(StudyReport.ToHtml(study));
        Assert.Contains("contour", charts.Keys);
        JsonArray rows = charts["contour"]["data"]![0]!["z"]!.AsArray();
        Assert.All(rows.SelectMany(r => r!.AsArray()), z => Assert.True(double.IsFinite((double)z!), $"{z} is not finite"));
        Assert.All(StudyImportance.Compute(study), p => Assert.InRange(p.Importance, 0, 1));
    }

    [Fact]
    public void Every_number_a_chart_draws_lies_within_what_plotly_can_scale_an_axis_to()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(seed: 2));
        foreach (double value in (double[])[1, double.MaxValue, -1e308, 1e305, double.Epsilon, -1e-320, 2])
        {
            Trial trial = study.Ask();
            trial.Report(1, value);
            study.Tell(trial, value);
        }

        double[] numbers = [.. Charts(StudyReport.ToHtml(study)).Values.SelectMany(c => Numbers(c["data"]))];

        Assert.Contains(1e300, numbers);
        Assert.Contains(-1e300, numbers);
        Assert.All(numbers, v => Assert.True(v == 0 || Math.Abs(v) is >= 1e-300 and <= 1e300, $"{v:R} is drawn"));

        static IEnumerable<double> Numbers(JsonNode? node) => node switch
        {
            JsonValue value when value.TryGetValue(out double number) => [number],
            JsonObject obj => obj.SelectMany(kv => Numbers(kv.Value)),
            JsonArray array => array.SelectMany(Numbers),
            _ => [],
        };
    }

    [Fact]
    public void Control_characters_in_the_tables_show_as_their_control_pictures()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Categorical("kind", "a\0b", "plain").Build();
        var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(seed: 2));
        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["kind"] = "a\0b" });
        study.Fail(study.Ask(), "stopped\u001b[31m at step\u007f 3\u0085");

        string html = StudyReport.ToHtml(study);
        string tables = html[..html.IndexOf("<script", StringComparison.Ordinal)];

        Assert.DoesNotContain(tables, c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        Assert.Contains("a␀b", tables, StringComparison.Ordinal);
        Assert.Contains("stopped␛[31m at step␡ 3\ufffd", tables, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_two_most_important_parameters_are_never_active_together_the_contour_takes_the_next_pair()
    {
        // x and y sit under different branches and decide the loss; z, active in every trial, barely moves it.
        SearchSpace space = new SearchSpaceBuilder().Categorical("model", "a", "b").Float("x", 0, 1, when: ("model", "a"))
            .Float("y", 0, 1, when: ("model", "b")).Float("z", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 3));
        for (int i = 0; i < 40; i++)
        {
            Trial trial = study.Ask();
            double branch = trial.Parameters.IsActive("x") ? 10 * trial.Parameters.GetDouble("x") : 10 * trial.Parameters.GetDouble("y");
            study.Tell(trial, branch + (0.01 * trial.Parameters.GetDouble("z")));
        }

        string[] ranked = [.. StudyImportance.Compute(study).Select(p => p.Name)];
        Assert.Equal(["x", "y"], ranked[..2].Order());

        JsonObject contour = Charts(StudyReport.ToHtml(study))["contour"];
        string title = (string)contour["title"]!;
        string[] pair = [.. ranked.Where(name => title.Contains($" {name} ", StringComparison.Ordinal) || title.EndsWith($" {name}", StringComparison.Ordinal))];
        Assert.Equal(2, pair.Length);
        Assert.True(study.Trials.Count(t => t.Parameters.IsActive(pair[0]) && t.Parameters.IsActive(pair[1])) >= 4, title);
        Assert.Contains(ranked[0], pair);
    }

    [Fact]
    public void An_objective_with_the_same_value_in_every_trial_gets_no_contour()
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build(), Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        for (int i = 0; i < 6; i++)
        {
            study.Tell(study.Ask(), -3.0);
        }

        Dictionary<string, JsonObject> charts = Charts(StudyReport.ToHtml(study));
        Assert.DoesNotContain("contour", charts.Keys);
        Assert.Contains("slice", charts.Keys);

        study.Tell(study.Ask(), -2.0);
        Assert.Contains("contour", Charts(StudyReport.ToHtml(study)).Keys);
    }

    [Fact]
    public void An_objective_whose_values_near_the_largest_double_flatten_the_drawn_field_gets_no_contour()
    {
        // Drawn at 1e300, the diverged runs outweigh the others at every grid point: a field plotly.js cannot contour.
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build(), Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        for (int i = 0; i < 12; i++)
        {
            study.Tell(study.Ask(), i % 5 == 0 ? 1.7e308 : i);
        }

        Dictionary<string, JsonObject> charts = Charts(StudyReport.ToHtml(study));

        Assert.DoesNotContain("contour", charts.Keys);
        Assert.Contains("slice", charts.Keys);
    }

    [Fact]
    public void The_page_works_offline_and_its_embedded_scripts_cannot_end_their_element()
    {
        string html = StudyReport.ToHtml(TestStudies.Mixed(10));
        Assert.DoesNotMatch(ExternalResource(), html);
        Assert.Contains("plotly.js v" + ReportAssets.PlotlyVersion, html, StringComparison.Ordinal);
        Assert.DoesNotContain("</script", ReportAssets.Plotly, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("</script", ReportAssets.Script, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, Regex.Count(html, "<script"));
    }

    [Fact]
    public void The_trial_table_lists_every_trial_with_attributes_sort_keys_and_the_whole_escaped_fail_reason()
    {
        Study study = TestStudies.Mixed(20);
        string html = StudyReport.ToHtml(study);
        string table = html[html.IndexOf("<table class=\"trials\"", StringComparison.Ordinal)..];

        Assert.Equal(study.Trials.Count, Regex.Count(table, "<tr class=\"(completed|failed|pruned|running)"));
        Assert.Matches("<th data-type=\"number\"[^>]*>#</th><th data-type=\"text\"[^>]*>state</th><th data-type=\"number\" class=\"minimize\"[^>]*>loss</th>", table);
        Assert.Contains("<th data-type=\"text\" class=\"attribute\" title=\"Sort by host\">host</th>", table, StringComparison.Ordinal);
        Assert.Contains("<td class=\"attribute\">gpu-b</td>", table, StringComparison.Ordinal);
        Assert.Contains("<div class=\"reason-text\">diverged &lt;nan&gt; &amp; &quot;stopped&quot;</div>", table, StringComparison.Ordinal);
        Assert.DoesNotContain("<nan>", html, StringComparison.Ordinal);
        Assert.Matches($"<tr class=\"completed best\" data-state=\"completed\" data-trial=\"{study.BestTrial.Id}\" data-front=\"true\">", table);
        Assert.Equal(1, Regex.Count(table, "data-front=\"true\""));
        Assert.Contains("num infeasible", table, StringComparison.Ordinal);
        Assert.Contains("completed trials break a constraint", html, StringComparison.Ordinal);
        Trial completed = study.Trials.First(t => t.State == TrialState.Completed);
        Assert.Contains($"data-sort=\"{completed.Values["loss"].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\"", table, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_breaks_a_constraint_never_reads_as_its_threshold()
    {
        // 20.000001 against "value ≤ 20" was written 20, underlined as breaking a threshold it seemed to meet; and a
        // threshold of 0.1 + 0.2 was written 0.3, the same as a value of 0.3 that meets it.
        var study = new Study(
            new SearchSpaceBuilder().Float("x", 0, 1).Build(),
            [Metric.Minimize("loss"), Metric.Constraint("latency_ms", max: 20), Metric.Constraint("share", min: 0.1 + 0.2)],
            new RandomSuggester(seed: 1));
        study.Tell(study.Ask(), new Measurements { ["loss"] = 1, ["latency_ms"] = 20.000001, ["share"] = 0.5 });
        study.Tell(study.Ask(), new Measurements { ["loss"] = 2, ["latency_ms"] = 20, ["share"] = 0.3 });
        study.Tell(study.Ask(), new Measurements { ["loss"] = 3, ["latency_ms"] = 12.3456789, ["share"] = 0.5 });

        string html = StudyReport.ToHtml(study);
        string table = html[html.IndexOf("<table class=\"trials\"", StringComparison.Ordinal)..];
        Assert.Contains("<td class=\"num infeasible\" data-sort=\"20.000001\">20.000001</td>", table, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" data-sort=\"20\">20</td>", table, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num infeasible\" data-sort=\"0.3\">0.3</td>", table, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" data-sort=\"12.3456789\">12.3457</td>", table, StringComparison.Ordinal);
        Assert.Contains("<td>value ≤ 20</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>0.30000000000000004 ≤ value</td>", html, StringComparison.Ordinal);
        Assert.Contains("latency_ms = 20.000001", html, StringComparison.Ordinal);
    }

    [Fact]
    public void With_one_objective_the_table_highlights_the_best_trial_alone_not_the_trials_that_tie_with_it()
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Maximize("accuracy"), new RandomSuggester(seed: 1));
        foreach (double value in new[] { 0.5, 0.9, 0.9, 0.3 })
        {
            study.Tell(study.Ask(), value);
        }

        string html = StudyReport.ToHtml(study);
        Assert.Equal(1, study.BestTrial.Id);
        Assert.Contains("Highlighted: the best trial", html, StringComparison.Ordinal);
        Assert.Equal(["1"], FrontRows().Matches(html).Select(m => m.Groups["id"].Value));
        Assert.Equal(1, Regex.Count(html, "<tr class=\"completed best\""));
    }

    [Fact]
    public void Two_objectives_get_a_pareto_front_chart_a_history_per_objective_and_the_studys_front()
    {
        Study study = TestStudies.TwoObjectives();
        string html = StudyReport.ToHtml(study, new ReportOptions { Title = "Trade <off>" });
        Dictionary<string, JsonObject> charts = Charts(html);
        Assert.Contains("pareto-front", charts.Keys);
        Assert.Contains("history-f1", charts.Keys);
        Assert.Contains("history-f2", charts.Keys);
        Assert.Equal(study.Trials.Count, Points(charts["pareto-front"]));
        JsonArray frontTrace = charts["pareto-front"]["data"]!.AsArray().Single(t => (string?)t!["name"] == "Pareto front")!["x"]!.AsArray();
        Assert.Equal(study.ParetoFront.Count, frontTrace.Count);
        Assert.Contains("<h1>Trade &lt;off&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Equal(study.ParetoFront.Select(t => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), FrontRows().Matches(html).Select(m => m.Groups["id"].Value));
    }

    [Fact]
    public void A_study_with_a_fidelity_gets_the_cost_chart_and_keeps_lower_fidelities_out_of_the_results()
    {
        Study study = TestStudies.MultiFidelity(30);
        var snapshot = new StudySnapshot(study);
        string html = StudyReport.ToHtml(study);
        Dictionary<string, JsonObject> charts = Charts(html);

        Assert.Equal(snapshot.BestSoFar.Count(b => b is not null), Points(charts["cost"]));
        double lastCost = (double)charts["cost"]["data"]![0]!["x"]!.AsArray()[^1]!;
        Assert.Equal(snapshot.TotalCost, lastCost, 1e-9);
        Assert.Equal(study.BestTrial.Values["loss"], (double)charts["cost"]["data"]![0]!["y"]!.AsArray()[^1]!);
        JsonArray history = charts["history"]["data"]!.AsArray();
        Assert.Equal(snapshot.Results.Count, history.Single(t => (string?)t!["name"] == "result")!["x"]!.AsArray().Count);
        Assert.Contains(history, t => (string?)t!["name"] == "lower fidelity");
        int atTarget = study.Trials.Count(t => t.State == TrialState.Completed && t.IsAtTargetFidelity);
        Assert.Equal(atTarget, Points(charts["parallel-coordinates"]));
        Assert.Contains($"Best trial: #{study.BestTrial.Id}", html, StringComparison.Ordinal);
        Assert.Contains("(lower fidelity)", html, StringComparison.Ordinal);
        Assert.Contains("Cost spent:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Studies_without_completed_trials_still_get_a_report()
    {
        Study empty = TestStudies.Mixed(0);
        string emptyHtml = File.ReadAllText(StudyReport.WriteHtml(empty, Path.Combine(_folder, "nested", "empty.html")));
        Assert.Contains("no best trial", emptyHtml, StringComparison.Ordinal);
        Assert.Empty(Charts(emptyHtml));

        Study failed = TestStudies.Mixed(0);
        failed.Fail(failed.Ask(), "boom");
        string html = StudyReport.ToHtml(failed);
        Assert.Contains("1 trial (1 failed)", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"reason-text\">boom</div>", html, StringComparison.Ordinal);
        Assert.Equal(["timeline"], Charts(html).Keys);
    }

    [Fact]
    public void Without_a_result_the_summary_gives_the_studys_own_reason()
    {
        // No constraint: nothing can be infeasible, so the reason is about the trials' states.
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        Assert.Equal("No trial has completed yet, so there is no best trial.", BestParagraph(StudyReport.ToHtml(study)));

        _ = study.Ask(); // left running
        study.Fail(study.Ask(), "out of memory");
        Trial pruned = study.Ask();
        pruned.Report(1, 0.4);
        study.Prune(pruned);
        string reason = BestParagraph(StudyReport.ToHtml(study));
        Assert.Equal("No trial has completed yet (1 running, 1 failed, 1 pruned), so there is no best trial.", reason);
        Assert.Equal(Assert.Throws<InvalidOperationException>(() => study.BestTrial).Message, reason);

        var two = new Study(space, [Metric.Minimize("a"), Metric.Maximize("b")], new RandomSuggester(seed: 1));
        two.Fail(two.Ask(), "crashed");
        Assert.Equal("No trial has completed yet (1 failed), so there is no Pareto front.", BestParagraph(StudyReport.ToHtml(two)));
    }

    /// <summary>The summary's sentence about the best trial or the Pareto front, as the reader sees it.</summary>
    private static string BestParagraph(string html) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(html, "<p class=\"best\">(.*?)</p>").Groups[1].Value);

    [Fact]
    public void A_count_of_one_reads_in_the_singular()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 4).Build();
        var study = new Study(space, [Metric.Minimize("a"), Metric.Minimize("b"), Metric.Constraint("c", max: 1)], new RandomSuggester(seed: 1));
        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["epochs"] = 4 });
        study.Tell(study.Ask(), new Measurements { ["a"] = 1, ["b"] = 2, ["c"] = 0 });

        string html = StudyReport.ToHtml(study);
        Assert.Contains("<p class=\"counts\">1 trial (1 completed).</p>", html, StringComparison.Ordinal);
        Assert.Contains("Cost spent: 1 run at the target fidelity.", html, StringComparison.Ordinal);
        Assert.Equal("Pareto front: 1 trial (#0).", BestParagraph(html));

        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.25, ["epochs"] = 4 });
        study.Tell(study.Ask(), new Measurements { ["a"] = 0, ["b"] = 0, ["c"] = 2 });
        Assert.Contains("2 trials (2 completed; 1 completed trial breaks a constraint).", StudyReport.ToHtml(study), StringComparison.Ordinal);
    }

    [Fact]
    public void The_slice_chart_shows_the_most_important_parameters_up_to_the_limit()
    {
        Study study = TestStudies.Mixed(30);
        JsonObject slice = Charts(StudyReport.ToHtml(study, new ReportOptions { MaxSlicePlots = 2 }))["slice"];
        string[] names = [.. slice["data"]!.AsArray().Select(t => (string)t!["name"]!)];
        Assert.Equal(StudyImportance.Compute(study).Take(2).Select(i => i.Name), names);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReportOptions { MaxSlicePlots = -1 });
    }

    [Fact]
    public void A_parameter_inactive_in_every_trial_gets_no_importance_of_zero_in_the_table_or_the_chart()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Categorical("kind", "a", "b")
            .Float("momentum", 0.1, 0.9, when: ("kind", "b"))
            .Float("x", 0, 1)
            .Build();
        var study = new Study(space, Metric.Minimize("loss"));
        for (int i = 0; i < 8; i++)
        {
            study.Enqueue(new Dictionary<string, object> { ["kind"] = "a", ["x"] = i / 8.0 });
            study.Tell(study.Ask(), i % 4);
        }

        string html = StudyReport.ToHtml(study);

        Assert.Contains("<tr><td>momentum</td><td>–</td><td>0</td></tr>", html, StringComparison.Ordinal);
        Assert.Matches("<tr><td>x</td><td>[0-9]\\.[0-9]{3}</td><td>8</td></tr>", html);
        JsonObject bars = (JsonObject)Charts(html)["importance"]["data"]![0]!;
        int momentum = bars["y"]!.AsArray().Select(y => (string)y!).ToList().IndexOf("momentum");
        Assert.Contains("inactive in every completed trial", (string)bars["text"]![momentum]!, StringComparison.Ordinal);
        Assert.DoesNotContain("importance = ", (string)bars["text"]![momentum]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Equal("study", Assert.Throws<ArgumentNullException>(() => StudyReport.ToHtml(null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => StudyReport.WriteHtml(TestStudies.Mixed(1), " ")).ParamName);
        Directory.CreateDirectory(Path.Combine(_folder, "a-folder"));
        Assert.Throws<UnauthorizedAccessException>(() => StudyReport.WriteHtml(TestStudies.Mixed(1), Path.Combine(_folder, "a-folder")));
    }

    [Fact]
    public void Slugs_are_safe_ids()
    {
        Assert.Equal("learning-rate", ReportCharts.Slug("Learning Rate"));
        Assert.Equal("a-b", ReportCharts.Slug("../a/b"));
        Assert.Equal("x", ReportCharts.Slug("∂"));
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"tuning-view\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ViewScript();

    [GeneratedRegex("<(script|link|img|iframe)[^>]+(src|href)=\"(?!data:)")]
    private static partial Regex ExternalResource();

    [GeneratedRegex("data-trial=\"(?<id>[0-9]+)\" data-front=\"true\"")]
    private static partial Regex FrontRows();
}
