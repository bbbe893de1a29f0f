using Tuning.Quality.Problems;

namespace Tuning.Quality.Tests;

/// <summary>Every target line of the suites can fail: fed results that miss it, it reads NO.</summary>
public sealed class TargetLineTests
{
    private const double None = FidelityCurves.None;

    [Fact]
    public void The_regret_targets_read_no_when_the_gp_misses_them()
    {
        var curves = new Dictionary<string, double[][]>
        {
            ["GP"] = Runs(1.0), ["Random"] = Runs(5.0), ["GP q=4"] = Runs(2.5), ["GP 8 workers"] = Runs(1.5),
        };

        (string Target, bool Met)[] targets = [.. RegretSuite.Targets(new Branin(), curves)];

        Assert.Equal(5, targets.Length);
        Assert.All(targets.Where(t => !t.Target.Contains("8 workers", StringComparison.Ordinal)), t => Assert.False(t.Met, t.Target));
        Assert.True(targets.Single(t => t.Target.Contains("8 workers", StringComparison.Ordinal)).Met);
    }

    [Fact]
    public void The_regret_targets_read_yes_when_the_gp_meets_them()
    {
        var curves = new Dictionary<string, double[][]> { ["GP"] = Runs(1e-6), ["Random"] = Runs(5.0) };

        Assert.All(RegretSuite.Targets(new Branin(), curves), t => Assert.True(t.Met, t.Target));
    }

    [Fact]
    public void The_partial_training_targets_read_no_when_the_recommended_path_misses_them()
    {
        var problem = new LearningCurves();
        double[] checkpoints = [10, 20, 30];
        var curves = new Dictionary<string, double[][]>
        {
            ["GP target"] = Runs(0.01, 3), [FidelityMethod.RecommendedName] = Runs(0.02, 3),
        };

        Assert.All(FidelitySuite.Targets(problem, curves, checkpoints, reference: 0.01), t => Assert.False(t.Met, t.Target));
    }

    [Fact]
    public void The_partial_training_targets_read_no_when_no_method_has_a_target_result()
    {
        var problem = new LearningCurves();
        double[] checkpoints = [10, 20, 30];
        var curves = new Dictionary<string, double[][]>
        {
            ["GP target"] = Runs(None, 3), [FidelityMethod.RecommendedName] = Runs(None, 3),
        };

        (string Target, bool Met)[] targets = [.. FidelitySuite.Targets(problem, curves, checkpoints, reference: Statistics.Median([None, None]))];

        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.False(t.Met, t.Target));
    }

    /// <summary>Ten runs whose every point is <paramref name="regret"/>.</summary>
    private static double[][] Runs(double regret, int points = 40) =>
        [.. Enumerable.Range(0, 10).Select(_ => Enumerable.Repeat(regret, points).ToArray())];
}
