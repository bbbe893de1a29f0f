using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Suggesters;

public class GaussianProcessSuggesterTests
{
    /// <summary>Small candidate sets keep these tests fast; the algorithm is the same.</summary>
    private static GaussianProcessSuggester Fast(int seed, Action<GaussianProcessOptions>? configure = null)
    {
        var options = new GaussianProcessOptions { Candidates = 256, LocalSearches = 3, StartupTrials = 4 };
        configure?.Invoke(options);
        return new GaussianProcessSuggester(seed, options);
    }

    [Fact]
    public void The_startup_design_repeats_no_assignment_of_a_small_discrete_space()
    {
        // One or two discrete parameters (a log int, an int, a categorical, a bool): a handful of assignments, where
        // Sobol points often decode to one already tried. With at least twice as many assignments as start-up trials, the
        // replacements find an untried one but with a chance below 2^-32 per point.
        Gen<(int Kind, int Size)> parameter = from kind in Gen.Choose(0, 3) from size in Gen.Choose(2, 12) select (kind, size);
        PropertyCheck.ForAll(
            from parameters in parameter.ArrayOf().Where(a => a.Length is 1 or 2)
            from seed in Gen.Choose(0, 1000)
            from startup in Gen.Choose(3, 10)
            select (parameters, seed, startup),
            c =>
            {
                var builder = new SearchSpaceBuilder();
                int assignments = 1;
                for (int i = 0; i < c.parameters.Length; i++)
                {
                    (int kind, int size) = c.parameters[i];
                    _ = kind switch
                    {
                        0 => builder.Int($"p{i}", 1, size * 3, log: true),
                        1 => builder.Int($"p{i}", 0, size - 1),
                        2 => builder.Categorical($"p{i}", [.. Enumerable.Range(0, size).Select(k => $"c{k}")]),
                        _ => builder.Bool($"p{i}"),
                    };
                    assignments *= kind switch { 0 => size * 3, 3 => 2, _ => size };
                }

                if (assignments < 2 * c.startup)
                {
                    return;
                }

                var study = new Study(builder.Build(), Metric.Minimize("y"), new GaussianProcessSuggester(c.seed, new GaussianProcessOptions { StartupTrials = c.startup }));
                var seen = new HashSet<string>();
                for (int i = 0; i < c.startup; i++)
                {
                    Trial trial = study.Ask();
                    string key = string.Join(",", study.Space.Encode(trial.Parameters));
                    Assert.True(seen.Add(key), $"start-up trial {i} repeats {key}");
                    study.Tell(trial, i);
                }
            },
            maxTest: 60);
    }

    [Fact]
    public void Suggestions_are_valid_for_generated_spaces_with_conditions()
    {
        PropertyCheck.ForAll(
            Arb.Zip(SpaceSpec.Arbitrary(maxParameters: 5, maxSize: 40), Arb.From(Gen.Choose(0, 100).ArrayOf(10), v => Shrink.Array(v, x => Shrink.Toward(x, 0), minLength: 10))),
            c =>
            {
                SearchSpace space = c.Item1.Build();
                var study = new Study(space, Metric.Minimize("y"), Fast(c.Item2[0]));
                for (int i = 0; i < 9; i++)
                {
                    foreach (Trial trial in study.Ask(i switch { 6 => 2, 7 => 4, _ => 1 }))
                    {
                        SpaceAssert.Valid(space, trial.Parameters);
                        study.Tell(trial, c.Item2[i] / 100.0);
                    }
                }

                // Parallel workers: asks while three trials run take the roles of a batch's points, trust region included.
                Trial[] running = [study.Ask(), study.Ask(), study.Ask()];
                for (int i = 0; i < 4; i++)
                {
                    Trial next = study.Ask();
                    SpaceAssert.Valid(space, next.Parameters);
                    study.Tell(running[i % 3], c.Item2[i] / 100.0);
                    running[i % 3] = next;
                }
            },
            maxTest: 12);
    }

    [Fact]
    public void A_batch_gets_distinct_points()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Int("n", 1, 3).Build();
        var study = new Study(space, Metric.Minimize("y"), Fast(7));
        for (int i = 0; i < 6; i++)
        {
            Trial t = study.Ask();
            study.Tell(t, Math.Pow(t.GetDouble("x") - 0.3, 2) + t.GetInt("n"));
        }

        IReadOnlyList<Trial> batch = study.Ask(5);
        Assert.Equal(5, batch.Select(t => t.Parameters).Distinct().Count());
        Assert.DoesNotContain(batch, t => study.Trials.Take(6).Any(old => old.Parameters.Equals(t.Parameters)));
    }

    [Fact]
    public void A_single_ask_while_another_trial_runs_takes_the_role_of_a_batchs_second_point()
    {
        // Workers asking one trial each get the roles of a batch's points in turn: with one trial running and an odd
        // number of trials so far, the ask is the second point of a batch of two, where the model expects the lowest
        // value given the running trial.
        SearchSpace space = new SearchSpaceBuilder().Float("x", -3, 3).Float("y", -2, 2).Build();
        static double Camel(ParameterValues p)
        {
            double x = p.GetDouble("x"), y = p.GetDouble("y");
            return ((4 - (2.1 * x * x) + (x * x * x * x / 3)) * x * x) + (x * y) + ((-4 + (4 * y * y)) * y * y);
        }

        Study History()
        {
            var study = new Study(space, Metric.Minimize("f"), Fast(3));
            var random = new Random(7);
            for (int i = 0; i < 20; i++)
            {
                study.Enqueue(new Dictionary<string, object> { ["x"] = (6 * random.NextDouble()) - 3, ["y"] = (4 * random.NextDouble()) - 2 });
                Trial trial = study.Ask();
                study.Tell(trial, Camel(trial.Parameters));
            }

            return study;
        }

        IReadOnlyList<Trial> batch = History().Ask(2);
        Study workers = History();
        Trial first = workers.Ask(), second = workers.Ask();

        Assert.Equal(batch[0].Parameters.GetDouble("x"), first.Parameters.GetDouble("x"));
        Assert.Equal(batch[0].Parameters.GetDouble("y"), first.Parameters.GetDouble("y"));
        Assert.Equal(batch[1].Parameters.GetDouble("x"), second.Parameters.GetDouble("x"), 1e-3);
        Assert.Equal(batch[1].Parameters.GetDouble("y"), second.Parameters.GetDouble("y"), 1e-3);
    }

    [Fact]
    public void A_small_discrete_space_is_covered_without_repeats_until_it_runs_out()
    {
        SearchSpace space = new SearchSpaceBuilder().Int("n", 0, 3).Categorical("c", "a", "b").Build();
        var study = new Study(space, Metric.Minimize("y"), Fast(8));
        for (int i = 0; i < 8; i++)
        {
            Trial t = study.Ask();
            study.Tell(t, t.GetInt("n") + (t.GetString("c") == "a" ? 0 : 0.5));
        }

        Assert.Equal(8, study.Trials.Select(t => t.Parameters).Distinct().Count());
        Trial extra = study.Ask();
        SpaceAssert.Valid(space, extra.Parameters);
    }

    [Fact]
    public void Diverged_runs_reported_as_a_huge_value_leave_the_search_on_the_others()
    {
        // Branin, whose runs beyond x0 > 7 or x1 > 13 "diverge" and are told as 1e300, as users often report a failure.
        // Rescaled linearly, every other value differed from the rest in the 297th digit and the model saw a constant:
        // the search ended as a random one would (regret 2.5 with this seed).
        var space = new SearchSpaceBuilder().Float("x0", -5, 10).Float("x1", 0, 15).Build();
        var study = new Study(space, Metric.Minimize("y"), new GaussianProcessSuggester(seed: 0));
        double best = double.PositiveInfinity;
        for (int i = 0; i < 40; i++)
        {
            Trial trial = study.Ask();
            double x = trial.GetDouble("x0"), y = trial.GetDouble("x1");
            double value = x > 7 || y > 13
                ? 1e300
                : Math.Pow(y - (5.1 / (4 * Math.PI * Math.PI) * x * x) + (5 / Math.PI * x) - 6, 2) + (10 * (1 - (1 / (8 * Math.PI))) * Math.Cos(x)) + 10;
            study.Tell(trial, value);
            best = Math.Min(best, value);
        }

        Assert.InRange(best - 0.397887357729739, 0, 1e-2);
    }

    [Fact]
    public void A_fixed_seed_gives_identical_runs()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", -2, 2).Float("lr", 1e-4, 1, log: true).Categorical("c", "a", "b").Build();
        List<ParameterValues> Run()
        {
            var study = new Study(space, Metric.Minimize("y"), Fast(11));
            for (int i = 0; i < 10; i++)
            {
                Trial t = study.Ask();
                study.Tell(t, (t.GetDouble("x") * t.GetDouble("x")) + Math.Log(t.GetDouble("lr")) + (t.GetString("c") == "a" ? 1 : 0));
            }

            return [.. study.Trials.Select(t => t.Parameters)];
        }

        Assert.Equal(Run(), Run());
    }

    [Theory]
    [InlineData("equal")]
    [InlineData("huge")]
    [InlineData("duplicates")]
    [InlineData("one")]
    public void Awkward_histories_give_valid_suggestions(string history)
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("v"), Fast(12));
        var random = new Random(3);
        int count = history == "one" ? 1 : 8;
        for (int i = 0; i < count; i++)
        {
            if (history == "duplicates")
            {
                study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["y"] = 0.25 });
            }

            Trial t = study.Ask();
            double value = history switch
            {
                "equal" => 1.0,
                "huge" => (random.NextDouble() - 0.5) * 1e300,
                "duplicates" => random.NextDouble(),
                _ => 0.3,
            };
            study.Tell(t, value);
        }

        IReadOnlyList<Trial> next = study.Ask(3);
        Assert.All(next, t =>
        {
            SpaceAssert.Valid(space, t.Parameters);
            Assert.True(double.IsFinite(t.GetDouble("x")) && double.IsFinite(t.GetDouble("y")));
        });
    }

    [Fact]
    public void The_model_fit_counts_the_pruned_trials_the_pruned_trial_model_learns_from()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var suggester = Fast(13, o => o.UsePrunedTrials = true);
        var study = new Study(space, Metric.Minimize("loss"), suggester);
        for (int i = 0; i < 6; i++)
        {
            Trial t = study.Ask();
            t.Report(1, t.GetDouble("x") + 1);
            t.Report(2, t.GetDouble("x") + 0.5);
            if (i == 5)
            {
                study.Fail(t, "diverged");
            }
            else if (i % 2 == 0)
            {
                study.Prune(t);
            }
            else
            {
                study.Tell(t, t.GetDouble("x"));
            }
        }

        study.Ask();
        Assert.Equal(6, suggester.LastModelFit!.Observations); // three pruned, two completed, one failed
    }

    [Fact]
    public void Failed_trials_steer_the_search_away_from_where_runs_fail()
    {
        // The objective's minimum is at 0.5, but every run within 0.05 of it crashes. Modelled as the worst value,
        // the failures push the search to the band's edges instead of into it again and again.
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("v"), Fast(13));
        for (int i = 0; i < 24; i++)
        {
            Trial t = study.Ask();
            double x = t.GetDouble("x");
            if (Math.Abs(x - 0.5) < 0.05)
            {
                study.Fail(t, "diverged");
            }
            else
            {
                study.Tell(t, (x - 0.5) * (x - 0.5));
            }
        }

        int lateFailures = study.Trials.Skip(8).Count(t => t.State == TrialState.Failed);
        Assert.True(lateFailures <= 4, $"{lateFailures} of the last 16 trials failed");
        Assert.InRange(Math.Abs(study.BestTrial.GetDouble("x") - 0.5), 0.05, 0.07);
    }

    [Fact]
    public void Constraints_steer_towards_the_feasible_region()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var study = new Study(space, [Metric.Minimize("loss"), Metric.Constraint("ms", max: 0.5)], Fast(14));
        for (int i = 0; i < 14; i++)
        {
            Trial t = study.Ask();
            double x = t.GetDouble("x");
            study.Tell(t, new Measurements { ["loss"] = 1 - x, ["ms"] = x });
        }

        // The loss keeps falling as x grows, but x above 0.5 is infeasible: the best feasible point is x = 0.5.
        Assert.InRange(study.BestTrial.GetDouble("x"), 0.4, 0.5);
    }

    [Fact]
    public void Finds_the_minimum_of_a_smooth_function_faster_than_random_search()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", -3, 3).Float("y", -3, 3).Build();
        double Best(ISuggester suggester)
        {
            var study = new Study(space, Metric.Minimize("v"), suggester);
            for (int i = 0; i < 20; i++)
            {
                Trial t = study.Ask();
                study.Tell(t, Math.Pow(t.GetDouble("x") - 1, 2) + Math.Pow(t.GetDouble("y") + 0.5, 2));
            }

            return study.BestTrial.Value!.Value;
        }

        double gp = Best(Fast(15));
        Assert.True(gp < 1e-3, $"GP reached {gp}");
        Assert.True(gp < Best(new RandomSuggester(15)) / 10);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianProcessSuggester(1, new GaussianProcessOptions { Candidates = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianProcessSuggester(1, new GaussianProcessOptions { NoiseFloor = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianProcessSuggester(1, new GaussianProcessOptions { StartupTrials = -1 }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Suggestions_in_a_long_study_do_not_depend_on_how_many_threads_they_may_use(bool mixed)
    {
        // Long enough (300 trials) for a suggestion to use several threads, with spare pool threads so that it does.
        ThreadPool.GetMinThreads(out int workerThreads, out int completionThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, 16), completionThreads);
        SearchSpaceBuilder builder = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 1e-3, 1, log: true).Float("c", -1, 1);
        SearchSpace space = (mixed ? builder.Int("n", 1, 40).Categorical("k", "x", "y", "z") : builder).Build();
        var history = new Study(space, Metric.Minimize("v"), new RandomSuggester(seed: 4));
        for (int i = 0; i < GaussianProcessOptions.ThreadsFromTrials; i++)
        {
            Trial trial = history.Ask();
            double[] unit = space.Encode(trial.Parameters);
            history.Tell(trial, unit.Sum(u => Math.Sin(5 * u)) + (unit[0] * unit[1]));
        }

        var context = new SuggestionContext(space, history.Metrics, history.Trials);
        IReadOnlyList<ParameterValues> Suggest(int threads) =>
            new GaussianProcessSuggester(7, new GaussianProcessOptions { MaxDegreeOfParallelism = threads }).Suggest(context, 2);

        IReadOnlyList<ParameterValues> one = Suggest(1);
        Assert.Equal(one, Suggest(2));
        Assert.Equal(one, Suggest(4));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    public void A_degree_of_parallelism_other_than_minus_one_or_positive_is_refused_by_name(int threads)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianProcessSuggester(1, new GaussianProcessOptions { MaxDegreeOfParallelism = threads }));
        Assert.Equal(nameof(GaussianProcessOptions.MaxDegreeOfParallelism), e.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public void Every_documented_degree_of_parallelism_suggests(int threads)
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("v"), new GaussianProcessSuggester(2, new GaussianProcessOptions { MaxDegreeOfParallelism = threads, StartupTrials = 3 }));
        for (int i = 0; i < 6; i++)
        {
            Trial trial = study.Ask();
            study.Tell(trial, Math.Abs(trial.GetDouble("x") - 0.3) + trial.GetDouble("y"));
        }

        Assert.Equal(6, study.Trials.Count(t => t.State == TrialState.Completed));
        Assert.Equal(-1, new GaussianProcessOptions().MaxDegreeOfParallelism);
    }
}
