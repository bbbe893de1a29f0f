using System.CommandLine;
using System.Data.Common;
using Tuning.Cli.Output;
using Tuning.Cli.Storage;

namespace Tuning.Cli;

/// <summary>
/// What every command shares: the writers, the environment, the global <c>--storage</c> and <c>--schema</c>
/// options, and <see cref="Run"/>, which opens the storage, runs a command and turns its failures into messages and
/// exit codes.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, Func<string, string?> environment)
{
    /// <summary>The environment variable that gives the storage when <c>--storage</c> is not given.</summary>
    public const string StorageVariable = "TUNING_STORAGE";

    /// <summary>Gets the writer of the commands' results for people (standard output), which never passes on a control character (<see cref="TerminalWriter"/>).</summary>
    public TextWriter Output { get; } = new TerminalWriter(output);

    /// <summary>Gets the writer of data written to standard output as it is: an export.</summary>
    public TextWriter Data { get; } = output;

    /// <summary>Gets the writer of messages (standard error), which never passes on a control character (<see cref="TerminalWriter"/>).</summary>
    public TextWriter Error { get; } = new TerminalWriter(error);

    /// <summary>Gets the global <c>--storage</c> option.</summary>
    public Option<string?> StorageOption { get; } = new("--storage", "-s")
    {
        Description = $"The study storage: sqlite:PATH (or a path ending in .db, .sqlite or .sqlite3), or postgres:CONNECTIONSTRING (or a Host=... connection string). Default: the environment variable {StorageVariable}.",
        HelpName = "STORAGE",
        Recursive = true,
    };

    /// <summary>Gets the global <c>--schema</c> option (PostgreSQL only).</summary>
    public Option<string?> SchemaOption { get; } = new("--schema")
    {
        Description = "The PostgreSQL schema that holds the studies. Default: tuning.",
        HelpName = "NAME",
        Recursive = true,
    };

    /// <summary>
    /// Opens the storage the command line names, runs <paramref name="command"/> on it, and closes it. A
    /// <see cref="CliException"/> or a storage or file failure is written to <see cref="Error"/> and becomes the exit code.
    /// With <paramref name="create"/>, a missing storage is created, and a SQLite file so created is removed again if
    /// the command fails (<see cref="StudyStore.WithCreated"/>).
    /// </summary>
    public int Run(ParseResult parse, Func<StudyStore, int> command, bool create = false)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            StorageLocation location = StorageLocation.Parse(StorageText(parse));
            if (create)
            {
                return StudyStore.WithCreated(location, parse.GetValue(SchemaOption), command);
            }

            using StudyStore store = StudyStore.Open(location, parse.GetValue(SchemaOption));
            return command(store);
        }
        catch (CliException e)
        {
            return Fail(e.ExitCode, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException
            or InvalidOperationException or DbException or TimeoutException)
        {
            return Fail(ExitCodes.Failure, e.Message);
        }
    }

    /// <summary>
    /// Opens the storage the command line names and runs a long-lived <paramref name="command"/> on it (such as the
    /// dashboard) until it returns, with the same handling of failures as <see cref="Run"/>.
    /// </summary>
    public async Task<int> RunAsync(ParseResult parse, Func<StudyStore, Task<int>> command)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            StorageLocation location = StorageLocation.Parse(StorageText(parse));
            using StudyStore store = StudyStore.Open(location, parse.GetValue(SchemaOption));
            return await command(store).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            return Fail(e.ExitCode, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException
            or InvalidOperationException or DbException or TimeoutException)
        {
            return Fail(ExitCodes.Failure, e.Message);
        }
    }

    /// <summary>Writes a message on standard error, without any password, and returns the exit code.</summary>
    public int Fail(int exitCode, string message)
    {
        Error.WriteLine(Redact($"error: {message}"));
        return exitCode;
    }

    /// <summary>
    /// A message without passwords: <c>Password=…</c> values masked, and the password of every storage string the tool
    /// was given (option or environment) masked wherever it appears.
    /// </summary>
    public string Redact(string message) => Secrets.Redact(message, [.. _storageTexts, environment(StorageVariable)]);

    private readonly List<string> _storageTexts = [];

    /// <summary>Remembers a storage string given on the command line (such as a copy's destination), so no message shows its password.</summary>
    public void Remember(string storageText) => _storageTexts.Add(storageText);

    private string StorageText(ParseResult parse)
    {
        if (parse.GetValue(StorageOption) is string given)
        {
            _storageTexts.Add(given);
            return given;
        }

        return environment(StorageVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : throw CliException.Usage($"No storage given: pass --storage sqlite:PATH or --storage postgres:CONNECTIONSTRING, or set {StorageVariable}.");
    }
}
