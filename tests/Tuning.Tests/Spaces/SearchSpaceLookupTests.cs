namespace Tuning.Tests.Spaces;

/// <summary>Looking a parameter up by name: a null name is refused under the parameter's own name.</summary>
public class SearchSpaceLookupTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    [Fact]
    public void Contains_refuses_a_null_name_naming_its_parameter()
    {
        var e = Assert.Throws<ArgumentNullException>(() => Space.Contains(null!));

        Assert.Equal("name", e.ParamName);
        Assert.True(Space.Contains("x"));
        Assert.False(Space.Contains("y"));
    }
}
