using System.CommandLine;

namespace Tuning.Cli.Output;

/// <summary>The <c>--format text|json</c> option of the commands that print a study or a list of studies.</summary>
internal static class Formats
{
    public const string Text = "text";
    public const string Json = "json";

    /// <summary>A <c>--format</c> option whose JSON output is <paramref name="json"/>.</summary>
    public static Option<string> Option(string json)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = $"text (for people, the default) or json ({json}), for scripts.",
            HelpName = "text|json",
            DefaultValueFactory = _ => Text,
        };
        format.AcceptOnlyFromAmong(Text, Json);
        return format;
    }
}
