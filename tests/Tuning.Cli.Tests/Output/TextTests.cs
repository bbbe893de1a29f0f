using Tuning.Cli.Output;

namespace Tuning.Cli.Tests.Output;

public sealed class TextTests
{
    [Theory]
    [InlineData(0.35, "350 ms")]
    [InlineData(1.25, "1.25 s")]
    [InlineData(12.44, "12.4 s")]
    [InlineData(185, "3m 05s")]
    [InlineData(7380, "2h 03m")]
    [InlineData(273600, "3d 04h")]
    [InlineData(-1, "0 ms")]
    public void Durations_are_short(double seconds, string text)
    {
        Assert.Equal(text, Text.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Numbers_use_six_significant_digits_and_a_lower_case_exponent()
    {
        Assert.Equal("0.333333", Text.Number(1.0 / 3));
        Assert.Equal("1e-05", Text.Number(1e-5));
        Assert.Equal("1234.57", Text.Number(1234.5678));
    }

    [Fact]
    public void One_line_turns_line_breaks_and_tabs_into_spaces_and_drops_other_controls()
    {
        Assert.Equal("a b c d e", Text.OneLine("a\r\nb\nc\td\u0007 e"));
    }

    [Fact]
    public void Tables_align_columns_and_trim_line_ends()
    {
        var table = new TextTable("name", ">n", "note");
        table.Add("a", "1", string.Empty);
        table.Add("long name", "123", "x");
        using var writer = new StringWriter();
        writer.NewLine = "\n";

        table.Write(writer, "  ");

        Assert.Equal("  name         n  note\n  a            1\n  long name  123  x\n", writer.ToString());
    }

    [Fact]
    public void Tables_align_columns_as_a_terminal_draws_accents_wide_characters_and_emoji()
    {
        // A decomposed é (e and a combining accent) takes one column, as the composed one; CJK characters and emoji two.
        var table = new TextTable("name", ">n");
        table.Add("caf\u00E9", "1");
        table.Add("cafe\u0301", "2");
        table.Add("\u5B66\u7FD2\u7387", "3");
        table.Add("\U0001F680\U0001F680", "4");
        using var writer = new StringWriter();
        writer.NewLine = "\n";

        table.Write(writer);

        Assert.Equal(
            "name    n\ncaf\u00E9    1\ncafe\u0301    2\n\u5B66\u7FD2\u7387  3\n\U0001F680\U0001F680    4\n",
            writer.ToString());
        Assert.Equal([9, 9, 9, 9, 9], writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(TerminalWidth.Of));
    }
}
