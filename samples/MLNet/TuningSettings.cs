using System.Globalization;

namespace MLNetSample;

/// <summary>The sample's settings, from the command line: <c>dotnet run --project samples/MLNet -- [trials] [--option value]…</c>.</summary>
public sealed record TuningSettings
{
    /// <summary>Gets how many trials to run in all (the budget); the first argument, or <c>--trials</c>.</summary>
    public int Trials { get; init; } = 40;

    /// <summary>Gets how many trials train at once (<c>--concurrency</c>).</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>Gets the number of cross-validation folds (<c>--folds</c>).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Gets the seed of the suggester and of the folds (<c>--seed</c>).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Gets the suggester: <c>gp</c> (the default), <c>sobol</c> or <c>random</c> (<c>--suggester</c>).</summary>
    public string Suggester { get; init; } = "gp";

    /// <summary>Gets the constraint on the training time per fold, in milliseconds (<c>--max-train-ms</c>).</summary>
    public double MaxTrainMilliseconds { get; init; } = 200;

    /// <summary>Gets where to write the HTML report, or <see langword="null"/> for none (<c>--report path</c>, <c>--no-report</c>).</summary>
    public string? ReportPath { get; init; } = Path.Combine("artifacts", "mlnet-report", "breast-cancer.html");

    /// <summary>Gets whether to cross-validate ML.NET's default hyperparameters too, as the baseline (<c>--no-defaults</c> to skip).</summary>
    public bool CompareWithDefaults { get; init; } = true;

    /// <summary>Gets the data file; the default is the CSV copied next to the program (<c>--data</c>).</summary>
    public string? DataPath { get; init; }

    public static TuningSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new TuningSettings();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            settings = arg switch
            {
                "--trials" => settings with { Trials = AtLeast(arg, Next(), 1) },
                "--concurrency" => settings with { Concurrency = AtLeast(arg, Next(), 1) },
                "--folds" => settings with { Folds = AtLeast(arg, Next(), 2) },
                "--seed" => settings with { Seed = AtLeast(arg, Next(), int.MinValue) },
                "--suggester" => settings with { Suggester = OneOf(arg, Next(), Suggesters) },
                "--max-train-ms" => settings with { MaxTrainMilliseconds = Positive(arg, Next()) },
                "--report" => settings with { ReportPath = FilePath(arg, Next(), "an HTML file") },
                "--no-report" => settings with { ReportPath = null },
                "--no-defaults" => settings with { CompareWithDefaults = false },
                "--data" => settings with { DataPath = FilePath(arg, Next(), "a CSV file") },
                _ when i == 0 && int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out _) => settings with { Trials = AtLeast("[trials]", arg, 1) },
                _ => throw new ArgumentException($"Unknown argument '{arg}'. {Usage}"),
            };
        }

        return settings;
    }

    private const string Usage =
        "Usage: [trials] [--trials N] [--concurrency N] [--folds N] [--seed N] [--suggester gp|sobol|random] [--max-train-ms X] [--report PATH | --no-report] [--no-defaults] [--data CSV]";

    private static readonly string[] Suggesters = ["gp", "sobol", "random"];

    // Each value is checked here, so that a mistake is reported before the baselines spend their seconds.
    private static int AtLeast(string option, string text, int least) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= least
            ? n
            : throw new ArgumentException($"{option} takes an integer{(least == int.MinValue ? string.Empty : $" of at least {least}")}, not '{text}'. {Usage}");

    private static double Positive(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) && x > 0
            ? x
            : throw new ArgumentException($"{option} takes a positive number, not '{text}'. {Usage}");

    // The report is written after the whole run: a path that cannot be a file would only fail then.
    private static string FilePath(string option, string text, string kind) =>
        string.IsNullOrWhiteSpace(text)
            ? throw new ArgumentException($"{option} takes the path of {kind}, not '{text}'. {Usage}")
            : Directory.Exists(text)
                ? throw new ArgumentException($"{option} takes the path of {kind}, not '{text}', which is a folder. {Usage}")
                : text;

    private static string OneOf(string option, string text, string[] choices) =>
        choices.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new ArgumentException($"{option} takes one of {string.Join(", ", choices)}, not '{text}'. {Usage}");
}
