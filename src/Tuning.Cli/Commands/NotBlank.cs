using System.CommandLine;
using System.CommandLine.Parsing;

namespace Tuning.Cli.Commands;

/// <summary>
/// Options and arguments whose value must not be empty or blank (<c>--out</c>, <c>--as</c>, <c>NEWNAME</c>): such a value
/// is a usage error that names the option or argument and what it needs, found when the command line is parsed, before
/// any storage is opened, rather than a failure deep in the command.
/// </summary>
internal static class NotBlank
{
    /// <summary>Refuses an empty or blank value of <paramref name="option"/>; <paramref name="need"/> says what to give instead.</summary>
    public static Option<string?> Require(Option<string?> option, string need)
    {
        option.Validators.Add(result => Check(result, result.GetValueOrDefault<string?>(), option.Name, need));
        return option;
    }

    /// <summary>Refuses an empty or blank value of <paramref name="argument"/>; <paramref name="need"/> says what to give instead.</summary>
    public static Argument<string> Require(Argument<string> argument, string need)
    {
        argument.Validators.Add(result => Check(result, result.GetValueOrDefault<string?>(), argument.Name, need));
        return argument;
    }

    private static void Check(SymbolResult result, string? value, string name, string need)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            result.AddError($"{name} is empty: give {need}.");
        }
    }
}
