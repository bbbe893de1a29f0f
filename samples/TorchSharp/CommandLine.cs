using System.Globalization;

namespace TorchSharpDigits;

/// <summary>
/// The sample's command line: <c>--trials N --max-epochs E --workers W --seed S --method gp-hyperband|gp-asha|sobol-hyperband|multi-fidelity</c>.
/// </summary>
internal sealed record CommandLine(int Trials, int MaxEpochs, int Workers, int Seed, string Method)
{
    public const string Usage =
        "usage: TorchSharpDigits [--trials 30] [--max-epochs 27] [--workers 1] [--seed 42] [--method gp-hyperband|gp-asha|sobol-hyperband|multi-fidelity]";

    private static readonly string[] Methods = ["gp-hyperband", "gp-asha", "sobol-hyperband", "multi-fidelity"];

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with the usage on anything unknown.</summary>
    public static CommandLine Parse(string[] args)
    {
        var line = new CommandLine(Trials: 30, MaxEpochs: 27, Workers: 1, Seed: 42, Method: "gp-hyperband");
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.{Environment.NewLine}{Usage}");
            line = name switch
            {
                "--trials" => line with { Trials = Positive(name, value) },
                "--max-epochs" => line with { MaxEpochs = Positive(name, value) },
                "--workers" => line with { Workers = Positive(name, value) },
                "--seed" => line with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--method" when Methods.Contains(value) => line with { Method = value },
                _ => throw new ArgumentException($"Unknown argument {name} {value}.{Environment.NewLine}{Usage}"),
            };
        }

        return line;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive integer, not '{value}'.{Environment.NewLine}{Usage}");
}
