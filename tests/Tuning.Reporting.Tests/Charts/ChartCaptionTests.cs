using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tuning.Reporting.Tests.Html;

namespace Tuning.Reporting.Tests.Charts;

/// <summary>Each chart's caption tells how to read it; these tests check that the figure draws what the caption says.</summary>
public partial class ChartCaptionTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build();

    private static Study Told(Metric objective, int trials)
    {
        var study = new Study(Space, objective, new RandomSuggester(seed: 1));
        for (int i = 0; i < trials; i++)
        {
            Trial trial = study.Ask();
            study.Tell(trial, trial.GetDouble("x"));
        }

        return study;
    }

    [Fact]
    public void Slice_points_of_later_trials_are_darker_as_the_caption_says()
    {
        Study study = Told(Metric.Minimize("loss"), 8);
        JsonObject slice = StudyReportTests.Charts(StudyReport.ToHtml(study))["slice"];
        JsonObject marker = slice["data"]![0]!["marker"]!.AsObject();

        Assert.Contains("darker points are later trials", (string)slice["caption"]!, StringComparison.Ordinal);
        Assert.True(
            Lightness(ColorOf(marker, 7)) < Lightness(ColorOf(marker, 0)),
            $"trial 7 is drawn {ColorOf(marker, 7)}, trial 0 {ColorOf(marker, 0)}");
    }

    [Theory]
    [InlineData(MetricKind.Minimize, "A curve that rises early (at low values) is a study with many good trials.")]
    [InlineData(MetricKind.Maximize, "A curve that rises late (at high values) is a study with many good trials.")]
    public void The_empirical_distribution_says_which_curve_is_good_for_the_objectives_direction(MetricKind kind, string reading)
    {
        Metric objective = kind == MetricKind.Minimize ? Metric.Minimize("loss") : Metric.Maximize("accuracy");
        JsonObject edf = StudyReportTests.Charts(StudyReport.ToHtml(Told(objective, 8)))["edf"];

        // The curve is the share of trials at or below each value, whichever the direction.
        JsonArray shares = edf["data"]![0]!["y"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => i / 8.0), shares.Select(s => (double)s!));
        Assert.EndsWith(reading, (string)edf["caption"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Pareto_front_caption_defines_the_front_by_dominance_as_the_red_points_are_chosen()
    {
        // (1, 3) ties with (1, 2) in a and is worse in b: no result beats it in both, yet it is dominated, so not red.
        var study = new Study(Space, [Metric.Minimize("a"), Metric.Minimize("b")], new RandomSuggester(seed: 1));
        foreach ((double a, double b) in new[] { (1.0, 2.0), (1.0, 3.0), (2.0, 1.0) })
        {
            study.Tell(study.Ask(), new Measurements { ["a"] = a, ["b"] = b });
        }

        JsonObject chart = StudyReportTests.Charts(StudyReport.ToHtml(study))["pareto-front"];
        JsonObject TraceNamed(string name) => chart["data"]!.AsArray().Single(t => (string?)t!["name"] == name)!.AsObject();
        Assert.Equal([0, 2], TraceNamed("Pareto front")["trialIds"]!.AsArray().Select(id => (int)id!));
        Assert.Equal([1], TraceNamed("other results")["trialIds"]!.AsArray().Select(id => (int)id!));

        string caption = (string)chart["caption"]!;
        Assert.Contains("Red: the results that no other result dominates (at least as good in both objectives and better in one).", caption, StringComparison.Ordinal);
        Assert.DoesNotContain("beats in both", caption, StringComparison.Ordinal);
    }

    /// <summary>
    /// The color plotly.js gives a marker value: its place between cmin and cmax on the named color scale as the bundled
    /// plotly.js defines it, counted from the scale's other end when the marker reverses the scale.
    /// </summary>
    private static (double R, double G, double B) ColorOf(JsonObject marker, double value)
    {
        (double At, double R, double G, double B)[] stops = Scale((string)marker["colorscale"]!);
        double cmin = (double)marker["cmin"]!, cmax = (double)marker["cmax"]!;
        double at = (value - cmin) / (cmax - cmin);
        if ((bool?)marker["reversescale"] == true)
        {
            at = 1 - at;
        }

        int i = Math.Max(1, Array.FindIndex(stops, s => s.At >= at));
        (double At, double R, double G, double B) low = stops[i - 1], high = stops[i];
        double share = high.At > low.At ? (at - low.At) / (high.At - low.At) : 0;
        return (low.R + (share * (high.R - low.R)), low.G + (share * (high.G - low.G)), low.B + (share * (high.B - low.B)));
    }

    private static (double At, double R, double G, double B)[] Scale(string name)
    {
        string scale = Regex.Match(ReportAssets.Plotly, name + @":\[(\[[^\]]*\],?)+\]").Value;
        Assert.False(string.IsNullOrEmpty(scale), $"The bundled plotly.js has no color scale {name}.");
        return [.. Stop().Matches(scale).Select(m => (
            double.Parse(m.Groups["at"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["r"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["g"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture)))];
    }

    /// <summary>Perceived lightness (ITU-R BT.601 luma), 0 for black to 255 for white.</summary>
    private static double Lightness((double R, double G, double B) color) => (0.299 * color.R) + (0.587 * color.G) + (0.114 * color.B);

    [GeneratedRegex(@"\[(?<at>[0-9.]+),""rgb\((?<r>\d+),(?<g>\d+),(?<b>\d+)\)""\]")]
    private static partial Regex Stop();
}
