using System.Globalization;
using System.Text;
using Tuning.BenchmarkSupport;

namespace Tuning.Quality;

/// <summary>What every suite does with its results: the command-line options it reads, the target lines and wall time at the end of its report, and the report and CSV it writes.</summary>
internal static class SuiteOutput
{
    /// <summary>The options that take a value.</summary>
    private static readonly string[] ValueOptions = ["--seeds", "--first-seed", "--jobs", "--out", "--only", "--methods", "--startup", "--warping", "--reach"];

    /// <summary>The value after <paramref name="name"/> on the command line, or null when the option is not given.</summary>
    /// <exception cref="UsageException">The option is given without a value.</exception>
    public static string? Option(string[] args, string name) => CommandLineOptions.Value(args, name);

    /// <summary>The first argument that is neither one of <paramref name="flags"/> nor an option that takes a value (with its value), or null.</summary>
    public static string? UnknownOption(string[] args, IReadOnlyCollection<string> flags) => CommandLineOptions.Unknown(args, ValueOptions, flags);

    /// <summary>How many seeds to run: <c>--seeds N</c> (at least 1), else 1 with <c>--quick</c> and 10 without.</summary>
    /// <exception cref="UsageException">N is no whole number of at least 1.</exception>
    public static int Seeds(string[] args) => CommandLineOptions.Count(args, "--seeds", args.Contains("--quick") ? 1 : 10, minimum: 1);

    /// <summary>The first seed: <c>--first-seed K</c> (at least 0), else 0. Runs use seeds K, K + 1, …, so a choice made on one set of seeds can be checked on another.</summary>
    /// <exception cref="UsageException">K is no whole number of at least 0.</exception>
    public static int FirstSeed(string[] args) => CommandLineOptions.Count(args, "--first-seed", 0, minimum: 0);

    /// <summary>How many seeds run side by side: <c>--jobs J</c> (at least 1), else <paramref name="fallback"/>.</summary>
    /// <exception cref="UsageException">J is no whole number of at least 1.</exception>
    public static int Jobs(string[] args, int fallback) => CommandLineOptions.Count(args, "--jobs", fallback, minimum: 1);

    /// <summary>
    /// Whether the selection is empty; if so, says on standard error what selected nothing and what there is, so that a
    /// misspelt <c>--only</c> or <c>--methods</c> fails instead of writing an empty report.
    /// </summary>
    /// <param name="what">The option, such as <c>--methods</c>.</param>
    /// <param name="selected">How many items the option selected.</param>
    /// <param name="known">The names there are.</param>
    public static bool SelectsNothing(string what, int selected, IEnumerable<string> known)
    {
        if (selected > 0)
        {
            return false;
        }

        Console.Error.WriteLine($"{what} selects nothing; the names here are: {string.Join("; ", known)}.");
        return true;
    }

    /// <summary>Appends the table of target lines, each "yes" when met and "NO" when not.</summary>
    public static void AppendTargets(StringBuilder report, IEnumerable<(string Target, bool Met)> targets)
    {
        report.AppendLine();
        report.AppendLine("| target | met |");
        report.AppendLine("|---|---|");
        foreach ((string target, bool met) in targets)
        {
            report.AppendLine($"| {target} | {(met ? "yes" : "NO")} |");
        }
    }

    /// <summary>Appends the wall time of the suite.</summary>
    public static void AppendWallTime(StringBuilder report, TimeSpan wall, int seedsAtATime)
    {
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Wall time: {wall.TotalMinutes:F1} min with {seedsAtATime} seed(s) at a time.");
    }

    /// <summary>Writes <c>NAME.csv</c> and <c>NAME.md</c> into <paramref name="output"/>, and prints the report and what was written.</summary>
    /// <param name="output">The folder.</param>
    /// <param name="name">The files' name.</param>
    /// <param name="csv">Every run's results.</param>
    /// <param name="report">The Markdown report.</param>
    /// <param name="plots">What the suite wrote besides, for the closing line, such as <c> and one regret-*.png per problem</c>.</param>
    public static void Write(string output, string name, StringBuilder csv, StringBuilder report, string plots)
    {
        File.WriteAllText(Path.Combine(output, $"{name}.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(output, $"{name}.md"), report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"Wrote {output}/{name}.md, {name}.csv{plots}.");
    }
}
