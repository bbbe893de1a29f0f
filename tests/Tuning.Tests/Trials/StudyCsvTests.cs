using Tuning.TestSupport;

namespace Tuning.Tests.Trials;

/// <summary><see cref="Study.WriteCsv"/>: RFC 4180, exact numbers, and a column per attribute.</summary>
public class StudyCsvTests
{
    private static List<string[]> Csv(Study study)
    {
        using var writer = new StringWriter();
        study.WriteCsv(writer);
        return CsvReader.Read(writer.ToString());
    }

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
        using var csv = new StringWriter();
        StudyCsv.WriteRecord(csv, [field, "x"]);

        Assert.Equal(written + ",x\r\n", csv.ToString());
        Assert.Equal([field, "x"], CsvReader.Read(csv.ToString())[0]);
    }

    [Fact]
    public void The_fidelity_of_each_trial_has_its_column()
    {
        SearchSpace epochs = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 27).Build();
        var study = new Study(epochs, Metric.Minimize("loss"), new RandomSuggester(seed: 3));
        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["epochs"] = 3 });
        study.Tell(study.Ask(), 0.4);
        study.Tell(study.Ask(), 0.2);

        List<string[]> rows = Csv(study);

        int column = Array.IndexOf(rows[0], "epochs");
        Assert.True(column > Array.IndexOf(rows[0], "x"), string.Join(",", rows[0]));
        Assert.Equal(["3", "27"], rows.Skip(1).Select(r => r[column]));

        SearchSpace tasks = new SearchSpaceBuilder().Float("x", 0, 1).Tasks("data", ("10%", 0.1), ("full", 1.0)).Build();
        var tasked = new Study(tasks, Metric.Minimize("loss"), new RandomSuggester(seed: 3));
        tasked.Tell(tasked.Ask(), 0.4);
        List<string[]> taskRows = Csv(tasked);
        Assert.Equal("full", taskRows[1][Array.IndexOf(taskRows[0], "data")]);
    }

    [Fact]
    public void Column_names_that_clash_get_a_prefix()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("loss", 0, 1).Categorical("state", "a", "b").Float("attr.k", 0, 1).Build();
        var study = new Study(space, [Metric.Minimize("id"), Metric.Store("loss")], new RandomSuggester(seed: 1));
        Trial trial = study.Ask();
        trial.SetAttribute("k", "v");

        Assert.Equal(
            ["id", "state", "started", "finished", "duration_s", "metric.id", "loss", "param.loss", "param.state", "attr.k", "fail_reason", "attr.attr.k"],
            Csv(study)[0]);
    }

    [Fact]
    public void Numbers_round_trip_exactly_in_the_invariant_culture()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Bool("flag").Build();
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 2));
        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.1 + 0.2, ["flag"] = true });
        study.Tell(study.Ask(), 1.0 / 3);

        List<string[]> records = Csv(study);

        Assert.Equal((1.0 / 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture), records[1][5]);
        Assert.Equal(0.1 + 0.2, double.Parse(records[1][6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("true", records[1][7]);
    }

    [Fact]
    public void Every_attribute_of_any_trial_gets_a_column_blank_where_a_trial_lacks_it()
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("loss"), new RandomSuggester(seed: 3));
        Trial first = study.Ask();
        first.SetAttribute("model", "m1.zip");
        study.Tell(first, 0.5);
        Trial second = study.Ask();
        second.SetAttribute("commit", "abc, \"def\"");
        study.Fail(second, "oom");

        List<string[]> records = Csv(study);

        Assert.Equal(["fail_reason", "attr.commit", "attr.model"], records[0][^3..]);
        Assert.Equal(["", "", "m1.zip"], records[1][^3..]);
        Assert.Equal(["oom", "abc, \"def\"", ""], records[2][^3..]);
    }
}
