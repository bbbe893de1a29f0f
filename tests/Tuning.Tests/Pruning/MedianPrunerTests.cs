namespace Tuning.Tests.Pruning;

public class MedianPrunerTests
{
    private static MedianPruner Median(int startup = 0, long warmup = 0, long interval = 1, int minTrials = 1) =>
        new(new MedianPrunerOptions { StartupTrials = startup, WarmupSteps = warmup, IntervalSteps = interval, MinTrialsAtStep = minTrials });

    /// <summary>Three completed trials whose value at step t is 1 − t/10, so the median at step t is 1 − t/10 too.</summary>
    private static Study WithDescendingCurves(IPruner pruner)
    {
        Study study = Curves.NewStudy(pruner);
        double[] curve = [.. Enumerable.Range(1, 9).Select(t => 1 - (t / 10.0))];
        for (int i = 0; i < 3; i++)
        {
            Curves.Completed(study, curve);
        }

        return study;
    }

    [Fact]
    public void Nothing_is_pruned_until_the_startup_trials_completed()
    {
        Study study = Curves.NewStudy(Median(startup: 3));
        Curves.Completed(study, 0.1, 0.1);
        Curves.Completed(study, 0.1, 0.1);
        Assert.Null(Curves.Run(study, 0.9, 0.9));   // two completed: still starting up; this one completes too
        Assert.Equal(1, Curves.Run(study, 0.9, 0.9)); // three completed; median .1 at step 1
    }

    [Fact]
    public void A_trial_is_judged_by_its_best_value_so_far()
    {
        Study study = Curves.NewStudy(Median());
        Curves.Completed(study, 0.2, 0.2);
        Curves.Completed(study, 0.4, 0.4);
        Curves.Completed(study, 0.6, 0.6);
        Trial trial = study.Ask();
        trial.Report(1, 0.3);
        Assert.False(study.ShouldPrune(trial)); // .3 against the median .4
        trial.Report(2, 0.9);
        Assert.False(study.ShouldPrune(trial)); // now .9, but its best so far (.3) still beats the median .4
        Assert.Equal(1, Curves.Run(study, 0.5, 0.1));
    }

    [Fact]
    public void An_even_count_takes_the_mean_of_the_two_middle_values_and_ties_survive()
    {
        Study study = Curves.NewStudy(Median());
        foreach (double v in new[] { 0.8, 0.2, 0.6, 0.4 })
        {
            Curves.Completed(study, v);
        }

        Assert.Null(Curves.Run(study, 0.5));         // median (.4 + .6) / 2 = .5: equal is not worse
        Assert.Equal(1, Curves.Run(study, 0.50001)); // five values now, median .5
    }

    [Fact]
    public void Only_completed_trials_count()
    {
        Study study = Curves.NewStudy(Median(startup: 1));
        Trial running = Curves.Reported(study, 0.0, 0.0);
        Trial pruned = Curves.Reported(study, 0.0);
        study.Prune(pruned);
        Trial probe = Curves.Reported(study, 9.0);
        Assert.False(study.ShouldPrune(probe));     // nothing completed yet
        study.Fail(probe, "probe");

        Curves.Completed(study, 0.5, 0.5);
        Assert.Null(Curves.Run(study, 0.45, 0.45)); // median of the completed .5, not of the running and pruned zeros
        Assert.Equal(TrialState.Running, running.State);
    }

    [Fact]
    public void A_completed_trial_that_misses_a_constraint_counts_as_any_other()
    {
        var study = new Study(Curves.Space, [Metric.Minimize("v"), Metric.Constraint("ms", max: 10)], new RandomSuggester(seed: 5), Curves.Options(Median()));
        Trial infeasible = Curves.Reported(study, 0.1);
        study.Tell(infeasible, new Measurements { ["v"] = 0.1, ["ms"] = 50 });
        Assert.False(infeasible.MeetsConstraints);

        Trial trial = Curves.Reported(study, 0.9);
        Assert.True(study.ShouldPrune(trial)); // the infeasible trial's .1 is the median
    }

    [Fact]
    public void With_two_objectives_reports_are_judged_as_values_of_the_first()
    {
        // The first objective is maximized: a report below the completed trial's is worse, whatever the second objective.
        var study = new Study(Curves.Space, [Metric.Maximize("acc"), Metric.Minimize("ms")], new RandomSuggester(seed: 5), Curves.Options(Median()));
        Trial completed = Curves.Reported(study, 0.9);
        study.Tell(completed, new Measurements { ["acc"] = 0.9, ["ms"] = 50 });

        Trial better = Curves.Reported(study, 0.95);
        Assert.False(study.ShouldPrune(better));
        Trial worse = Curves.Reported(study, 0.5);
        Assert.True(study.ShouldPrune(worse));
        study.Prune(worse);
        Assert.Equal(new Dictionary<string, double> { ["acc"] = 0.5 }, worse.Values);
        Assert.Equal([completed], study.ParetoFront);
    }

    [Fact]
    public void Only_reports_at_the_same_step_count_and_too_few_of_them_prune_nothing()
    {
        Study study = Curves.NewStudy(Median(minTrials: 2));
        Curves.Completed(study, 0.1, 0.1);
        Curves.Completed(study, 0.1);                    // a short run: no report at step 2
        Trial sparse = study.Ask();
        sparse.Report(2, 0.1);
        sparse.Report(4, 0.1);
        study.Tell(sparse, 0.1);                          // reports at steps 2 and 4 only

        Trial late = study.Ask();
        late.Report(3, 0.5);
        Assert.False(study.ShouldPrune(late));            // nobody reported at step 3
        late.Report(4, 0.5);
        Assert.False(study.ShouldPrune(late));            // one completed value at step 4, two needed
        study.Fail(late, "unused");
        Assert.Equal(1, Curves.Run(study, 0.5, 0.5));     // two completed values at step 1 (median .1)
    }

    [Fact]
    public void Warmup_steps_are_never_judged()
    {
        Study study = WithDescendingCurves(Median(warmup: 3));
        Assert.Equal(3, Curves.Run(study, 0.95, 0.95, 0.95, 0.95)); // worse from step 1, judged from step 3
    }

    [Theory]
    [InlineData(1, 6)] // every step judged: .5 is first worse than the median at step 6 (.4)
    [InlineData(3, 8)] // judged at 2, 5, 8 only
    public void Only_the_first_report_of_each_interval_is_judged(long interval, long expected)
    {
        Study study = WithDescendingCurves(Median(warmup: 2, interval: interval));
        Assert.Equal(expected, Curves.Run(study, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5));
    }

    [Fact]
    public void A_sparse_report_past_an_interval_boundary_is_judged()
    {
        Study study = WithDescendingCurves(Median(warmup: 2, interval: 3));
        Trial trial = study.Ask();
        trial.Report(4, 0.5);
        Assert.False(study.ShouldPrune(trial)); // first report after boundary 2; median at 4 is .6
        trial.Report(7, 0.5);
        Assert.True(study.ShouldPrune(trial));  // first report after boundary 5; median at 7 is .3
    }

    [Fact]
    public void A_maximized_objective_prunes_values_below_the_median()
    {
        Study study = Curves.NewStudy(Median(), MetricKind.Maximize);
        Curves.Completed(study, 0.2, 0.2);
        Curves.Completed(study, 0.4, 0.4);
        Curves.Completed(study, 0.6, 0.6);
        Assert.Null(Curves.Run(study, 0.5, 0.3));   // best so far .5 beats the median .4 at both steps
        Assert.Equal(1, Curves.Run(study, 0.3, 0.9));
    }

    [Fact]
    public void The_median_of_an_odd_and_an_even_count()
    {
        Assert.Equal(3, MedianPruner.Median([5, 1, 3]));
        Assert.Equal(2.5, MedianPruner.Median([4, 1, 3, 2]));
        Assert.Equal(7, MedianPruner.Median([7]));

        // The exact median rounded once: numpy's b − (b − a)/2 gives −1.4500000000000002 here.
        Assert.Equal(-1.45, MedianPruner.Median([-2.0, -0.9]));
        Assert.Equal(0, MedianPruner.Median([-double.MaxValue, double.MaxValue]));
    }

    [Fact]
    public void Values_near_the_largest_double_have_a_finite_median()
    {
        // Two completed runs whose accuracy-like score is reported near the largest double: (a + b)/2 overflowed to +∞,
        // and a maximized study pruned a trial that beat the true median.
        Study study = Curves.NewStudy(Median(), MetricKind.Maximize);
        Curves.Completed(study, 1e308);
        Curves.Completed(study, 1.5e308);
        Assert.Equal(1.25e308, MedianPruner.Median([1e308, 1.5e308]));
        Assert.Null(Curves.Run(study, 1.4e308));
        Assert.Equal(1, Curves.Run(study, 1.2e308));
    }
}
