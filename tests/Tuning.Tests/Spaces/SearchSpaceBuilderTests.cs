namespace Tuning.Tests.Spaces;

public class SearchSpaceBuilderTests
{
    [Fact]
    public void Builds_the_design_example_with_every_kind_of_parameter()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Float("learning_rate", 1e-5, 1e-1, log: true)
            .Float("dropout", 0.0, 0.5)
            .Float("momentum", 0.0, 0.99, step: 0.01)
            .Int("layers", 1, 8)
            .Int("batch_size", 16, 512, log: true)
            .Categorical("optimizer", "adam", "sgd")
            .Float("nesterov", 0.5, 0.99, when: ("optimizer", "sgd"))
            .Bool("use_bias")
            .Build();

        Assert.Equal(8, space.Count);
        Assert.Equal(["learning_rate", "dropout", "momentum", "layers", "batch_size", "optimizer", "nesterov", "use_bias"], space.Parameters.Select(p => p.Name));
        Assert.True(space["learning_rate"].IsLog);
        Assert.Equal(100, space["momentum"].Cardinality);
        Assert.Equal(8, space["layers"].Cardinality);
        Assert.Null(space["dropout"].Cardinality);
        Assert.Equal("optimizer", space["nesterov"].Condition!.Parent);
        Assert.True(space.HasConditions);
    }

    [Fact]
    public void A_step_that_does_not_divide_the_range_lowers_the_upper_bound_to_the_grid()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1, step: 0.3).Int("n", 0, 10, step: 4).Build();
        Assert.Equal(0.9, space["x"].High);
        Assert.Equal(8, space["n"].High);
    }

    [Fact]
    public void A_child_may_be_declared_before_its_parent_and_be_a_parent_itself()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Float("nesterov_gamma", 0.1, 0.9, when: ("nesterov", true))
            .Bool("nesterov", when: ("optimizer", new[] { "sgd", "rmsprop" }))
            .Categorical("optimizer", "adam", "sgd", "rmsprop")
            .Int("extra", 0, 3, when: ("layers", new[] { 2, 3 }))
            .Int("layers", 1, 4)
            .Build();

        ParameterValues adam = space.CreateValues(new Dictionary<string, object> { ["optimizer"] = "adam", ["layers"] = 1 });
        Assert.False(adam.IsActive("nesterov"));
        Assert.False(adam.IsActive("nesterov_gamma"));

        ParameterValues sgd = space.CreateValues(new Dictionary<string, object>
        {
            ["optimizer"] = "sgd", ["nesterov"] = true, ["nesterov_gamma"] = 0.5, ["layers"] = 3, ["extra"] = 2,
        });
        Assert.Equal(0.5, sgd.GetDouble("nesterov_gamma"));
        Assert.Equal(2, sgd.GetInt("extra"));
    }

    [Fact]
    public void Rejects_a_duplicate_name() =>
        AssertNames(() => new SearchSpaceBuilder().Float("x", 0, 1).Int("x", 0, 3), "x", "already declared");

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 1.0)]
    public void Rejects_low_not_below_high(double low, double high) =>
        AssertNames(() => new SearchSpaceBuilder().Float("lr", low, high), "lr", "low");

    [Fact]
    public void Rejects_int_bounds_reversed() =>
        AssertNames(() => new SearchSpaceBuilder().Int("layers", 5, 2), "layers", "low");

    [Fact]
    public void Rejects_text_with_a_lone_surrogate_that_no_storage_can_keep()
    {
        const string Lone = "bad\ud800";
        Assert.Contains("lone UTF-16 surrogate", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float(Lone, 0, 1)).Message);
        Assert.Equal("choices", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Categorical("c", "ok", Lone)).ParamName);
        Assert.Throws<ArgumentException>(() => Metric.Minimize(Lone));
        Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float("x", 0, 1).Tasks("data", (Lone, 0.1), ("full", 1.0)));

        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        Trial trial = study.Ask();
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => trial.SetAttribute(Lone, "v")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => trial.SetAttribute("k", Lone)).ParamName);
        trial.SetAttribute("emoji", "\ud83d\ude00"); // a surrogate pair is fine
        Assert.Equal("\ud83d\ude00", trial.Attributes["emoji"]);
    }

    [Theory]
    [InlineData(double.NaN, 1.0, "low")]
    [InlineData(0.0, double.PositiveInfinity, "high")]
    public void Rejects_bounds_that_are_not_finite(double low, double high, string bound)
    {
        AssertNames(() => new SearchSpaceBuilder().Float("x", low, high), "x", "not finite");
        Assert.Equal(bound, Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float("x", low, high)).ParamName);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-1.0, 1.0)]
    public void Rejects_log_scale_with_a_bound_that_is_not_positive(double low, double high) =>
        AssertNames(() => new SearchSpaceBuilder().Float("lr", low, high, log: true), "lr", "not positive");

    [Fact]
    public void Rejects_log_int_starting_at_zero() =>
        AssertNames(() => new SearchSpaceBuilder().Int("batch", 0, 512, log: true), "batch", "not positive");

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Rejects_a_step_that_is_not_positive(double step) =>
        AssertNames(() => new SearchSpaceBuilder().Float("x", 0, 1, step: step), "x", "positive");

    [Fact]
    public void Rejects_a_step_larger_than_the_range()
    {
        AssertNames(() => new SearchSpaceBuilder().Float("x", 0, 1, step: 2), "x", "larger than its range");
        AssertNames(() => new SearchSpaceBuilder().Int("n", 0, 3, step: 4), "n", "larger than its range");
    }

    [Fact]
    public void Rejects_log_combined_with_a_step() =>
        AssertNames(() => new SearchSpaceBuilder().Float("x", 1, 10, log: true, step: 1), "x", "log");

    [Fact]
    public void Rejects_empty_and_duplicate_choices()
    {
        AssertNames(() => new SearchSpaceBuilder().Categorical("opt"), "opt", "no choices");
        AssertNames(() => new SearchSpaceBuilder().Categorical("opt", "adam", "sgd", "adam"), "opt", "twice");
        AssertNames(() => new SearchSpaceBuilder().Categorical("opt", "adam", ""), "opt", "empty");
    }

    [Fact]
    public void Rejects_a_condition_on_an_unknown_parent() =>
        AssertNames(() => new SearchSpaceBuilder().Float("m", 0, 1, when: ("optimiser", "sgd")).Build(), "optimiser", "not a parameter");

    [Fact]
    public void Rejects_a_condition_on_a_value_the_parent_cannot_take()
    {
        AssertNames(
            () => new SearchSpaceBuilder().Categorical("optimizer", "adam", "sgd").Float("m", 0, 1, when: ("optimizer", "rmsprop")).Build(),
            "rmsprop",
            "cannot take");
        AssertNames(
            () => new SearchSpaceBuilder().Int("layers", 1, 3).Float("m", 0, 1, when: ("layers", 7)).Build(),
            "layers",
            "cannot take");
    }

    [Fact]
    public void Rejects_a_condition_on_a_continuous_float() =>
        AssertNames(() => new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1, when: ("x", 1)).Build(), "x", "categorical or int");

    [Fact]
    public void Rejects_a_cycle_of_conditions()
    {
        var e = Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder()
            .Categorical("a", ["x", "y"], when: ("b", "x"))
            .Categorical("b", ["x", "y"], when: ("a", "y"))
            .Build());
        Assert.Contains("cycle", e.Message);
        Assert.Contains("a", e.Message);
        Assert.Contains("b", e.Message);

        Assert.Contains("cycle", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder()
            .Categorical("a", ["x", "y"], when: ("a", "x")).Build()).Message);
    }

    [Fact]
    public void Rejects_an_empty_space() =>
        Assert.Throws<InvalidOperationException>(() => new SearchSpaceBuilder().Build());

    [Fact]
    public void A_rejected_parameter_leaves_the_builder_usable()
    {
        var builder = new SearchSpaceBuilder().Float("x", 0, 1);
        Assert.Throws<ArgumentException>(() => builder.Float("y", 2, 1));
        SearchSpace space = builder.Float("y", 1, 2).Build();
        Assert.Equal(["x", "y"], space.Parameters.Select(p => p.Name));
    }

    private static void AssertNames(Action build, string name, string problem)
    {
        var e = Assert.ThrowsAny<ArgumentException>(build);
        Assert.Contains(name, e.Message);
        Assert.Contains(problem, e.Message);
    }
}
