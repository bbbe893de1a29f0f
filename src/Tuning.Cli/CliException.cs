namespace Tuning.Cli;

/// <summary>A failure the tool explains in one message on standard error, ending with <see cref="ExitCode"/>.</summary>
internal sealed class CliException : Exception
{
    public CliException()
        : this(ExitCodes.Failure, "The command failed.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Failure, message)
    {
    }

    public CliException(string message, Exception innerException)
        : this(ExitCodes.Failure, message, innerException)
    {
    }

    public CliException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException) => ExitCode = exitCode;

    /// <summary>Gets the process's exit code for this failure.</summary>
    public int ExitCode { get; }

    /// <summary>A usage error (exit code 1): the command line asks for something the tool cannot do.</summary>
    public static CliException Usage(string message, Exception? innerException = null) => new(ExitCodes.Usage, message, innerException);

    /// <summary>A failure (exit code 2): something named is missing, or the storage or a file cannot be used.</summary>
    public static CliException Failure(string message, Exception? innerException = null) => new(ExitCodes.Failure, message, innerException);

    /// <summary>An exception's message without the <c>(Parameter 'x')</c> that <see cref="ArgumentException"/> appends.</summary>
    public static string MessageOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is ArgumentException { ParamName: string name }
            ? exception.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;
    }
}
