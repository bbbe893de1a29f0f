namespace Tuning.BenchmarkSupport;

/// <summary>
/// A command line a benchmark program cannot run as given; its message names the option and the problem. The program
/// prints the message on standard error and exits with code 2.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
