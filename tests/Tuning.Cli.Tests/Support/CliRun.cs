namespace Tuning.Cli.Tests.Support;

/// <summary>What one in-process run of the tool returned and wrote.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs the tool with an environment that has only the given variables.</summary>
    public static CliRun Of(params string[] args) => WithEnvironment(new Dictionary<string, string>(), args);

    public static CliRun WithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = Cli.RunAsync(args, output, error, name => environment.TryGetValue(name, out string? value) ? value : null)
            .GetAwaiter().GetResult();
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
