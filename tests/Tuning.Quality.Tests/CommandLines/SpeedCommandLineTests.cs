using Tuning.TestSupport;

namespace Tuning.Quality.Tests;

/// <summary>
/// The speed suite (<c>Tuning.Benchmarks study</c>) refuses a command line it cannot run as asked: a usage message on
/// standard error that names the option, exit code 2, before any measurement; a misspelt option is not ignored.
/// </summary>
public sealed class SpeedCommandLineTests
{
    public static TheoryData<string[], string> Refused => new()
    {
        { ["--asks", "0"], "--asks" },
        { ["--asks", "x"], "--asks" },
        { ["--sizes", "0"], "--sizes" },
        { ["--sizes", "100,x"], "--sizes" },
        { ["--sizes", "-5"], "--sizes" },
        { ["--space", "sparse"], "--space" },
        { ["--szes", "100"], "--szes" },
        { ["--asks"], "--asks" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_bad_option_is_a_usage_error_with_exit_code_2(string[] arguments, string option)
    {
        using var folder = new TempFolder();
        BenchmarkProcess run = BenchmarkProcess.Run(BenchmarkProcess.SpeedPath, ["study", "--quick", "--out", folder.Path, .. arguments]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(folder.Path));
    }
}
