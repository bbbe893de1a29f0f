using Tuning.Reporting.Tests.Support;
using Tuning.TestSupport;

namespace Tuning.Reporting.Tests.Plots;

public class StudyPlotsTests
{
    private static readonly PlotOptions Size = new() { Width = 640, Height = 400 };

    public static TheoryData<string> PlotNames => ["history", "parallel", "slice-x", "slice-lr", "slice-kind", "slice-momentum", "intermediate", "importance"];

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void Every_plot_of_a_stored_study_is_a_png_of_the_requested_size(string name)
    {
        Study study = TestStudies.Stored(TestStudies.Mixed());
        Png.AssertImage(Draw(study, name, Size), 640, 400);
    }

    [Fact]
    public void The_default_size_is_800_by_500()
    {
        Png.AssertImage(StudyPlots.OptimizationHistory(TestStudies.Mixed(12)), 800, 500);
    }

    [Fact]
    public void The_pareto_front_of_two_objectives_is_drawn()
    {
        Study study = TestStudies.Stored(TestStudies.TwoObjectives());
        Png.AssertImage(StudyPlots.ParetoFront(study, Size), 640, 400);
        Png.AssertImage(StudyPlots.OptimizationHistory(study, new PlotOptions { Width = 640, Height = 400, Metric = "f2" }), 640, 400);
        Png.AssertImage(StudyPlots.ParallelCoordinates(study, Size), 640, 400);
    }

    [Fact]
    public void A_pareto_front_needs_two_objectives()
    {
        Assert.Contains("two objectives", Assert.Throws<InvalidOperationException>(() => StudyPlots.ParetoFront(TestStudies.Mixed(5))).Message);
    }

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void A_study_without_trials_gets_an_explaining_image(string name)
    {
        Study study = TestStudies.Mixed(0);
        Png.AssertImage(Draw(study, name, Size), 640, 400);
    }

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void A_study_whose_trials_all_failed_gets_an_explaining_image(string name)
    {
        Study study = TestStudies.Mixed(0);
        foreach (Trial trial in study.Ask(3))
        {
            trial.Report(1, 0.5);
            study.Fail(trial, "out of memory");
        }

        Png.AssertImage(Draw(study, name, Size), 640, 400);
    }

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void A_study_with_one_trial_is_drawn(string name)
    {
        Study study = TestStudies.Mixed(1);
        Png.AssertImage(Draw(study, name, Size), 640, 400);
    }

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void Values_near_the_largest_double_are_drawn(string name)
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Float("x", 0, 1)
            .Float("lr", 1e-4, 1e-1, log: true)
            .Categorical("kind", "a", "b", "c")
            .Float("momentum", 0.1, 0.9, when: ("kind", "b"))
            .Build();
        var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(3));
        foreach (double value in (double[])[1, double.MaxValue, 2, -double.MaxValue, 3, 4])
        {
            Trial trial = study.Ask();
            trial.Report(1, value);
            study.Tell(trial, value);
        }

        Png.AssertImage(Draw(study, name, Size), 640, 400);
    }

    [Theory]
    [InlineData(1e20, "e+20")]
    [InlineData(1e300, "e+300")]
    [InlineData(double.MaxValue, "e+300")]
    [InlineData(-1e-300, "e-300")]
    public void Ticks_of_huge_or_tiny_values_are_labelled_in_scientific_notation(double extreme, string exponent)
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("loss"), new SobolSuggester(3));
        foreach (double value in (double[])[0, extreme, 0])
        {
            study.Tell(study.Ask(), value);
        }

        using ScottPlot.Plot plot = HistoryPlot.Draw(new PlotData(study), Size);
        Png.AssertImage(PlotCanvas.Render(plot, Size), 640, 400);

        string[] labels = [.. plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label)];
        Assert.True(labels.Length >= 2, $"ticks: {string.Join(" | ", labels)}");
        Assert.Contains(labels, l => l.EndsWith(exponent, StringComparison.Ordinal));
        Assert.All(labels, l => Assert.True(l.Length <= 10, $"the tick label '{l}' is too long"));
    }

    [Fact]
    public void Values_nearer_zero_than_the_smallest_drawn_magnitude_are_drawn_at_zero()
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("loss"), new SobolSuggester(3));
        foreach (double value in (double[])[double.Epsilon, 1e-320, 2e-310, 1e-300])
        {
            study.Tell(study.Ask(), value);
        }

        using ScottPlot.Plot plot = HistoryPlot.Draw(new PlotData(study), Size);

        Assert.Equal([0, 0, 0, 1e-300], Drawn.Series(plot)["result"].Select(p => p.Y));
        Png.AssertImage(PlotCanvas.Render(plot, Size), 640, 400);
    }

    [Fact]
    public void A_pareto_front_near_the_largest_double_is_drawn()
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), [Metric.Minimize("a"), Metric.Minimize("b")], new SobolSuggester(3));
        study.Tell(study.Ask(), new Measurements { ["a"] = double.MaxValue, ["b"] = 0 });
        study.Tell(study.Ask(), new Measurements { ["a"] = -double.MaxValue, ["b"] = 1 });

        Png.AssertImage(StudyPlots.ParetoFront(study, Size), 640, 400);
    }

    [Fact]
    public void Two_objectives_without_a_completed_trial_get_an_explaining_image()
    {
        Study study = TestStudies.TwoObjectives(0);
        study.Fail(study.Ask(), "crashed");
        Png.AssertImage(StudyPlots.ParetoFront(study, Size), 640, 400);
    }

    [Fact]
    public void A_conditional_parameter_that_is_never_active_gets_an_explaining_slice()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Categorical("kind", "a", "b")
            .Float("momentum", 0.1, 0.9, when: ("kind", "b"))
            .Float("x", 0, 1)
            .Build();
        var study = new Study(space, Metric.Maximize("score"));
        for (int i = 0; i < 5; i++)
        {
            study.Enqueue(new Dictionary<string, object> { ["kind"] = "a", ["x"] = i / 5.0 });
            study.Tell(study.Ask(), i);
        }

        Png.AssertImage(StudyPlots.Slice(study, "momentum", Size), 640, 400);
        Png.AssertImage(StudyPlots.ParallelCoordinates(study, Size), 640, 400);
        Assert.All(StudyImportance.Compute(study).Where(p => p.Name == "momentum"), p => Assert.Equal(0, p.ActiveTrials));
    }

    [Fact]
    public void The_importance_bar_of_a_parameter_inactive_in_every_trial_says_so_instead_of_a_measured_zero()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Categorical("kind", "a", "b")
            .Float("momentum", 0.1, 0.9, when: ("kind", "b"))
            .Float("x", 0, 1)
            .Build();
        var study = new Study(space, Metric.Maximize("score"));
        for (int i = 0; i < 6; i++)
        {
            study.Enqueue(new Dictionary<string, object> { ["kind"] = "a", ["x"] = i / 6.0 });
            study.Tell(study.Ask(), i % 3);
        }

        using ScottPlot.Plot importance = ImportancePlot.Draw(new PlotData(study), Size);

        // The bars from the top down are the parameters from the most important down.
        Dictionary<string, string> labels = StudyImportance.Compute(study).Select(p => p.Name).Zip(Drawn.BarLabels(importance)).ToDictionary();
        Assert.Equal("inactive in every completed trial", labels["momentum"]);
        Assert.Equal("0.000", labels["kind"]);
        Assert.Matches(@"^\d\.\d{3}$", labels["x"]);
    }

    [Fact]
    public void A_line_passes_through_an_inactive_slot_below_the_axis_of_an_inactive_parameter_as_the_docs_say()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Categorical("kind", "a", "b")
            .Float("momentum", 0.1, 0.9, when: ("kind", "b"))
            .Float("x", 0, 1)
            .Build();
        var study = new Study(space, Metric.Maximize("score"));
        for (int i = 0; i < 4; i++)
        {
            study.Enqueue(i % 2 == 0
                ? new Dictionary<string, object> { ["kind"] = "a", ["x"] = i / 4.0 }
                : new Dictionary<string, object> { ["kind"] = "b", ["momentum"] = 0.5, ["x"] = i / 4.0 });
            study.Tell(study.Ask(), i);
        }

        using ScottPlot.Plot plot = ParallelCoordinatesPlot.Draw(new PlotData(study), Size);
        ScottPlot.Coordinates[][] lines = [.. Drawn.UnlabelledLines(plot).Select(l => l.Data.GetScatterPoints().ToArray())];

        // Every line reaches every axis (momentum is axis 1): below it where momentum is inactive, on it where active.
        Assert.Equal(4, lines.Length);
        Assert.All(lines, line => Assert.Equal([0.0, 1, 2, 3], line.Select(p => p.X)));
        Assert.Equal(2, lines.Count(line => line[1].Y < 0));
        Assert.Equal(2, lines.Count(line => line[1].Y is >= 0 and <= 1));

        string docs = PublicDocs.Summary("M:Tuning.Reporting.StudyPlots.ParallelCoordinates(Tuning.Study,Tuning.Reporting.PlotOptions)");
        Assert.Contains("passes through an \"inactive\" slot below that parameter's axis", docs, StringComparison.Ordinal);
        Assert.DoesNotContain("breaks", docs, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_values_do_not_break_the_color_scale()
    {
        SearchSpace space = new SearchSpaceBuilder().Int("n", 3, 4).Float("x", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(1));
        for (int i = 0; i < 4; i++)
        {
            study.Tell(study.Ask(), 1.0);
        }

        Png.AssertImage(StudyPlots.ParallelCoordinates(study, Size), 640, 400);
        Png.AssertImage(StudyPlots.Slice(study, "n", Size), 640, 400);
        Png.AssertImage(StudyPlots.Importance(study, Size), 640, 400);
    }

    [Fact]
    public void Any_metric_can_be_plotted_and_an_unknown_one_is_refused()
    {
        Study study = TestStudies.Mixed(10);
        Png.AssertImage(StudyPlots.OptimizationHistory(study, new PlotOptions { Metric = "ms" }), 800, 500);
        Png.AssertImage(StudyPlots.Slice(study, "depth", new PlotOptions { Metric = "size" }), 800, 500);
        Assert.Contains("no metric 'accuracy'", Assert.Throws<ArgumentException>(() => StudyPlots.Importance(study, new PlotOptions { Metric = "accuracy" })).Message);
        Assert.Throws<ArgumentException>(() => StudyPlots.Slice(study, "nope"));
    }

    [Fact]
    public void Sizes_outside_the_limits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlotOptions { Width = 10 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlotOptions { Height = 100_000 });
    }

    [Fact]
    public void The_best_so_far_line_steps_only_at_improvements_and_spans_every_trial()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"));
        foreach (double value in new[] { 3.0, 4.0, 2.0, 2.5, 1.0, 5.0 })
        {
            study.Tell(study.Ask(), value);
        }

        (double[] xs, double[] ys) = HistoryPlot.BestSoFar(study.Trials, study.Objectives[0], lastId: 5);
        Assert.Equal([0.0, 2, 4, 5], xs);
        Assert.Equal([3.0, 2, 1, 1], ys);
    }

    [Fact]
    public void The_history_plot_draws_feasible_and_infeasible_trials_apart_and_the_best_so_far_line()
    {
        Study study = TestStudies.Mixed(30);
        var data = new PlotData(study);

        using ScottPlot.Plot plot = HistoryPlot.Draw(data, Size);
        Dictionary<string, ScottPlot.Coordinates[]> series = Drawn.Series(plot);

        Assert.Equal(["result", "infeasible", "best so far"], series.Keys);
        Assert.Equal(data.Completed.Where(data.IsFeasible).Select(t => (double)t.Id), series["result"].Select(p => p.X));
        Assert.Equal(data.Completed.Where(t => !data.IsFeasible(t)).Select(t => (double)t.Id), series["infeasible"].Select(p => p.X));
        Assert.Equal(study.BestTrial.Values["loss"], series["best so far"][^1].Y);
    }

    [Fact]
    public void Trials_at_a_lower_fidelity_are_not_drawn_as_results()
    {
        // Trials 0-7 ran one epoch and look better than the two full runs, 8 and 9, which are the only results.
        Study study = Fidelity(cheap: 8, full: 2);
        var data = new PlotData(study);

        using (ScottPlot.Plot history = HistoryPlot.Draw(data, Size))
        {
            Dictionary<string, ScottPlot.Coordinates[]> series = Drawn.Series(history);
            Assert.Equal([8.0, 9], series["result"].Select(p => p.X));
            Assert.Equal([0.0, 1, 2, 3, 4, 5, 6, 7], series["lower fidelity"].Select(p => p.X));
            Assert.Equal(study.BestTrial.Values["loss"], series["best so far"][^1].Y);
        }

        using (ScottPlot.Plot slice = SlicePlot.Draw(data, "x", Size))
        {
            Assert.Equal([0.7, 0.5], Drawn.Markers(slice).Select(m => m.Location.X));
        }

        using (ScottPlot.Plot parallel = ParallelCoordinatesPlot.Draw(data, Size))
        {
            Assert.Equal(2, Drawn.UnlabelledLines(parallel).Length);
        }

        using ScottPlot.Plot importance = ImportancePlot.Draw(data, Size);
        Assert.Equal("Importance needs 3 completed trials at the target fidelity; the study has 2", Drawn.Message(importance));
    }

    [Fact]
    public void A_pareto_plot_keeps_lower_fidelity_trials_apart_from_the_dominated_results()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 10).Build();
        var study = new Study(space, [Metric.Minimize("f1"), Metric.Minimize("f2")], new RandomSuggester(seed: 1));
        for (int i = 0; i < 4; i++)
        {
            // Cheap runs, below and left of every full run; full runs on a front, and one full run (7) behind it.
            Tell(study, new() { ["x"] = i / 4.0, ["epochs"] = 1 }, new Measurements { ["f1"] = 0.1 * i, ["f2"] = 0.1 * (4 - i) });
        }

        Tell(study, new() { ["x"] = 0.1, ["epochs"] = 10 }, new Measurements { ["f1"] = 1, ["f2"] = 2 });
        Tell(study, new() { ["x"] = 0.2, ["epochs"] = 10 }, new Measurements { ["f1"] = 2, ["f2"] = 1 });
        Tell(study, new() { ["x"] = 0.3, ["epochs"] = 10 }, new Measurements { ["f1"] = 1.5, ["f2"] = 1.5 });
        Tell(study, new() { ["x"] = 0.4, ["epochs"] = 10 }, new Measurements { ["f1"] = 3, ["f2"] = 3 });

        using ScottPlot.Plot plot = ParetoFrontPlot.Draw(new PlotData(study));
        Dictionary<string, ScottPlot.Coordinates[]> series = Drawn.Series(plot);

        Assert.Equal(["lower fidelity", "dominated", "Pareto front (3)"], series.Keys);
        Assert.Equal([0.0, 0.1, 0.1 * 2, 0.1 * 3], series["lower fidelity"].Select(p => p.X));
        Assert.Equal([new ScottPlot.Coordinates(3, 3)], series["dominated"]);
        Assert.Equal([1.0, 1.5, 2], series["Pareto front (3)"].Select(p => p.X));
    }

    [Fact]
    public void Without_a_trial_at_the_target_fidelity_the_plots_say_so()
    {
        var data = new PlotData(Fidelity(cheap: 3, full: 0));
        const string Reason = "No trial has completed at the target fidelity yet (3 completed at lower fidelities)";

        using ScottPlot.Plot slice = SlicePlot.Draw(data, "x", Size);
        using ScottPlot.Plot parallel = ParallelCoordinatesPlot.Draw(data, Size);
        using ScottPlot.Plot importance = ImportancePlot.Draw(data, Size);
        Assert.Equal(Reason, Drawn.Message(slice));
        Assert.Equal(Reason, Drawn.Message(parallel));
        Assert.Equal(Reason, Drawn.Message(importance));
    }

    /// <summary>A study with an epochs fidelity: <paramref name="cheap"/> one-epoch runs (loss 0.01·i), then full runs at x = 0.7, 0.5 (loss = x).</summary>
    private static Study Fidelity(int cheap, int full)
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).IntFidelity("epochs", 1, 10).Build();
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        for (int i = 0; i < cheap; i++)
        {
            Tell(study, new() { ["x"] = i / (double)cheap, ["y"] = 0.5, ["epochs"] = 1 }, new Measurements { ["loss"] = 0.01 * i });
        }

        foreach (double x in new[] { 0.7, 0.5 }.Take(full))
        {
            Tell(study, new() { ["x"] = x, ["y"] = 0.5, ["epochs"] = 10 }, new Measurements { ["loss"] = x });
        }

        return study;
    }

    /// <summary>Runs one trial with the given parameters and fidelity, and tells its values.</summary>
    private static void Tell(Study study, Dictionary<string, object> parameters, Measurements values)
    {
        study.Enqueue(parameters);
        study.Tell(study.Ask(), values);
    }

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void Every_plot_writes_its_numbers_in_the_invariant_culture_whatever_the_current_one(string name)
    {
        // The color bar's and the axes' ticks alike: a German program gets the image an invariant one gets.
        Study study = TestStudies.Stored(TestStudies.Mixed());
        byte[] invariant = Draw(study, name, Size);

        using (CultureScope.DecimalComma())
        {
            Assert.Equal(invariant, Draw(study, name, Size));
        }
    }

    internal static byte[] Draw(Study study, string name, PlotOptions options) => name switch
    {
        "history" => StudyPlots.OptimizationHistory(study, options),
        "parallel" => StudyPlots.ParallelCoordinates(study, options),
        "intermediate" => StudyPlots.IntermediateValues(study, options),
        "importance" => StudyPlots.Importance(study, options),
        _ when name.StartsWith("slice-", StringComparison.Ordinal) => StudyPlots.Slice(study, name["slice-".Length..], options),
        _ => throw new ArgumentException(name, nameof(name)),
    };
}
