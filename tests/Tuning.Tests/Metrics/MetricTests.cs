using Tuning.Tests.Support;
using Tuning.TestSupport;

namespace Tuning.Tests.Metrics;

public class MetricTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    [Fact]
    public void Constraint_thresholds_decide_feasibility()
    {
        Metric latency = Metric.Constraint("latency_ms", max: 20);
        Metric band = Metric.Constraint("size", min: 1, max: 2);
        Assert.True(latency.IsSatisfiedBy(20));
        Assert.False(latency.IsSatisfiedBy(20.01));
        Assert.True(band.IsSatisfiedBy(1.5));
        Assert.False(band.IsSatisfiedBy(0.5));
        Assert.True(Metric.Store("loss").IsSatisfiedBy(double.MaxValue));
        Assert.True(Metric.Maximize("acc").IsObjective);
        Assert.False(latency.IsObjective);
    }

    [Fact]
    public void A_constraint_needs_a_sensible_threshold()
    {
        Assert.Contains("no threshold", Assert.Throws<ArgumentException>(() => Metric.Constraint("latency")).Message);
        Assert.Contains("min (5) > max (1)", Assert.Throws<ArgumentException>(() => Metric.Constraint("latency", min: 5, max: 1)).Message);
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => Metric.Constraint("latency", max: double.NaN)).Message);
        Assert.Throws<ArgumentException>(() => Metric.Minimize(" "));
    }

    [Theory]
    [InlineData("Minimize", "(System.String)")]
    [InlineData("Maximize", "(System.String)")]
    [InlineData("Store", "(System.String)")]
    [InlineData("Constraint", "(System.String,System.Nullable{System.Double},System.Nullable{System.Double})")]
    public void A_metric_name_is_refused_as_documented(string factory, string parameters)
    {
        Func<string, Metric> create = factory switch
        {
            "Minimize" => Metric.Minimize,
            "Maximize" => Metric.Maximize,
            "Store" => Metric.Store,
            _ => name => Metric.Constraint(name), // no threshold either: the name is what is wrong first
        };

        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => create(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => create(" \t")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => create("loss\uD800")).ParamName);
        string member = $"M:Tuning.Metric.{factory}{parameters}";
        Assert.Contains("name", PublicDocs.Exception(member, typeof(ArgumentNullException)), StringComparison.Ordinal);
        Assert.Contains("white space", PublicDocs.Exception(member, typeof(ArgumentException)), StringComparison.Ordinal);
        Assert.Contains("lone UTF-16 surrogate", PublicDocs.Exception(member, typeof(ArgumentException)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_constraint_writes_its_thresholds_the_same_in_every_culture()
    {
        // With a decimal comma, "min (0,5) > max (0,25)" did not read as the values given in code.
        using (CultureScope.DecimalComma())
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => Metric.Constraint("latency", min: 0.5, max: 0.25));
            Assert.Contains("min (0.5) > max (0.25)", e.Message, StringComparison.Ordinal);
            Assert.Equal("min", e.ParamName);
        }
    }

    [Fact]
    public void A_study_needs_something_to_optimize()
    {
        var e = Assert.Throws<ArgumentException>(() => new Study(Space, [Metric.Store("loss"), Metric.Constraint("t", max: 1)]));
        Assert.Contains("No metric is optimized", e.Message);
    }

    [Fact]
    public void Metric_names_are_unique()
    {
        var e = Assert.Throws<ArgumentException>(() => new Study(Space, [Metric.Minimize("loss"), Metric.Store("loss")]));
        Assert.Contains("'loss'", e.Message);
    }

    [Fact]
    public void At_most_two_metrics_are_optimized()
    {
        var e = Assert.Throws<ArgumentException>(() => new Study(Space, [Metric.Minimize("a"), Metric.Maximize("b"), Metric.Minimize("c")]));
        Assert.Contains("at most 2", e.Message);
    }
}
