namespace Tuning.Tests.Spaces;

/// <summary>A condition written as a tuple refuses a null array of values as the constructor does, naming <c>values</c>.</summary>
public class ConditionTupleTests
{
    [Fact]
    public void A_null_array_of_values_is_refused_naming_values()
    {
        var strings = Assert.Throws<ArgumentNullException>(() => { Condition c = ("optimizer", (string[])null!); });
        var ints = Assert.Throws<ArgumentNullException>(() => { Condition c = ("layers", (int[])null!); });
        var direct = Assert.Throws<ArgumentNullException>(() => new Condition("optimizer", null!));

        Assert.Equal("values", strings.ParamName);
        Assert.Equal("values", ints.ParamName);
        Assert.Equal("values", direct.ParamName);
    }
}
