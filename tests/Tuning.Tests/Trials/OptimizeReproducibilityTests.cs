namespace Tuning.Tests.Trials;

/// <summary>What a seeded run of <c>OptimizeAsync</c> repeats.</summary>
public class OptimizeReproducibilityTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", -2, 2).Float("y", -2, 2).Build();

    [Fact]
    public async Task A_run_of_one_trial_at_a_time_with_a_seeded_suggester_makes_the_same_trials_every_time()
    {
        async Task<ParameterValues[]> Run()
        {
            var study = new Study(Space, Metric.Minimize("loss"), new GaussianProcessSuggester(seed: 5, new GaussianProcessOptions { StartupTrials = 4 }));
            await study.OptimizeAsync(
                async (trial, ct) =>
                {
                    await Task.Yield();
                    return Math.Pow(trial.GetDouble("x") - 0.5, 2) + Math.Pow(trial.GetDouble("y") + 0.3, 2);
                },
                trials: 8);
            return [.. study.Trials.Select(t => t.Parameters)];
        }

        Assert.Equal(await Run(), await Run());
    }
}
