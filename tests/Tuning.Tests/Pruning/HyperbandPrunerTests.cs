namespace Tuning.Tests.Pruning;

public class HyperbandPrunerTests
{
    private static HyperbandPruner Hyperband(long? max, long min = 1, int eta = 3) =>
        new(new HyperbandPrunerOptions { MinResource = min, MaxResource = max, ReductionFactor = eta });

    [Fact]
    public void Brackets_and_their_shares_are_those_of_hyperband()
    {
        // n = ⌊log₃ 81⌋ + 1 = 5; bracket b gets ⌈5 · 3^s / (s + 1)⌉ with s = 4 − b (the same as Optuna's).
        var brackets = new HyperbandBrackets(minResource: 1, maxResource: 81, reductionFactor: 3);
        Assert.Equal(5, brackets.Count);
        Assert.Equal([81L, 34, 15, 8, 5], brackets.Budgets);

        Assert.Equal(3, new HyperbandBrackets(1, 4, 2).Count);   // rungs 1, 2, 4
        Assert.Equal(4, new HyperbandBrackets(2, 17, 2).Count);  // 2, 4, 8, 16
        Assert.Equal(1, new HyperbandBrackets(5, 5, 3).Count);
        Assert.Equal(1, new HyperbandBrackets(5, 14, 3).Count);
        Assert.Equal(2, new HyperbandBrackets(5, 15, 3).Count);
    }

    [Theory]
    [InlineData(1L << 62, 2)]
    [InlineData(long.MaxValue, 2)]
    [InlineData(long.MaxValue, 3)]
    public void A_resource_range_near_the_largest_long_keeps_hyperbands_proportions_without_overflow(long maxResource, int reductionFactor)
    {
        var brackets = new HyperbandBrackets(1, maxResource, reductionFactor);

        Assert.True(brackets.Budgets.Sum() > 0);
        Assert.InRange(brackets.BracketOf(12345), 0, brackets.Count - 1);
        Assert.True(brackets.Budgets[0] > brackets.Budgets[^1], "the most aggressive bracket gets the largest share");

        var pruner = new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 1, MaxResource = maxResource, ReductionFactor = reductionFactor });
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("loss"), new RandomSuggester(seed: 1), new StudyOptions { Pruner = pruner });
        Trial trial = study.Ask();
        trial.Report(1L << 40, 0.5);
        Assert.False(study.ShouldPrune(trial)); // nothing to compare with yet
    }

    [Fact]
    public void Bracket_assignment_is_deterministic_and_covers_every_bracket_in_proportion()
    {
        var first = new HyperbandBrackets(1, 81, 3);
        var second = new HyperbandBrackets(1, 81, 3);
        const int Trials = 143 * 100;
        int[] counts = new int[first.Count];
        for (int id = 0; id < Trials; id++)
        {
            int b = first.BracketOf(id);
            Assert.Equal(b, second.BracketOf(id));
            counts[b]++;
        }

        for (int b = 0; b < first.Count; b++)
        {
            double expected = Trials * first.Budgets[b] / 143.0;
            Assert.InRange(counts[b], expected * 0.85, expected * 1.15);
        }

        // Even a short study reaches every bracket.
        Assert.Equal(Enumerable.Range(0, first.Count), Enumerable.Range(0, 120).Select(first.BracketOf).Distinct().Order());
    }

    [Fact]
    public void A_trial_is_compared_only_with_trials_of_its_own_bracket()
    {
        // min 1, max 4, η 2: brackets 0 (rungs 1, 2, 4), 1 (rungs 2, 4), 2 (rung 4).
        var pruner = Hyperband(max: 4, eta: 2);
        Study study = Curves.NewStudy(pruner);
        IReadOnlyList<Trial> all = study.Ask(40);
        var brackets = new HyperbandBrackets(1, 4, 2);
        Trial[] b0 = [.. all.Where(t => brackets.BracketOf(t.Id) == 0)];
        Trial[] b1 = [.. all.Where(t => brackets.BracketOf(t.Id) == 1)];
        Trial[] b2 = [.. all.Where(t => brackets.BracketOf(t.Id) == 2)];
        Assert.True(b0.Length >= 3 && b1.Length >= 2 && b2.Length >= 1);

        b0[0].Report(1, 0.5);
        Assert.False(study.ShouldPrune(b0[0]));  // bracket 0, rung 1: first
        b1[0].Report(1, 0.1);
        Assert.False(study.ShouldPrune(b1[0]));  // bracket 1 has no rung at 1
        b0[1].Report(1, 0.3);
        Assert.False(study.ShouldPrune(b0[1]));  // {.3 .5} in bracket 0; bracket 1's .1 does not count
        b0[2].Report(1, 0.4);
        Assert.True(study.ShouldPrune(b0[2]));   // {.3 .4 .5}: 1st best .3

        b1[0].Report(2, 0.2);
        Assert.False(study.ShouldPrune(b1[0]));  // bracket 1, rung 2: first there
        b1[1].Report(2, 0.25);
        Assert.True(study.ShouldPrune(b1[1]));   // {.2 .25}

        b2[0].Report(1, 9);
        b2[0].Report(2, 9);
        Assert.False(study.ShouldPrune(b2[0]));  // bracket 2 judges only at step 4
        b2[0].Report(4, 9);
        Assert.False(study.ShouldPrune(b2[0]));  // its only rung is the maximum resource, which is never judged
        b0[0].Report(2, 0.3);
        Assert.False(study.ShouldPrune(b0[0]));  // bracket 0, rung 2: first
        b0[1].Report(2, 0.35);
        Assert.True(study.ShouldPrune(b0[1]));   // {.3 .35}
        b0[0].Report(4, 0.9);
        b0[2].Report(4, 0.1);
        Assert.False(study.ShouldPrune(b0[0]));  // a full run is not pruned, however it compares
    }

    [Fact]
    public void A_trial_that_ran_the_full_maximum_resource_is_never_pruned()
    {
        Study study = Curves.NewStudy(Hyperband(max: 9));
        Curves.Completed(study, Curves.Rungs(0.1, 0.1, 0.1));
        Assert.All(Enumerable.Range(0, 40), _ =>
        {
            Trial trial = study.Ask();
            long? prunedAt = Curves.Run(study, trial, Curves.Rungs(0.05, 0.05, 5.0));
            Assert.True(prunedAt is null, $"trial {trial.Id} pruned at {prunedAt}");
        });
    }

    [Fact]
    public void A_sparse_final_report_that_also_passes_a_lower_rung_does_not_prune_the_finished_run()
    {
        // Rungs at 1, 3, 9, 27, 81; reports every 25 steps of 100 reach rung 81 first at the final report.
        Study study = Curves.NewStudy(Hyperband(max: 100, eta: 3));
        for (int i = 0; i < 12; i++)
        {
            Trial trial = study.Ask();
            foreach (long step in new long[] { 25, 50, 75, 100 })
            {
                trial.Report(step, step switch { 75 => i, 100 => -i, _ => 0 }); // later trials: worse at 75, best at 100
                if (study.ShouldPrune(trial))
                {
                    Assert.True(step < 100, $"trial {trial.Id} pruned at its final report");
                    break;
                }
            }

            if (trial.Reports[^1].Step < 100)
            {
                study.Prune(trial);
            }
            else
            {
                study.Tell(trial, trial.Reports[^1].Value);
            }
        }

        Assert.Equal(-11, study.BestTrial!.Values["v"]);
    }

    [Fact]
    public void Two_pruner_instances_make_the_same_decisions()
    {
        long?[] Decisions(HyperbandPruner pruner)
        {
            Study study = Curves.NewStudy(pruner);
            return [.. Enumerable.Range(0, 30).Select(i => Curves.Run(study, Curves.Rungs(0.5 + (((i * 7) % 11) / 20.0), 0.4, 0.3)))];
        }

        long?[] first = Decisions(Hyperband(max: 9));
        Assert.Equal(first, Decisions(Hyperband(max: 9)));
        Assert.Contains(first, d => d is not null);
        Assert.Contains(first, d => d is null);
    }

    [Fact]
    public void A_maximized_objective_mirrors_the_decisions()
    {
        long?[] Decisions(MetricKind direction)
        {
            Study study = Curves.NewStudy(Hyperband(max: 9), direction);
            double sign = direction == MetricKind.Maximize ? -1 : 1;
            return [.. Enumerable.Range(0, 30).Select(i => Curves.Run(study, [.. Curves.Rungs(0.5 + (((i * 7) % 11) / 20.0), (i * 5 % 7) / 10.0, 0.3).Select(v => sign * v)]))];
        }

        Assert.Equal(Decisions(MetricKind.Minimize), Decisions(MetricKind.Maximize));
    }

    [Fact]
    public void Without_a_maximum_resource_nothing_is_pruned_until_a_trial_completes()
    {
        var pruner = Hyperband(max: null, eta: 2);
        Study study = Curves.NewStudy(pruner);
        Trial first = Curves.Reported(study, 0.1, 0.1, 0.1, 0.1);
        Trial[] others = [.. Enumerable.Range(1, 12).Select(v => Curves.Reported(study, v))];
        Assert.All(others, t => Assert.False(study.ShouldPrune(t)));
        Assert.Null(pruner.Layout(study.Trials));

        study.Tell(first, 0.1);
        Assert.Equal((3, 4L), (pruner.Layout(study.Trials)!.Value.Brackets.Count, pruner.Layout(study.Trials)!.Value.MaxResource));
        bool[] decisions = [.. others.Select(study.ShouldPrune)];
        Assert.Equal(others.Select(t => Hyperband(max: 4, eta: 2).ShouldPrune(t, study.Trials)), decisions); // as with MaxResource = 4
        Assert.Contains(true, decisions);
    }
}
