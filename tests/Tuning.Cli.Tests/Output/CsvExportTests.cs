using System.Text;
using Tuning.Cli.Output;
using Tuning.Cli.Tests.Support;

namespace Tuning.Cli.Tests.Output;

public sealed class CsvExportTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rlf", "\"cr\rlf\"")]
    [InlineData(" spaced ", " spaced ")]
    public void Fields_are_quoted_only_when_rfc_4180_needs_it(string field, string written)
    {
        var csv = new StringBuilder();
        Csv.AppendRecord(csv, [field, "x"]);

        Assert.Equal(written + ",x\r\n", csv.ToString());
        Assert.Equal([field, "x"], CsvReader.Read(csv.ToString())[0]);
    }

    [Fact]
    public void Column_names_that_clash_get_a_prefix()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("loss", 0, 1).Categorical("state", "a", "b").Build();
        var study = new Study(space, [Metric.Minimize("id"), Metric.Store("loss")]);

        Assert.Equal(
            ["id", "state", "started", "finished", "duration_s", "metric.id", "loss", "param.loss", "param.state", "fail_reason"],
            CsvExport.Header(study));
    }

    [Fact]
    public void Numbers_round_trip_exactly_in_the_invariant_culture()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Bool("flag").Build();
        var study = new Study(space, Metric.Minimize("loss"));
        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.1 + 0.2, ["flag"] = true });
        study.Tell(study.Ask(), 1.0 / 3);

        List<string[]> records = CsvReader.Read(CsvExport.Write(study, study.Trials));

        Assert.Equal((1.0 / 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture), records[1][5]);
        Assert.Equal(0.1 + 0.2, double.Parse(records[1][6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("true", records[1][7]);
    }
}
