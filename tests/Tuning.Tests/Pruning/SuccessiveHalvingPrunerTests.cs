namespace Tuning.Tests.Pruning;

public class SuccessiveHalvingPrunerTests
{
    private static SuccessiveHalvingPruner Asha(int eta, long minResource = 1, int rate = 0, int bootstrap = 0) =>
        new(new SuccessiveHalvingPrunerOptions { ReductionFactor = eta, MinResource = minResource, MinEarlyStoppingRate = rate, BootstrapCount = bootstrap });

    /// <summary>
    /// Nine trials, one after another, with η = 3 and r = 1: rungs at steps 1, 3 and 9. The expected decisions, worked out
    /// by hand (n = values at the rung, own included; a trial continues if it is at least as good as the max(⌊n/3⌋, 1)-th best):
    /// <code>
    /// trial  at 1   at 3  at 9   decision
    ///   0    .50    .30   .10    rung 1 {.50} best; rung 3 {.30} best; rung 9 {.10} best      → completes
    ///   1    .60                 rung 1 n=2, 1st best .50                                      → pruned at 1
    ///   2    .40    .35          rung 1 n=3, 1st best .40 ok; rung 3 n=2 {.30 .35}, 1st .30    → pruned at 3
    ///   3    .45                 rung 1 n=4, 1st best .40                                      → pruned at 1
    ///   4    .42                 rung 1 n=5, 1st best .40                                      → pruned at 1
    ///   5    .41    .20   .05    rung 1 n=6, 2nd best .41 ok; rung 3 n=3 best; rung 9 n=2 best → completes
    ///   6    .43                 rung 1 n=7, 2nd best .41                                      → pruned at 1
    ///   7    .44                 rung 1 n=8, 2nd best .41                                      → pruned at 1
    ///   8    .415   .32          rung 1 n=9, 3rd best .415 ok; rung 3 n=4 {.20 .30 .32 .35}    → pruned at 3
    /// </code>
    /// </summary>
    private static readonly (double[] Curve, long? PrunedAt)[] Scenario =
    [
        (Curves.Rungs(0.50, 0.30, 0.10), null),
        (Curves.Rungs(0.60, 0.50, 0.40), 1),
        (Curves.Rungs(0.40, 0.35, 0.30), 3),
        (Curves.Rungs(0.45, 0.40, 0.35), 1),
        (Curves.Rungs(0.42, 0.40, 0.35), 1),
        (Curves.Rungs(0.41, 0.20, 0.05), null),
        (Curves.Rungs(0.43, 0.40, 0.35), 1),
        (Curves.Rungs(0.44, 0.40, 0.35), 1),
        (Curves.Rungs(0.415, 0.32, 0.25), 3),
    ];

    [Fact]
    public void Rung_promotions_follow_the_asha_rules()
    {
        Study study = Curves.NewStudy(Asha(eta: 3));
        long?[] decisions = [.. Scenario.Select(s => Curves.Run(study, s.Curve))];
        Assert.Equal(Scenario.Select(s => s.PrunedAt), decisions);
    }

    [Fact]
    public void With_a_maximum_resource_a_full_run_is_never_pruned_at_its_last_report()
    {
        // Runs of 9 steps, η = 3: the second run passes rungs 1 and 3 and reaches 9 behind the first. Without a maximum
        // (Optuna's rule) it is judged there and pruned after training in full; ASHA's top rung is the maximum resource,
        // where nothing is judged.
        double[] first = Curves.Rungs(0.50, 0.30, 0.10), second = Curves.Rungs(0.45, 0.25, 0.20);
        Study optuna = Curves.NewStudy(Asha(eta: 3));
        Assert.Equal([null, 9L], new[] { Curves.Run(optuna, first), Curves.Run(optuna, second) });

        Study asha = Curves.NewStudy(new SuccessiveHalvingPruner(new() { ReductionFactor = 3, MaxResource = 9 }));
        Assert.Equal([null, null], new[] { Curves.Run(asha, first), Curves.Run(asha, second) });
        Assert.Equal(2, asha.Trials.Count(t => t.State == TrialState.Completed));

        // The rungs below the maximum are judged as before.
        Assert.Equal(1L, Curves.Run(asha, Curves.Rungs(0.60, 0.20, 0.01)));
    }

    [Theory]
    [InlineData(long.MaxValue - 1)]
    [InlineData(long.MaxValue)]
    public void Without_a_maximum_resource_the_largest_steps_are_judged_too(long step)
    {
        // η = 2, r = 1: rungs at 1, 2, 4, …, 2^62; a first report at a huge step reaches every one of them at once.
        Study study = Curves.NewStudy(Asha(eta: 2));
        Curves.Completed(study, 0.1);
        Trial trial = study.Ask();
        trial.Report(step, 0.9);
        Assert.True(study.ShouldPrune(trial)); // rung 1: worse than the completed trial's .1
    }

    [Fact]
    public void A_maximized_objective_mirrors_the_decisions()
    {
        Study study = Curves.NewStudy(Asha(eta: 3), MetricKind.Maximize);
        long?[] decisions = [.. Scenario.Select(s => Curves.Run(study, Curves.Negate(s.Curve)))];
        Assert.Equal(Scenario.Select(s => s.PrunedAt), decisions);
    }

    [Fact]
    public void Rungs_are_read_from_the_storage_so_workers_in_other_processes_share_them()
    {
        // Two study objects over one storage stand for two worker processes, each with its own pruner instance.
        var storage = new InMemoryStudyStorage();
        Study first = Study.Create(storage, "shared", Curves.Space, [Metric.Minimize("v")], new RandomSuggester(seed: 1), Curves.Options(Asha(eta: 3)));
        Study second = Study.Open(storage, "shared", new RandomSuggester(seed: 2), Curves.Options(Asha(eta: 3)));

        long?[] decisions = [.. Scenario.Select((s, i) => Curves.Run(i % 2 == 0 ? first : second, s.Curve))];
        Assert.Equal(Scenario.Select(s => s.PrunedAt), decisions);
    }

    [Fact]
    public void Decisions_survive_an_export_and_import_of_the_study()
    {
        Study before = Curves.NewStudy(Asha(eta: 3));
        long?[] decisions = [.. Scenario.Take(5).Select(s => Curves.Run(before, s.Curve))];
        Study after = Study.FromJson(before.ToJson(), suggester: new RandomSuggester(seed: 9), options: Curves.Options(Asha(eta: 3)));
        decisions = [.. decisions, .. Scenario.Skip(5).Select(s => Curves.Run(after, s.Curve))];
        Assert.Equal(Scenario.Select(s => s.PrunedAt), decisions);
    }

    [Fact]
    public void A_pruned_trial_keeps_its_value_at_the_rung_where_it_stopped()
    {
        Study study = Curves.NewStudy(Asha(eta: 3));
        foreach ((double[] curve, _) in Scenario)
        {
            Curves.Run(study, curve);
        }

        Trial pruned = study.Trials[2];
        Assert.Equal(TrialState.Pruned, pruned.State);
        Assert.Equal(0.35, pruned.Value);
        Assert.Equal(3, pruned.Reports[^1].Step);
    }

    [Fact]
    public void Running_trials_compete_and_a_promotion_is_never_taken_back()
    {
        // η = 2, r = 1: rungs at 1, 2, 4. Four trials run side by side, as parallel workers would.
        Study study = Curves.NewStudy(Asha(eta: 2));
        IReadOnlyList<Trial> t = study.Ask(4);

        t[0].Report(1, 0.5);
        Assert.False(study.ShouldPrune(t[0]));   // n=1: best
        t[1].Report(1, 0.4);
        Assert.False(study.ShouldPrune(t[1]));   // n=2 {.4 .5}: 1st best .4
        t[2].Report(1, 0.3);
        Assert.False(study.ShouldPrune(t[2]));   // n=3: 1st best .3
        t[3].Report(1, 0.6);
        Assert.True(study.ShouldPrune(t[3]));    // n=4 {.3 .4 .5 .6}: 2nd best .4, running trials count

        // Trial 0 is no longer in the top half at step 1, but it was promoted there: it is judged next at rung 2.
        t[0].Report(2, 0.45);
        Assert.False(study.ShouldPrune(t[0]));   // rung 2, n=1
        t[1].Report(2, 0.46);
        Assert.True(study.ShouldPrune(t[1]));    // rung 2, n=2 {.45 .46}: 1st best .45
    }

    [Fact]
    public void Between_rungs_nothing_is_pruned()
    {
        Study study = Curves.NewStudy(Asha(eta: 3));
        Curves.Completed(study, Curves.Rungs(0.1, 0.1, 0.1));
        Trial worse = study.Ask();
        worse.Report(1, 0.2);
        Assert.True(study.ShouldPrune(worse)); // at rung 1, worse than the only other value
        Trial late = study.Ask();
        late.Report(2, 0.9);                   // its first report is past rung 1: judged there by its first value
        Assert.True(study.ShouldPrune(late));
        Trial between = study.Ask();
        between.Report(1, 0.05);
        Assert.False(study.ShouldPrune(between));
        between.Report(2, 5.0);                // step 2 is no rung
        Assert.False(study.ShouldPrune(between));
    }

    [Fact]
    public void Sparse_reports_are_judged_by_the_latest_value_at_or_before_the_rung()
    {
        // η = 2, r = 1: rungs at 1, 2, 4, 8.
        Study study = Curves.NewStudy(Asha(eta: 2));
        Curves.Completed(study, 0.5, 0.4, 0.3, 0.2, 0.2);
        Trial sparse = study.Ask();
        sparse.Report(3, 0.35);
        Assert.False(study.ShouldPrune(sparse)); // rungs 1 and 2 reached at once; no report before them, so its first (.35) beats .5 and .4
        sparse.Report(5, 0.1);
        Assert.True(study.ShouldPrune(sparse));  // rung 4: its value there is the report at step 3 (.35), worse than .2
    }

    [Fact]
    public void The_early_stopping_rate_moves_the_first_rung()
    {
        // r = 1, η = 2, s = 1: rungs at 2, 4, 8.
        Study study = Curves.NewStudy(Asha(eta: 2, rate: 1));
        Curves.Completed(study, 0.5, 0.4, 0.3, 0.2);
        Assert.Equal(2, Curves.Run(study, 0.9, 0.8, 0.7));
        Assert.Equal(4, Curves.Run(study, 0.9, 0.3, 0.7, 0.6));
    }

    [Fact]
    public void The_minimum_resource_sets_the_first_rung()
    {
        // r = 3, η = 3: rungs at 3, 9.
        Study study = Curves.NewStudy(Asha(eta: 3, minResource: 3));
        Curves.Completed(study, Curves.Rungs(0.5, 0.3, 0.1));
        Assert.Equal(3, Curves.Run(study, Curves.Rungs(0.9, 0.4, 0.2)));
        Assert.Equal(9, Curves.Run(study, Curves.Rungs(0.9, 0.2, 0.2)));
    }

    [Fact]
    public void A_bootstrap_count_prunes_the_first_arrivals_at_a_rung()
    {
        Study study = Curves.NewStudy(Asha(eta: 2, bootstrap: 2));
        Assert.Equal(1, Curves.Run(study, 0.1, 0.1));  // n=1 ≤ 2
        Assert.Equal(1, Curves.Run(study, 0.1, 0.1));  // n=2 ≤ 2
        Assert.Equal(2, Curves.Run(study, 0.1, 0.1));  // rung 1 n=3 and best; rung 2 n=1 ≤ 2
    }

    [Fact]
    public void Failed_trials_values_still_count_at_their_rungs()
    {
        Study study = Curves.NewStudy(Asha(eta: 2));
        Trial failed = Curves.Reported(study, 0.1);
        study.Fail(failed, "out of memory");
        Assert.Equal(1, Curves.Run(study, 0.2, 0.2));
    }
}
