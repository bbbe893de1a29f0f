using System.Diagnostics;

namespace Tuning.Quality.Tests;

/// <summary>Runs a built benchmark program to its end: its exit code and what it wrote to standard output and error.</summary>
internal sealed record BenchmarkProcess(int ExitCode, string Output, string Error)
{
    /// <summary>The quality suites (benchmarks/Tuning.Quality), which this project references, so they sit beside its output.</summary>
    public static string QualityPath => Path.Combine(AppContext.BaseDirectory, "Tuning.Quality.dll");

    /// <summary>The speed benchmarks (benchmarks/Tuning.Benchmarks), built before this project into their own folder.</summary>
    public static string SpeedPath => BenchmarkOutput("Tuning.Benchmarks");

    /// <summary>The storage benchmarks (benchmarks/Tuning.StorageBenchmarks), built before this project into their own folder.</summary>
    public static string StoragePath => BenchmarkOutput("Tuning.StorageBenchmarks");

    /// <summary>Runs <c>dotnet PROGRAM ARGUMENTS</c> and waits for it (at most two minutes, against a runaway run).</summary>
    public static BenchmarkProcess Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} ran for more than two minutes.");
        }

        return new BenchmarkProcess(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The built program of a project under benchmarks/, in the configuration and framework of this project's own build.</summary>
    private static string BenchmarkOutput(string project)
    {
        // …/tests/Tuning.Quality.Tests/bin/<Configuration>/<framework>/ → …/benchmarks/<project>/bin/<Configuration>/<framework>/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = here.Name, configuration = here.Parent!.Name;
        DirectoryInfo root = here.Parent!.Parent!.Parent!.Parent!.Parent!;
        return Path.Combine(root.FullName, "benchmarks", project, "bin", configuration, framework, $"{project}.dll");
    }
}
