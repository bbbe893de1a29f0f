using Tuning.Storage.Testing;

namespace Tuning.Storage.Tests;

/// <summary>The first difference of two JSON texts, as the conformance suite reports a study that did not read back the same.</summary>
public sealed class JsonDifferenceTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"a":1,"b":[1,2]}""", null)]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"a":1,"b":[1,3]}""", "at $.b[1], expected 2, got 3")]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"a":1,"b":[1]}""", "at $.b[1], expected 2, got nothing")]
    [InlineData("""{"a":1}""", """{"a":1,"c":{"d":"x"}}""", """at $.c, expected nothing, got {"d":"x"}""")]
    [InlineData("""{"t":[{"at":"10:00:00.1234567"}]}""", """{"t":[{"at":"10:00:00.1230000"}]}""", "at $.t[0].at, expected \"10:00:00.1234567\", got \"10:00:00.1230000\"")]
    [InlineData("""{"odd key":true}""", """{"odd key":false}""", "at $[\"odd key\"], expected true, got false")]
    [InlineData("{\n  \"a\": 1\n}", "{\"a\":1}", "at line 1, expected {, got {\"a\":1}")]
    [InlineData("not json\nsecond", "not json\nthird", "at line 2, expected second, got third")]
    public void Names_the_first_difference(string expected, string actual, string? difference) =>
        Assert.Equal(difference, JsonDifference.First(expected, actual));
}
