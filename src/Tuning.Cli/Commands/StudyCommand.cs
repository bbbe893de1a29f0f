using System.CommandLine;
using System.CommandLine.Parsing;
using Tuning.Cli.Storage;

namespace Tuning.Cli.Commands;

/// <summary>
/// What the commands on one study (<c>tuning NAME STUDY …</c>) share: the <c>STUDY</c> argument first, then the
/// command's own arguments and options, and an action that opens the storage (<see cref="CliContext.Run"/>) and runs
/// on the named study.
/// </summary>
internal static class StudyCommand
{
    /// <summary>Creates the <c>STUDY</c> argument (an argument belongs to one command, so each command creates its own).</summary>
    public static Argument<string> StudyArgument() => new("STUDY") { Description = "The study's name." };

    /// <summary>
    /// Creates the option or argument that names a study's new name (<c>rename</c>'s <c>NEWNAME</c>, <c>copy</c>'s
    /// <c>--as</c>): an empty or blank name is a usage error that names it, before any storage is opened.
    /// </summary>
    public static T NewName<T>(T symbol)
        where T : Symbol
    {
        string what = symbol is Option option ? option.Name : symbol.Name;
        Action<SymbolResult> check = result =>
        {
            string? value = result is OptionResult o ? o.GetValueOrDefault<string?>() : ((ArgumentResult)result).GetValueOrDefault<string?>();
            if (string.IsNullOrWhiteSpace(value))
            {
                result.AddError($"{what} is empty: give the study's new name.");
            }
        };
        switch (symbol)
        {
            case Option o:
                o.Validators.Add(check);
                break;
            case Argument a:
                a.Validators.Add(check);
                break;
        }

        return symbol;
    }

    /// <summary>Creates a command on one study.</summary>
    /// <param name="context">The tool's context.</param>
    /// <param name="name">The command's name, such as <c>show</c>.</param>
    /// <param name="description">The command's help text.</param>
    /// <param name="execute">Runs the command on the opened storage and the study's name; returns the exit code.</param>
    /// <param name="symbols">The command's arguments (after <c>STUDY</c>) and options.</param>
    public static Command Create(
        CliContext context, string name, string description, Func<ParseResult, StudyStore, string, int> execute, params Symbol[] symbols)
    {
        Argument<string> study = StudyArgument();
        var command = new Command(name, description) { study };
        foreach (Symbol symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
                default:
                    throw new ArgumentException($"{symbol.Name} is neither an argument nor an option.", nameof(symbols));
            }
        }

        command.SetAction(parse => context.Run(parse, store => execute(parse, store, parse.GetRequiredValue(study))));
        return command;
    }
}
