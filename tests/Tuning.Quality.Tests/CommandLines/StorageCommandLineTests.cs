namespace Tuning.Quality.Tests;

/// <summary>
/// The storage benchmarks refuse a command line they cannot run as asked: a usage message on standard error that
/// names the option, exit code 2, before any measurement.
/// </summary>
public sealed class StorageCommandLineTests
{
    public static TheoryData<string, string> Refused => new()
    {
        { "--workers", "0" },
        { "--workers", "x" },
        { "--trials", "1e3" },
        { "--trial-ms", "fast" },
        { "--trial-ms", "500-100" },
        { "--storage", "mysql" },
        { "--prefill", "-5" },
        { "--open", "-1" },
        { "--opne", "0" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_bad_option_is_a_usage_error_with_exit_code_2(string option, string value)
    {
        // A short valid run, but for the one option under test.
        var arguments = new Dictionary<string, string>
        {
            ["--storage"] = "sqlite", ["--workers"] = "1", ["--trials"] = "20", ["--trial-ms"] = "0", ["--prefill"] = "0", ["--open"] = "0",
        };
        arguments[option] = value;

        BenchmarkProcess run = BenchmarkProcess.Run(BenchmarkProcess.StoragePath, [.. arguments.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Ask+tell", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_without_its_value_is_a_usage_error()
    {
        BenchmarkProcess run = BenchmarkProcess.Run(BenchmarkProcess.StoragePath, "--storage", "sqlite", "--open", "0", "--trials");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--trials", run.Error, StringComparison.Ordinal);
    }
}
