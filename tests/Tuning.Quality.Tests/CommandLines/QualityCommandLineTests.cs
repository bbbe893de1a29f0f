using Tuning.TestSupport;

namespace Tuning.Quality.Tests;

/// <summary>
/// The quality suites refuse a command line they cannot run as asked: a usage message on standard error that names
/// the option, exit code 2, before any run, never a stack trace or a run with another setting than the one given.
/// </summary>
public sealed class QualityCommandLineTests
{
    public static TheoryData<string[], string> Refused => new()
    {
        { ["--seeds", "0"], "--seeds" },
        { ["--seeds", "-1"], "--seeds" },
        { ["--seeds", "x"], "--seeds" },
        { ["--seeds", "2.5"], "--seeds" },
        { ["--first-seed", "-1"], "--first-seed" },
        { ["--first-seed", "x"], "--first-seed" },
        { ["--jobs", "0"], "--jobs" },
        { ["--jobs", "-1"], "--jobs" },
        { ["--jobs", "x"], "--jobs" },
        { ["--seeds"], "--seeds" },
        { ["--seeds", "--quick"], "--seeds" },
        { ["--warping", "sideways"], "--warping" },
        { ["--startup", "many"], "--startup" },
        { ["--pareto", "--seeds", "0"], "--seeds" },
        { ["--pareto", "--jobs", "-1"], "--jobs" },
        { ["--fidelity", "--seeds", "0"], "--seeds" },
        { ["--fidelity", "--jobs", "x"], "--jobs" },
        { ["--fidelity", "--first-seed", "-3"], "--first-seed" },
        { ["--validation", "--heldout"], "--heldout" },
        { ["--pareto", "--noisy"], "--noisy" },
        { ["--fidelity", "--batch"], "--batch" },
        { ["--agreement"], "--agreement" },
        { ["--reach", "0.1"], "--reach" },
        { ["--fidelity", "--reach", "-1"], "--reach" },
        { ["--fidelity", "--reach", "0.1,x"], "--reach" },
        { ["--fidelity", "--reach"], "--reach" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_bad_option_is_a_usage_error_with_exit_code_2(string[] arguments, string option)
    {
        using var folder = new TempFolder();
        string method = arguments.Contains("--fidelity") ? "Random target" : "Sobol";
        BenchmarkProcess run = BenchmarkProcess.Run(BenchmarkProcess.QualityPath, ["--only", "Branin", "--methods", method, "--out", folder.Path, .. arguments]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(folder.Path));
    }

    [Fact]
    public void A_valid_command_line_runs_the_seeds_it_names()
    {
        using var folder = new TempFolder();
        BenchmarkProcess run = BenchmarkProcess.Run(
            BenchmarkProcess.QualityPath, "--only", "Branin", "--methods", "Sobol", "--seeds", "2", "--first-seed", "3", "--jobs", "2", "--startup", "4", "--warping", "none", "--out", folder.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        string[] seeds = [.. File.ReadLines(folder.File("regret.csv")).Skip(1).Select(line => line.Split(',')[2]).Distinct()];
        Assert.Equal(["3", "4"], seeds);
    }
}
