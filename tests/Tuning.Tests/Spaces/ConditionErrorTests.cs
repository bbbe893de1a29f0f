namespace Tuning.Tests.Spaces;

/// <summary>A condition that Build() refuses is blamed on <c>when</c>, the parameter that gave it, with a message naming the parameters.</summary>
public class ConditionErrorTests
{
    public static TheoryData<Func<SearchSpaceBuilder>, string> BadConditions => new()
    {
        { () => new SearchSpaceBuilder().Float("m", 0, 1, when: ("opt", "sgd")), "not a parameter of the space" },
        { () => new SearchSpaceBuilder().Float("x", 0, 1).Float("m", 0, 1, when: ("x", "b")), "the float 'x'" },
        { () => new SearchSpaceBuilder().Categorical("opt", "adam", "sgd").Float("m", 0, 1, when: ("opt", "rmsprop")), "a value 'opt' cannot take" },
        { () => new SearchSpaceBuilder().Categorical("a", ["x", "y"], ("b", "x")).Categorical("b", ["x", "y"], ("a", "x")), "cycle" },
    };

    [Theory]
    [MemberData(nameof(BadConditions))]
    public void A_refused_condition_names_the_when_parameter(Func<SearchSpaceBuilder> declare, string expected)
    {
        SearchSpaceBuilder builder = declare();

        var e = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Equal("when", e.ParamName);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_declared_again_under_another_parent_value_is_refused_saying_how_one_parameter_takes_several()
    {
        var builder = new SearchSpaceBuilder().Categorical("optimizer", "adam", "sgd").Float("lr", 1e-4, 1e-1, log: true, when: ("optimizer", "adam"));

        var e = Assert.Throws<ArgumentException>(() => builder.Float("lr", 1e-3, 1, log: true, when: ("optimizer", "sgd")));

        Assert.Equal("name", e.ParamName);
        Assert.Contains("A parameter named 'lr' is already declared (lr: float [0.0001, 0.1] log when optimizer in {adam}).", e.Message, StringComparison.Ordinal);
        Assert.Contains("list them in its one condition, such as when: (\"optimizer\", new[] { \"adam\", … })", e.Message, StringComparison.Ordinal);
        Assert.Equal(["optimizer", "lr"], builder.Build().Parameters.Select(p => p.Name));
    }
}
