using Tuning.Reporting.Tests.Support;

namespace Tuning.Reporting.Tests.Plots;

/// <summary>A plot refuses a bad argument under the name of the plot's own parameter, with a message that says what is wrong.</summary>
public class StudyPlotsArgumentTests
{
    [Fact]
    public void An_unknown_or_null_slice_parameter_is_refused_naming_parameter_and_listing_the_space()
    {
        Study study = TestStudies.Mixed(10);

        var unknown = Assert.Throws<ArgumentException>(() => StudyPlots.Slice(study, "nope"));
        var missing = Assert.Throws<ArgumentNullException>(() => StudyPlots.Slice(study, null!));

        Assert.Equal("parameter", unknown.ParamName);
        Assert.Contains("no parameter 'nope'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("depth", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("parameter", missing.ParamName);
    }

    [Fact]
    public void An_unknown_metric_in_the_options_is_refused_naming_options()
    {
        Study study = TestStudies.Mixed(10);
        var options = new PlotOptions { Metric = "accuracy" };

        Assert.All(
            [
                () => StudyPlots.OptimizationHistory(study, options),
                () => StudyPlots.ParallelCoordinates(study, options),
                () => StudyPlots.Slice(study, "depth", options),
                () => StudyPlots.Importance(study, options),
            ],
            (Func<byte[]> plot) =>
            {
                var e = Assert.Throws<ArgumentException>(plot);
                Assert.Equal("options", e.ParamName);
                Assert.Contains("no metric 'accuracy'", e.Message, StringComparison.Ordinal);
            });
    }
}
