namespace Tuning.Tests.Metrics;

/// <summary>The indexer names its own parameter, <c>metric</c>, whichever way it is misused.</summary>
public class MeasurementsTests
{
    [Fact]
    public void Reading_a_null_metric_names_the_metric_parameter()
    {
        var measurements = new Measurements { ["loss"] = 1 };

        var e = Assert.Throws<ArgumentNullException>(() => measurements[null!]);

        Assert.Equal("metric", e.ParamName);
    }

    [Fact]
    public void Setting_a_null_or_blank_metric_names_the_metric_parameter_and_reading_an_unknown_one_says_which()
    {
        var measurements = new Measurements();

        Assert.Equal("metric", Assert.Throws<ArgumentNullException>(() => measurements[null!] = 1).ParamName);
        Assert.Equal("metric", Assert.Throws<ArgumentException>(() => measurements[" "] = 1).ParamName);
        Assert.Contains("'accuracy'", Assert.Throws<KeyNotFoundException>(() => measurements["accuracy"]).Message, StringComparison.Ordinal);
    }
}
