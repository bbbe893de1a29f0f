using System.CommandLine;
using System.CommandLine.Invocation;
using Tuning.Cli.Commands;

namespace Tuning.Cli;

/// <summary>
/// The <c>tuning</c> command line: <c>studies</c>, <c>show</c>, <c>report</c>, <c>export</c>, <c>dashboard</c>,
/// <c>fail-stale</c>, <c>delete</c>, <c>rename</c> and <c>copy</c> over a SQLite or PostgreSQL study storage. Everything
/// runs in-process against the given writers, so tests call
/// <see cref="RunAsync(string[], TextWriter, TextWriter)"/> as <c>Program</c> does.
/// </summary>
internal static class Cli
{
    /// <summary>Runs the tool, reading <c>TUNING_STORAGE</c> from the process's environment.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where results go (standard output).</param>
    /// <param name="error">Where messages go (standard error).</param>
    /// <returns>The exit code: 0 ok, 1 usage error, 2 not found or storage error (<see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, Environment.GetEnvironmentVariable);

    /// <summary>Runs the tool with the given environment, for tests.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where results go (standard output).</param>
    /// <param name="error">Where messages go (standard error).</param>
    /// <param name="environment">Reads an environment variable; <see langword="null"/> when unset.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);
        var context = new CliContext(output, error, environment);

        // A password may come in any argument, a stray or misspelt one too: no message shows a secret of any of them.
        foreach (string argument in args)
        {
            context.Remember(argument);
        }

        RootCommand root = Build(context);
        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            return WriteUsageErrors(parse, context);
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return context.Fail(ExitCodes.Failure, "Cancelled.");
        }
#pragma warning disable CA1031 // The last resort: a failure nobody foresaw still gets a message and the failure exit code.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return context.Fail(ExitCodes.Failure, $"Unexpected failure: {e}");
        }
    }

    /// <summary>Builds the command tree.</summary>
    internal static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("Lists, shows, exports, imports, reports, copies, renames and deletes Tuning studies kept in SQLite or PostgreSQL.")
        {
            context.StorageOption,
            context.SchemaOption,
            StudiesCommand.Create(context),
            ShowCommand.Create(context),
            ReportCommand.Create(context),
            ExportCommand.Create(context),
            ImportCommand.Create(context),
            DashboardCommand.Create(context),
            FailStaleCommand.Create(context),
            DeleteCommand.Create(context),
            RenameCommand.Create(context),
            CopyCommand.Create(context),
        };
        return root;
    }

    /// <summary>Writes the parse errors on standard error, with a pointer to the help, and returns the usage exit code.</summary>
    private static int WriteUsageErrors(ParseResult parse, CliContext context)
    {
        Command command = parse.CommandResult.Command;
        if (command is RootCommand && parse.UnmatchedTokens.Count > 0 && !parse.UnmatchedTokens[0].StartsWith('-'))
        {
            // "tuning shwo": one clear line rather than "required command not provided" plus one line per token.
            string unknown = parse.UnmatchedTokens[0];
            string[] names = [.. command.Subcommands.Select(c => c.Name)];
            string? closest = names.FirstOrDefault(n => Distance(n, unknown) <= 2 || n.StartsWith(unknown, StringComparison.OrdinalIgnoreCase));
            string hint = closest is null ? string.Empty : $" Did you mean '{closest}'?";
            context.Error.WriteLine(context.Redact($"error: '{unknown}' is not a command.{hint} The commands are: {string.Join(", ", names)}."));
        }
        else
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                context.Error.WriteLine(context.Redact($"error: {error.Message.ReplaceLineEndings(" ").Replace('\t', ' ')}"));
            }
        }

        string usage = command is RootCommand ? "tuning" : $"tuning {command.Name}";
        context.Error.WriteLine($"Run '{usage} --help' for usage.");
        return ExitCodes.Usage;
    }

    /// <summary>The Levenshtein distance between two short words, ignoring case.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        int[] previous = [.. Enumerable.Range(0, b.Length + 1)];
        for (int i = 1; i <= a.Length; i++)
        {
            int[] current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
