using System.CommandLine;
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
