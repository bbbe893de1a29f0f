using Tuning.Cli.Output;
using Tuning.Cli.Tests.Support;
using Tuning.Storage.Sqlite;

namespace Tuning.Cli.Tests.Output;

/// <summary>Text from a study never drives the terminal: its control characters reach people as '?', and exports stay exact.</summary>
public sealed class TerminalTextTests : SampleDatabaseTests
{
    /// <summary>An escape sequence that sets a terminal's window title, one that colors, and a carriage return that would overwrite the line.</summary>
    private const string Hostile = "\u001b]0;pwned\u0007\u001b[31mred\rover\nnext\u009b2J";

    [Fact]
    public void Show_studies_and_messages_write_a_studys_control_characters_as_question_marks()
    {
        string name = "evil" + Hostile;
        using (var storage = new SqliteStudyStorage(Database))
        {
            SearchSpace space = new SearchSpaceBuilder().Float("x" + Hostile, 0, 1).Categorical("kind", "a" + Hostile, "b").Build();
            Study study = Study.Create(storage, name, space, [Metric.Minimize("loss" + Hostile)], new RandomSuggester(seed: 1));
            study.Enqueue(new Dictionary<string, object> { ["x" + Hostile] = 0.5, ["kind"] = "a" + Hostile });
            Trial trial = study.Ask();
            trial.SetAttribute("host", Hostile);
            study.Tell(trial, 1.0);
            study.Fail(study.Ask(), Hostile);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        CliRun show = CliRun.Of("show", name, "--storage", Database);
        CliRun studies = CliRun.Of("studies", "--storage", Database);
        CliRun missing = CliRun.Of("show", "nope", "--storage", Database);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Equal(2, missing.ExitCode);
        foreach (string text in (string[])[show.Output, show.Error, studies.Output, studies.Error, missing.Error])
        {
            Assert.DoesNotContain(text, c => char.IsControl(c) && c is not '\n' and not '\r');
            Assert.DoesNotContain('\r', text.Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        // The header keeps the name on its line, so that a line break in it cannot forge a line of its own.
        Assert.Contains("Study:    evil?]0;pwned??[31mred over next?2J\n", show.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        // A table keeps one line per row, however many lines a name holds.
        Assert.Equal(4, studies.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void An_export_to_standard_output_is_the_data_as_it_is()
    {
        using (var storage = new SqliteStudyStorage(Database))
        {
            Study study = Study.Create(storage, "plain", new SearchSpaceBuilder().Float("x", 0, 1).Build(), [Metric.Minimize("loss")], new RandomSuggester(seed: 1));
            study.Fail(study.Ask(), Hostile);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        CliRun csv = CliRun.Of("export", "plain", "--format", "csv", "--storage", Database);

        Assert.True(csv.ExitCode == 0, csv.ToString());
        Assert.Contains(Hostile.Replace("\"", "\"\"", StringComparison.Ordinal), csv.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_line_breaks_and_tabs_pass_even_when_a_carriage_return_ends_one_write()
    {
        var inner = new StringWriter();
        using var writer = new TerminalWriter(inner);

        writer.Write("a\tb\u001b[0m\r");
        writer.Write("\nc\r");
        writer.Write('d');
        writer.Write("\u0000\u007f\u0085e\r");
        writer.Flush();

        Assert.Equal("a\tb?[0m\r\nc?d???e?", inner.ToString());
    }

    [Fact]
    public void Bidirectional_embeddings_overrides_and_isolates_are_written_as_question_marks_and_other_format_characters_pass()
    {
        var inner = new StringWriter();
        using var writer = new TerminalWriter(inner);

        // A right-to-left override would show "lr_gpj.exe" as "lr_exe.jpg"; the joiner of an emoji and the marks pass.
        writer.Write("lr_\u202Egpj.exe \u202A\u202B\u202C\u202D \u2066\u2067\u2068\u2069 \U0001F468\u200D\U0001F469 a\u200Fb\u200Ec");

        Assert.Equal("lr_?gpj.exe ???? ???? \U0001F468\u200D\U0001F469 a\u200Fb\u200Ec", inner.ToString());
    }
}
