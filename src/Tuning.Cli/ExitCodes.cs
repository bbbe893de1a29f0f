namespace Tuning.Cli;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command line is wrong: an unknown command or option, a missing argument, a bad storage string.</summary>
    public const int Usage = 1;

    /// <summary>Something named does not exist (a database file, a study), or the storage or a file cannot be used.</summary>
    public const int Failure = 2;
}
