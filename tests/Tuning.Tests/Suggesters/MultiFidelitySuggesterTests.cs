using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Suggesters;

public class MultiFidelitySuggesterTests
{
    /// <summary>Small candidate sets keep these tests fast; the algorithm is the same.</summary>
    private static MultiFidelitySuggester Fast(int seed, Action<MultiFidelityOptions>? configure = null)
    {
        var options = new MultiFidelityOptions { Candidates = 128, LocalSearches = 2, StartupTrials = 4 };
        configure?.Invoke(options);
        return new MultiFidelitySuggester(seed, options);
    }

    private static void AssertValidFidelity(SearchSpace space, ParameterValues values)
    {
        SpaceAssert.Valid(space, values);
        Fidelity f = space.Fidelity!;
        if (f.Kind == FidelityKind.Tasks)
        {
            Assert.Null(values.Fidelity);
            Assert.Contains(values.Task, f.Tasks.Select(t => t.Name));
        }
        else
        {
            double v = values.Fidelity!.Value;
            Assert.InRange(v, f.Low, f.High);
            if (f.Kind == FidelityKind.Int)
            {
                Assert.Equal(Math.Floor(v), v);
            }
        }

        Assert.InRange(values.FidelityCost, double.Epsilon, 1);
    }

    [Fact]
    public void Options_changed_after_the_suggester_was_created_have_no_effect()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 27).Build();
        List<string> Run(MultiFidelitySuggester suggester)
        {
            var study = new Study(space, Metric.Minimize("y"), suggester);
            for (int i = 0; i < 8; i++)
            {
                Trial trial = study.Ask();
                study.Tell(trial, Math.Abs(trial.GetDouble("x") - 0.3) + (1.0 / trial.Fidelity!.Value));
            }

            return [.. study.Trials.Select(t => t.Parameters.ToString())];
        }

        var changed = new MultiFidelityOptions { Candidates = 128, LocalSearches = 2, StartupTrials = 4 };
        var suggester = new MultiFidelitySuggester(3, changed);
        changed.Candidates = 0;
        changed.StartupTrials = 7;
        changed.Budget = 1;
        Assert.Equal(Run(Fast(3)), Run(suggester));
    }

    [Fact]
    public void Suggestions_are_valid_with_the_fidelity_inside_its_range()
    {
        // Outcomes: a value in hundredths, or −1 for a failure.
        Arbitrary<(SpaceSpec Space, FidelitySpec Fidelity, int[] Outcomes)> cases = Arb.From(
            from space in SpaceSpec.Generate(4, 40, conditions: true, SpaceSpec.AllShapes)
            from fidelity in FidelitySpec.Generate
            from outcomes in Gen.Frequency((9, Gen.Choose(0, 100)), (1, Gen.Constant(-1))).ArrayOf(10)
            select (Space: space, Fidelity: fidelity, Outcomes: outcomes),
            c => SpaceSpec.Shrink(c.Space).Select(s => c with { Space = s })
                .Concat(Shrink.Array(c.Outcomes, o => Shrink.Toward(o, 0), minLength: 10).Select(o => c with { Outcomes = o })));
        PropertyCheck.ForAll(
            cases,
            c =>
            {
                SearchSpace space = new(c.Space.Build().Parameters, c.Fidelity.AddTo(new SearchSpaceBuilder().Float("unused", 0, 1)).Build().Fidelity);
                var study = new Study(space, Metric.Minimize("y"), Fast(c.Outcomes[0]));
                int told = 0;
                for (int i = 0; i < 8; i++)
                {
                    foreach (Trial trial in study.Ask(i == 6 ? 3 : 1))
                    {
                        AssertValidFidelity(space, trial.Parameters);
                        int outcome = c.Outcomes[told++ % c.Outcomes.Length];
                        if (outcome < 0)
                        {
                            study.Fail(trial, "diverged");
                        }
                        else
                        {
                            study.Tell(trial, (outcome / 100.0) + (1 - trial.FidelityCost));
                        }
                    }
                }
            },
            maxTest: 12);
    }

    [Fact]
    public void A_fixed_seed_gives_identical_runs()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", -2, 2).Int("n", 1, 4).IntFidelity("epochs", 1, 27, log: true).Build();
        List<ParameterValues> Run()
        {
            var study = new Study(space, Metric.Minimize("y"), Fast(5));
            for (int i = 0; i < 12; i++)
            {
                Trial t = study.Ask();
                study.Tell(t, (t.GetDouble("x") * t.GetDouble("x")) + t.GetInt("n") + (3.0 / t.Fidelity!.Value));
            }

            return [.. study.Trials.Select(t => t.Parameters)];
        }

        List<ParameterValues> first = Run();
        Assert.Equal(first, Run());
        Assert.True(first.Select(p => p.Fidelity).Distinct().Count() > 1, "the run used one fidelity only");
    }

    [Fact]
    public void A_batch_gets_distinct_suggestions()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).FloatFidelity("fraction", 0.1, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), Fast(3));
        for (int i = 0; i < 6; i++)
        {
            Trial t = study.Ask();
            study.Tell(t, Math.Pow(t.GetDouble("x") - 0.3, 2) + (0.2 * (1 - t.Fidelity!.Value)));
        }

        IReadOnlyList<Trial> batch = study.Ask(4);
        Assert.Equal(4, batch.Select(t => t.Parameters).Distinct().Count());
    }

    [Fact]
    public void A_cheap_task_that_tells_the_target_is_used_and_the_best_is_confirmed_at_the_target()
    {
        // The cheap task is the target function shifted by a constant: perfectly informative at a tenth of the cost.
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Tasks("data", ("subset", 0.1), ("full", 1.0)).Build();
        var study = new Study(space, Metric.Minimize("loss"), Fast(7, o => o.Budget = 6));
        double spent = 0;
        while (spent < 6)
        {
            Trial t = study.Ask();
            double loss = Math.Pow(t.GetDouble("x") - 0.3, 2) + Math.Pow(t.GetDouble("y") - 0.6, 2) + (t.Task == "subset" ? 0.5 : 0);
            study.Tell(t, loss);
            spent += t.FidelityCost;
        }

        IReadOnlyList<Trial> trials = study.Trials;
        Assert.True(trials.Count(t => t.Task == "subset") >= 4, $"{trials.Count(t => t.Task == "subset")} of {trials.Count} trials on the cheap task");
        Assert.Equal("full", trials[^1].Task);                  // the budget ends at the target
        Trial best = study.BestTrial;
        Assert.True(best.IsAtTargetFidelity);
        Assert.True(best.Value < 0.01, $"best {best}");
    }

    [Fact]
    public void Every_suggestion_is_at_the_target_once_the_budget_runs_low()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 81, log: true).Build();
        var study = new Study(space, Metric.Minimize("loss"), Fast(9, o => { o.Budget = 4; o.ConfirmationShare = 0.5; }));
        double spent = 0;
        while (spent < 6)
        {
            Trial t = study.Ask();
            if (spent >= 2 + 1e-9)
            {
                Assert.True(t.IsAtTargetFidelity, $"trial {t.Id} at {t.Fidelity} epochs with {spent:F2} of 4 spent");
            }

            study.Tell(t, Math.Abs(t.GetDouble("x") - 0.4) + (1 / t.Fidelity!.Value));
            spent += t.FidelityCost;
        }
    }

    [Fact]
    public void The_budget_holds_in_the_startup_design_too_when_trials_keep_failing()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 27, log: true).Build();
        var study = new Study(space, Metric.Minimize("loss"), new MultiFidelitySuggester(seed: 4, new MultiFidelityOptions { Budget = 3 }));
        double spent = 0;
        for (int i = 0; i < 30; i++)
        {
            Trial t = study.Ask();
            if (spent >= 3 - (0.2 * 3) + 1e-9)
            {
                Assert.True(t.IsAtTargetFidelity, $"trial {t.Id} at {t.Fidelity} epochs with {spent:F2} of 3 spent");
            }

            study.Fail(t, "crashed"); // no trial completes, so the suggester stays in its start-up design
            spent += t.FidelityCost;
        }
    }

    [Fact]
    public void With_reports_as_fidelities_pruned_trials_end_the_startup_design_as_completed_ones_do()
    {
        // Every run is stopped after its third epoch's report: each is an observation at 3 epochs, and the model, not
        // the start-up design, chooses the trials after the design's four.
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 27).Build();
        var suggester = Fast(5, o => o.ReportsAreFidelities = true);
        var study = new Study(space, Metric.Minimize("loss"), suggester);
        int modelled = 0;
        for (int i = 0; i < 8; i++)
        {
            Trial t = study.Ask();
            modelled += ((IModelBasedSuggester)suggester).LastModelFit is null ? 0 : 1;
            for (int epoch = 1; epoch <= Math.Min(3, (int)t.Fidelity!.Value); epoch++)
            {
                t.Report(epoch, Math.Abs(t.GetDouble("x") - 0.3) + (1.0 / epoch));
            }

            study.Prune(t);
        }

        Assert.Equal(4, modelled);
        study.Ask();
        Assert.Equal(8, ((IModelBasedSuggester)suggester).LastModelFit!.Observations); // the model's trials: all eight pruned ones
    }

    [Fact]
    public void Without_a_level_at_most_half_as_costly_it_suggests_what_the_gaussian_process_suggester_would_at_the_target()
    {
        // BoTorch's affine cost 5 + s: the cheapest run costs 5/6 of a full one.
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).FloatFidelity("s", 0, 1, fixedCost: 5).Build();
        List<ParameterValues> Run(ISuggester suggester)
        {
            var study = new Study(space, Metric.Minimize("y"), suggester);
            for (int i = 0; i < 10; i++)
            {
                Trial t = study.Ask();
                study.Tell(t, Math.Pow(t.GetDouble("x") - 0.3, 2) + t.GetDouble("y") + (0.1 * (1 - t.Fidelity!.Value)));
            }

            return [.. study.Trials.Select(t => t.Parameters)];
        }

        // The options the two suggesters share, the noise floor included.
        var options = new GaussianProcessOptions { Candidates = 128, LocalSearches = 2, StartupTrials = 4, NoiseFloor = new MultiFidelityOptions().NoiseFloor };
        List<ParameterValues> multiFidelity = Run(Fast(11));
        Assert.Equal(Run(new GaussianProcessSuggester(11, options)), multiFidelity);
        Assert.All(multiFidelity, p => Assert.True(p.IsAtTargetFidelity));
    }

    /// <summary>The suggestions of <paramref name="asks"/> asks on x, y and epochs 1–81, each told a learning-curve value.</summary>
    private static List<ParameterValues> Suggestions(ISuggester suggester, int asks)
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).IntFidelity("epochs", 1, 81, log: true).Build();
        var study = new Study(space, Metric.Minimize("loss"), suggester);
        for (int i = 0; i < asks; i++)
        {
            Trial t = study.Ask();
            double x = t.GetDouble("x"), y = t.GetDouble("y");
            study.Tell(t, Math.Pow(x - 0.3, 2) + Math.Pow(y - 0.6, 2) + ((0.5 + x) * Math.Pow(t.Fidelity!.Value, -0.3 - (0.5 * x))));
        }

        return [.. study.Trials.Select(t => t.Parameters)];
    }

    [Fact]
    public void The_default_startup_design_has_four_configurations_per_parameter_and_one()
    {
        // Two parameters: 4·(2 + 1) = 12 design points, then the model.
        List<ParameterValues> byDefault = Suggestions(Fast(21, o => o.StartupTrials = null), 13);
        Assert.Equal(Suggestions(Fast(21, o => o.StartupTrials = 12), 13), byDefault);
        Assert.NotEqual(Suggestions(Fast(21, o => o.StartupTrials = 11), 13)[11], byDefault[11]);
    }

    [Fact]
    public void With_a_budget_the_default_startup_design_costs_at_most_a_quarter_of_it()
    {
        // Levels 1, 3, 9, 27, 81 epochs: the design's first 8 points cost 2.54 target trials and the 9th brings it to
        // 2.65, above a quarter of 10.4.
        List<ParameterValues> byDefault = Suggestions(Fast(22, o => { o.StartupTrials = null; o.Budget = 10.4; }), 9);
        Assert.Equal(Suggestions(Fast(22, o => { o.StartupTrials = 8; o.Budget = 10.4; }), 9), byDefault);
        Assert.InRange(byDefault.Take(8).Sum(p => p.FidelityCost), 2.5, 2.6);
    }

    [Fact]
    public void The_joint_model_standardizes_values_without_a_power_transform_by_default()
    {
        List<ParameterValues> byDefault = Suggestions(Fast(23), 9);
        Assert.Equal(Suggestions(Fast(23, o => o.OutputWarping = OutputWarping.None), 9), byDefault);
        Assert.NotEqual(Suggestions(Fast(23, o => o.OutputWarping = OutputWarping.PowerTransform), 9), byDefault);
    }

    [Fact]
    public void With_tasks_the_joint_model_power_transforms_values_by_default()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1)
            .Tasks("run", new FidelityTask("short", 0.1), new FidelityTask("full", 1)).Build();
        List<ParameterValues> Run(OutputWarping? warping)
        {
            var study = new Study(space, Metric.Minimize("loss"), Fast(24, o => o.OutputWarping = warping));
            for (int i = 0; i < 9; i++)
            {
                Trial t = study.Ask();
                double x = t.GetDouble("x"), y = t.GetDouble("y");
                study.Tell(t, Math.Exp(Math.Pow(x - 0.3, 2) + Math.Pow(y - 0.6, 2)) + (t.Task == "short" ? 0.4 * x : 0));
            }

            return [.. study.Trials.Select(t => t.Parameters)];
        }

        List<ParameterValues> byDefault = Run(null);
        Assert.Equal(Run(OutputWarping.PowerTransform), byDefault);
        Assert.NotEqual(Run(OutputWarping.None), byDefault);
    }

    [Fact]
    public void The_suggester_refuses_what_it_cannot_do()
    {
        SearchSpace plain = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var e = Assert.Throws<InvalidOperationException>(() => new MultiFidelitySuggester(1).Suggest(new SuggestionContext(plain, [Metric.Minimize("y")], []), 1));
        Assert.Contains("fidelity", e.Message, StringComparison.Ordinal);

        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 9).Build();
        Assert.Throws<InvalidOperationException>(() => new MultiFidelitySuggester(1).Suggest(new SuggestionContext(space, [Metric.Minimize("a"), Metric.Maximize("b")], []), 1));
    }

    [Fact]
    public void A_study_it_could_never_serve_refuses_it_when_created_or_opened_and_writes_nothing()
    {
        SearchSpace plain = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 9).Build();
        void Refused(Action create, string why)
        {
            var e = Assert.Throws<ArgumentException>(create);
            Assert.Equal("suggester", e.ParamName);
            Assert.Contains(why, e.Message, StringComparison.Ordinal);
        }

        Refused(() => _ = new Study(plain, Metric.Minimize("y"), new MultiFidelitySuggester(1)), "fidelity");
        Refused(() => _ = new Study(space, [Metric.Minimize("a"), Metric.Maximize("b")], new MultiFidelitySuggester(1)), "one objective");

        var storage = new InMemoryStudyStorage();
        Refused(() => Study.Create(storage, "created", plain, Metric.Minimize("y"), new MultiFidelitySuggester(1)), "fidelity");
        Refused(() => Study.CreateOrOpen(storage, "opened", plain, Metric.Minimize("y"), new MultiFidelitySuggester(1)), "fidelity");
        Study plainStudy = Study.Create(storage, "plain", plain, Metric.Minimize("y"), new RandomSuggester(seed: 1));
        Refused(() => Study.Open(storage, "plain", new MultiFidelitySuggester(1)), "fidelity");
        string json = plainStudy.ToJson().Replace("\"plain\"", "\"imported\"", StringComparison.Ordinal);
        Refused(() => Study.FromJson(json, storage, new MultiFidelitySuggester(1)), "fidelity");
        Assert.Equal(["plain"], storage.ListStudies().Select(s => s.Name));
    }

    [Theory]
    [InlineData("budget")]
    [InlineData("share")]
    [InlineData("startup")]
    [InlineData("candidates")]
    [InlineData("noise")]
    [InlineData("fit")]
    [InlineData("threads")]
    [InlineData("threads-2")]
    public void Bad_options_are_refused(string which)
    {
        var options = new MultiFidelityOptions();
        switch (which)
        {
            case "budget": options.Budget = 0; break;
            case "share": options.ConfirmationShare = 1.5; break;
            case "startup": options.StartupTrials = -1; break;
            case "candidates": options.Candidates = 0; break;
            case "noise": options.NoiseFloor = 0; break;
            case "threads": options.MaxDegreeOfParallelism = 0; break;
            case "threads-2": options.MaxDegreeOfParallelism = -2; break;
            default: options.MaxFitPoints = 5; break;
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MultiFidelitySuggester(1, options));
        if (which.StartsWith("threads", StringComparison.Ordinal))
        {
            Assert.Equal(nameof(MultiFidelityOptions.MaxDegreeOfParallelism), e.ParamName);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(3)]
    public void The_search_at_the_target_alone_takes_the_thread_limit_and_every_shared_option(int threads)
    {
        var options = new MultiFidelityOptions
        {
            MaxDegreeOfParallelism = threads, StartupTrials = 7, Candidates = 64, LocalSearches = 2, NoiseFloor = 1e-5, MaxFitPoints = 50, WarmStart = false,
        };

        GaussianProcessOptions targetOnly = MultiFidelitySuggester.TargetOnlyOptions(options);

        Assert.Equal(-1, new MultiFidelityOptions().MaxDegreeOfParallelism);
        Assert.Equal(
            (threads, 7, 64, 2, 1e-5, 50, false, options.TargetOnlyWarping),
            (targetOnly.MaxDegreeOfParallelism, targetOnly.StartupTrials, targetOnly.Candidates, targetOnly.LocalSearches, targetOnly.NoiseFloor, targetOnly.MaxFitPoints, targetOnly.WarmStart, targetOnly.OutputWarping));
    }
}

public class MisleadingTaskTests
{
    private static double Target(ParameterValues p) => Math.Pow(p.GetDouble("a") - 0.2, 2) + Math.Pow(p.GetDouble("b") - 0.7, 2);

    [Theory]
    [InlineData("unrelated")]
    [InlineData("inverted")]
    public void A_misleading_cheap_task_is_abandoned(string kind)
    {
        // The proxy costs a tenth of a target run, but says nothing (or the opposite) about the target. Whatever the
        // start-up design spent on it, the suggester must stop paying for it.
        SearchSpace space = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 0, 1)
            .Tasks("data", new FidelityTask("proxy", 0.1), new FidelityTask("full", 1)).Build();
        var suggester = new MultiFidelitySuggester(1, new MultiFidelityOptions { Candidates = 256, LocalSearches = 3 });
        var study = new Study(space, Metric.Minimize("loss"), suggester);
        var proxy = new List<bool>();
        for (int i = 0; i < 45; i++)
        {
            Trial trial = study.Ask();
            bool cheap = trial.Task == "proxy";
            double value = !cheap ? Target(trial.Parameters)
                : kind == "inverted" ? -Target(trial.Parameters)
                : Math.Sin(13 * trial.GetDouble("a")) * Math.Cos(11 * trial.GetDouble("b"));
            study.Tell(trial, value);
            proxy.Add(cheap);
        }

        int lateProxyRuns = proxy.Skip(30).Count(p => p);
        Assert.True(lateProxyRuns <= 2, $"{lateProxyRuns} of the last 15 trials still ran the misleading proxy: {string.Join("", proxy.Select(p => p ? 'p' : 'T'))}");
        Assert.True(study.BestTrial.Value < 0.01, $"best target value {study.BestTrial.Value}");
    }
}
