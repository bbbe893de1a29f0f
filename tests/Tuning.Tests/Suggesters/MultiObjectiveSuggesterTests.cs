using FsCheck;
using FsCheck.Fluent;
using Tuning.TestSupport;
using Tuning.Tests.Support;

namespace Tuning.Tests.Suggesters;

public class MultiObjectiveSuggesterTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Int("n", 0, 3).Build();

    private static readonly Metric[] Metrics = [Metric.Minimize("f1"), Metric.Maximize("g2"), Metric.Store("size")];

    /// <summary>Small candidate sets keep these tests fast; the algorithm is the same.</summary>
    private static GaussianProcessSuggester Fast(int seed) =>
        new(seed, new GaussianProcessOptions { Candidates = 256, LocalSearches = 3, StartupTrials = 5 });

    /// <summary>A ZDT1-like trade-off: f1 = x, and g2 = −f2 with f2 = g·(1 − √(x/g)), g = 1 + y + n/3 (best at y = n = 0).</summary>
    private static Measurements Evaluate(Trial t)
    {
        double x = t.GetDouble("x"), g = 1 + t.GetDouble("y") + (t.GetInt("n") / 3.0);
        return new Measurements { ["f1"] = x, ["g2"] = -g * (1 - Math.Sqrt(x / g)), ["size"] = t.GetInt("n") };
    }

    private static Study Run(ISuggester suggester, int trials, int batch = 1, Metric[]? metrics = null, Func<Trial, Measurements>? evaluate = null)
    {
        var study = new Study(Space, metrics ?? Metrics, suggester);
        while (study.Trials.Count < trials)
        {
            foreach (Trial t in study.Ask(Math.Min(batch, trials - study.Trials.Count)))
            {
                study.Tell(t, (evaluate ?? Evaluate)(t));
            }
        }

        return study;
    }

    [Fact]
    public void A_batch_gets_valid_distinct_new_points()
    {
        Study study = Run(Fast(21), 8);
        IReadOnlyList<Trial> batch = study.Ask(5);
        Assert.All(batch, t => SpaceAssert.Valid(Space, t.Parameters));
        Assert.Equal(5, batch.Select(t => t.Parameters).Distinct().Count());
        Assert.DoesNotContain(batch, t => study.Trials.Take(8).Any(old => old.Parameters.Equals(t.Parameters)));

        // The batch spreads along the front instead of piling onto one spot of it.
        double[] xs = [.. batch.Select(t => t.GetDouble("x")).Order()];
        Assert.True(xs[^1] - xs[0] > 0.1, $"batch x: {string.Join(", ", xs)}");
    }

    [Fact]
    public void A_fixed_seed_gives_identical_runs()
    {
        List<ParameterValues> Parameters() => [.. Run(Fast(22), 14, batch: 3).Trials.Select(t => t.Parameters)];
        Assert.Equal(Parameters(), Parameters());
    }

    [Fact]
    public void Running_trials_of_other_workers_count_as_pending()
    {
        Study study = Run(Fast(23), 8);

        // Three workers ask one at a time before any of them tells: each sees the others' trials as running.
        Trial[] running = [study.Ask(), study.Ask(), study.Ask()];
        Assert.Equal(3, running.Select(t => t.Parameters).Distinct().Count());
        Assert.All(running, t => SpaceAssert.Valid(Space, t.Parameters));
    }

    [Fact]
    public async Task Concurrent_workers_complete_every_trial_with_distinct_points()
    {
        var study = new Study(Space, Metrics, Fast(24));
        await study.OptimizeAsync(
            async (t, ct) =>
            {
                await Task.Delay(1, ct);
                return Evaluate(t);
            },
            trials: 16,
            maxConcurrency: 3);

        Assert.Equal(16, study.Trials.Count(t => t.State == TrialState.Completed));
        Assert.Equal(16, study.Trials.Select(t => t.Parameters).Distinct().Count());
        Assert.NotEmpty(study.ParetoFront);
    }

    [Fact]
    public void Beats_random_search_on_hypervolume()
    {
        double[] reference = [1.1, -3.5]; // f1 below 1.1, g2 above −3.5 (that is, f2 below 3.5)
        double gp = Run(Fast(25), 24).Hypervolume(reference);
        double random = Run(new RandomSuggester(25), 24).Hypervolume(reference);

        // The best front, g = 1, has hypervolume 1.1 × 3.5 − ∫₀¹(1 − √x)dx = 3.85 − 1/3.
        Assert.True(gp > random, $"GP {gp}, random {random}");
        Assert.True(gp > 3.85 - (1 / 3.0) - 0.15, $"GP {gp}");
    }

    [Fact]
    public void A_given_reference_point_focuses_the_search_on_its_part_of_the_front()
    {
        // Only f1 below 0.3 counts (with f2 below 1.5, so g2 above −1.5): the search should stay at small x.
        var options = new GaussianProcessOptions { Candidates = 256, LocalSearches = 3, StartupTrials = 5, ReferencePoint = [0.3, -1.5] };
        Study study = Run(new GaussianProcessSuggester(28, options), 20);
        int inside = study.Trials.Skip(5).Count(t => t.GetDouble("x") < 0.3);
        Assert.True(inside >= 12, $"{inside} of the 15 model-based trials had x below 0.3");
    }

    [Fact]
    public void A_reference_point_at_the_largest_double_in_one_objective_keeps_the_threshold_on_the_other()
    {
        // double.MaxValue says "no threshold on g2"; it overflowed the model's units, log EHVI was +∞ everywhere, and the
        // search ignored the threshold on f1 too (6 of the 15 model-based trials below 0.3 in a scratch run).
        var options = new GaussianProcessOptions { Candidates = 256, LocalSearches = 3, StartupTrials = 5, ReferencePoint = [0.3, -double.MaxValue] };
        Study study = Run(new GaussianProcessSuggester(28, options), 20);
        int inside = study.Trials.Skip(5).Count(t => t.GetDouble("x") < 0.3);
        Assert.True(inside >= 12, $"{inside} of the 15 model-based trials had x below 0.3");
    }

    [Fact]
    public void A_reference_point_far_beyond_the_data_steers_the_search_alike_whatever_the_metrics_units()
    {
        // The same problem in units 2⁻³³ times smaller (values near 1e-10) and the same far reference point: the models'
        // standardized data are exactly the same, and a reference 1e300 away is as far in either, so the suggestions must
        // be too. Before, the small units overflowed the reference point to infinity in the models' units.
        const double Scale = 1.0 / (1L << 33);
        Measurements Scaled(Trial t) => new() { ["f1"] = Scale * Evaluate(t)["f1"], ["g2"] = Scale * Evaluate(t)["g2"], ["size"] = t.GetInt("n") };
        GaussianProcessSuggester Far() => new(29, new GaussianProcessOptions { Candidates = 256, LocalSearches = 3, StartupTrials = 5, ReferencePoint = [1e300, -1e300] });

        Study units = Run(Far(), 12), small = Run(Far(), 12, evaluate: Scaled);
        Assert.Equal(units.Trials.Select(t => t.Parameters.ToString()), small.Trials.Select(t => t.Parameters.ToString()));
    }

    [Fact]
    public void Bad_reference_points_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianProcessSuggester(1, new GaussianProcessOptions { ReferencePoint = [1.0] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianProcessSuggester(1, new GaussianProcessOptions { ReferencePoint = [1.0, double.NaN] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianProcessSuggester(1, new GaussianProcessOptions { ReferencePoint = [1.0, 2, 3] }));
    }

    [Fact]
    public void A_refused_reference_point_is_written_the_same_in_every_culture()
    {
        // With a decimal comma the point [0.5, 2.25, 1] read "[0,5, 2,25, 1]": five numbers or three?
        using (CultureScope.DecimalComma())
        {
            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(
                () => new GaussianProcessSuggester(1, new GaussianProcessOptions { ReferencePoint = [0.5, 2.25, 1] }));
            Assert.Equal("ReferencePoint", e.ParamName);
            Assert.Contains("[0.5, 2.25, 1]", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_changed_after_the_suggester_was_created_have_no_effect()
    {
        // The options are read once, when the suggester is created (as the pruners' are), so a later change can neither
        // slip past their checks nor change a running study's suggestions.
        GaussianProcessOptions Options() => new() { Candidates = 256, LocalSearches = 3, StartupTrials = 5, ReferencePoint = [0.3, -1.5] };
        GaussianProcessOptions changed = Options();
        var suggester = new GaussianProcessSuggester(28, changed);
        changed.ReferencePoint = [1.0];
        changed.Candidates = 0;
        changed.StartupTrials = 1;
        Study expected = Run(new GaussianProcessSuggester(28, Options()), 8), actual = Run(suggester, 8);
        Assert.Equal(expected.Trials.Select(t => t.Parameters.ToString()), actual.Trials.Select(t => t.Parameters.ToString()));
    }

    [Fact]
    public void Constraints_keep_the_suggestions_feasible_and_the_front_respects_them()
    {
        Metric[] metrics = [.. Metrics, Metric.Constraint("mem", max: 0.6)];
        Measurements Constrained(Trial t)
        {
            Measurements m = Evaluate(t);
            m["mem"] = t.GetDouble("x") + t.GetDouble("y");
            return m;
        }

        Study study = Run(Fast(26), 20, metrics: metrics, evaluate: Constrained);
        int feasible = study.Trials.Skip(5).Count(t => t.Values["mem"] <= 0.6);

        // A fifth of the square at most (x + y ≤ 0.6 has area 0.18) would be feasible by chance.
        Assert.True(feasible >= 10, $"{feasible} of the 15 model-based trials were feasible");
        Assert.All(study.ParetoFront, t => Assert.True(t.Values["mem"] <= 0.6));
    }

    [Fact]
    public void Histories_with_no_feasible_trial_or_failures_give_valid_suggestions()
    {
        Metric[] metrics = [.. Metrics, Metric.Constraint("mem", min: 5)];
        var study = new Study(Space, metrics, Fast(27));
        for (int i = 0; i < 7; i++)
        {
            Trial t = study.Ask();
            if (i % 3 == 2)
            {
                study.Fail(t, "out of memory");
                continue;
            }

            Measurements m = Evaluate(t);
            m["mem"] = t.GetDouble("y"); // always below the threshold: nothing is feasible yet
            study.Tell(t, m);
        }

        Assert.Empty(study.ParetoFront);
        IReadOnlyList<Trial> next = study.Ask(3);
        Assert.All(next, t => SpaceAssert.Valid(Space, t.Parameters));
        Assert.Equal(3, next.Select(t => t.Parameters).Distinct().Count());
    }

    [Fact]
    public void Suggestions_are_valid_for_generated_spaces_with_conditions_in_batches_and_beside_running_trials()
    {
        // Two objectives and a constraint over the parameters that happen to be active, with failures among the trials.
        Metric[] metrics = [Metric.Minimize("f1"), Metric.Maximize("f2"), Metric.Constraint("mem", max: 0.7)];
        PropertyCheck.ForAll(
            Arb.Zip(SpaceSpec.Arbitrary(maxParameters: 5, maxSize: 6), Arb.From(Gen.Choose(0, 100).ArrayOf(12), v => Shrink.Array(v, x => Shrink.Toward(x, 0), minLength: 12))),
            c =>
            {
                SearchSpace space = c.Item1.Build();
                var study = new Study(space, metrics, Fast(c.Item2[0]));
                void Finish(Trial trial, int k)
                {
                    if (k % 5 == 4)
                    {
                        study.Fail(trial, "diverged");
                        return;
                    }

                    double[] unit = space.Encode(trial.Parameters);
                    double active = unit.Count(u => !double.IsNaN(u)) / (double)unit.Length;
                    study.Tell(trial, new Measurements { ["f1"] = c.Item2[k] / 100.0, ["f2"] = active, ["mem"] = (c.Item2[k] % 10) / 10.0 });
                }

                for (int i = 0; i < 8; i++)
                {
                    foreach (Trial trial in study.Ask(i == 6 ? 3 : 1))
                    {
                        SpaceAssert.Valid(space, trial.Parameters);
                        Finish(trial, i);
                    }
                }

                Trial[] running = [study.Ask(), study.Ask()];
                for (int i = 0; i < 3; i++)
                {
                    Trial next = study.Ask();
                    SpaceAssert.Valid(space, next.Parameters);
                    Finish(running[i % 2], 8 + i);
                    running[i % 2] = next;
                }

                Assert.All(running, t => SpaceAssert.Valid(space, t.Parameters));
            },
            maxTest: 25);
    }
}
