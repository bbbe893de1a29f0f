namespace Tuning.Tests.Pruning;

/// <summary>Pruners called from many workers at once, through OptimizeAsync and through hand-written parallel loops.</summary>
public class PrunerConcurrencyTests
{
    private const int Steps = 9;

    public static TheoryData<string> Pruners => ["asha", "hyperband", "median"];

    private static IPruner Create(string name) => name switch
    {
        "asha" => new SuccessiveHalvingPruner(new() { MinResource = 1, ReductionFactor = 3 }),
        "hyperband" => new HyperbandPruner(new() { MinResource = 1, MaxResource = Steps, ReductionFactor = 3 }),
        _ => new MedianPruner(new() { StartupTrials = 3, WarmupSteps = 2 }),
    };

    /// <summary>A learning curve that ends near x and starts higher: x + 1/step.</summary>
    private static double Curve(Trial trial, int step) => trial.GetDouble("x") + (1.0 / step);

    [Theory]
    [MemberData(nameof(Pruners))]
    public async Task OptimizeAsync_with_several_workers_prunes_at_valid_steps(string name)
    {
        var study = new Study(Curves.Space, Metric.Minimize("v"), new SobolSuggester(seed: 3), Curves.Options(Create(name)));
        await study.OptimizeAsync(
            async (trial, ct) =>
            {
                for (int step = 1; step <= Steps; step++)
                {
                    await Task.Delay(1, ct);
                    trial.Report(step, Curve(trial, step));
                    if (study.ShouldPrune(trial))
                    {
                        throw new TrialPrunedException();
                    }
                }

                return Curve(trial, Steps);
            },
            trials: 40,
            maxConcurrency: 4);

        AssertValidRun(name, study, 40);
    }

    [Theory]
    [MemberData(nameof(Pruners))]
    public async Task Hand_written_parallel_loops_prune_at_valid_steps(string name)
    {
        var study = new Study(Curves.Space, Metric.Minimize("v"), new SobolSuggester(seed: 4), Curves.Options(Create(name)));
        int claimed = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (Interlocked.Increment(ref claimed) <= 40)
            {
                Trial trial = study.Ask();
                bool pruned = false;
                for (int step = 1; step <= Steps && !pruned; step++)
                {
                    trial.Report(step, Curve(trial, step));
                    pruned = study.ShouldPrune(trial);
                    Thread.Yield();
                }

                if (pruned)
                {
                    study.Prune(trial);
                }
                else
                {
                    study.Tell(trial, Curve(trial, Steps));
                }
            }
        })));

        AssertValidRun(name, study, 40);
    }

    [Theory]
    [MemberData(nameof(Pruners))]
    public void Concurrent_calls_give_the_same_answers_as_sequential_ones(string name)
    {
        IPruner pruner = Create(name);
        Study study = Curves.NewStudy(pruner);
        var random = new Random(7);
        for (int i = 0; i < 12; i++)
        {
            Curves.Completed(study, [.. Enumerable.Range(1, Steps).Select(t => random.NextDouble() + (1.0 / t))]);
        }

        Trial[] running = [.. Enumerable.Range(0, 30).Select(_ => Curves.Reported(study, [.. Enumerable.Range(1, random.Next(1, Steps + 1)).Select(t => random.NextDouble() + (1.0 / t))]))];
        IReadOnlyList<Trial> trials = study.Trials;
        bool[] expected = [.. running.Select(t => pruner.ShouldPrune(t, trials))];
        Assert.Contains(true, expected);
        Assert.Contains(false, expected);

        var answers = new bool[running.Length * 50];
        Parallel.For(0, answers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            answers[i] = pruner.ShouldPrune(running[i % running.Length], trials));
        Assert.Equal(Enumerable.Range(0, answers.Length).Select(i => expected[i % running.Length]), answers);
    }

    private static void AssertValidRun(string name, Study study, int count)
    {
        IReadOnlyList<Trial> trials = study.Trials;
        Assert.Equal(count, trials.Count);
        Assert.All(trials, t => Assert.True(t.State is TrialState.Completed or TrialState.Pruned, $"{t} {t.FailReason}"));
        Trial[] pruned = [.. trials.Where(t => t.State == TrialState.Pruned)];
        Assert.NotEmpty(pruned);
        Assert.Contains(trials, t => t.State == TrialState.Completed);
        Assert.All(pruned, t => Assert.Equal(t.Reports[^1].Value, t.Value));

        var brackets = new HyperbandBrackets(1, Steps, 3);
        foreach (Trial t in pruned)
        {
            long step = t.Reports[^1].Step;
            switch (name)
            {
                case "asha":
                    Assert.Contains(step, new long[] { 1, 3, 9 });
                    break;
                case "hyperband":
                    // Bracket b judges at 3^b, 3^(b+1), … below the maximum resource 9.
                    Assert.Contains(step, new long[] { 1, 3 }.Skip(brackets.BracketOf(t.Id)));
                    break;
                default:
                    Assert.True(step >= 2, $"trial {t.Id} pruned in warm-up at step {step}");
                    break;
            }
        }
    }
}
