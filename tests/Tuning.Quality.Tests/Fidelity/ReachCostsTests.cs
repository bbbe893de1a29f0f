using System.Text;

namespace Tuning.Quality.Tests;

/// <summary>The <c>--reach</c> table follows each run: the first cost within the budget at which its regret is at most R.</summary>
public sealed class ReachCostsTests
{
    private static readonly List<(double Cost, double Regret)> Run = [(1, 0.5), (2, 0.2), (3.5, 0.0016999999999999999), (5, 0), (31, 0)];

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(0.3, 2)]
    [InlineData(0.0017, 3.5)]
    [InlineData(0, 5)]
    public void The_first_cost_is_that_of_the_first_trial_at_or_below_the_regret(double threshold, double cost) =>
        Assert.Equal(cost, ReachCosts.FirstCost(Run, threshold, budget: 30));

    [Fact]
    public void A_regret_reached_only_past_the_budget_is_never_reached() =>
        Assert.Equal(double.PositiveInfinity, ReachCosts.FirstCost(Run, 0, budget: 4));

    [Fact]
    public void The_median_is_never_when_half_the_runs_or_more_never_get_there()
    {
        List<(double, double)> never = [(1, 1)];
        var table = new StringBuilder();

        ReachCosts.AppendRow(table, "p", "m", [Run, Run, never, never], [0, 0.3], budget: 30);

        Assert.Equal("| p | m | never (2 of 4) | never (2 of 4) |", table.ToString().TrimEnd());
        table.Clear();
        ReachCosts.AppendRow(table, "p", "m", [Run, Run, Run, never], [0.3], budget: 30);
        Assert.Equal("| p | m | 2.0 (3 of 4) |", table.ToString().TrimEnd());
    }

    [Fact]
    public void A_median_towards_runs_that_never_get_there_is_infinite_and_never_nan()
    {
        Assert.Equal(double.PositiveInfinity, Statistics.Median([2, 2, double.PositiveInfinity, double.PositiveInfinity]));
        Assert.Equal(double.PositiveInfinity, Statistics.Median([double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity]));
        Assert.Equal(2, Statistics.Median([2, 2, 2, double.PositiveInfinity]));
        Assert.Equal(2.5, Statistics.Median([1, 2, 3, 4]));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0.1,x")]
    [InlineData("NaN")]
    [InlineData("")]
    public void Thresholds_that_are_not_regrets_are_refused(string option) =>
        Assert.Throws<FormatException>(() => ReachCosts.Thresholds(option));
}
