using System.Globalization;
using Tuning;
using Tuning.Quality;

// The sample-efficiency suites (see README.md). Usage:
//   dotnet run -c Release --project benchmarks/Tuning.Quality -- [GROUP] [--quick] [--seeds N] [--first-seed K] [--jobs J] [--out DIR] [--only NAME] [--methods A,B]
// GROUP: none for the main suite, or --validation, --heldout, --noisy, --batch, --constrained (RegretSuite); --pareto (two
// objectives); --fidelity (regret against cost on the fidelity problems; FidelitySuite).
if (SuiteOutput.UnknownOption(args, [.. RegretSuite.Groups.Select(g => g.Option).Where(o => o.Length > 0), "--pareto", "--fidelity", "--agreement", "--quick", "--verbose", "--trace"]) is string unknown)
{
    Console.Error.WriteLine($"Unknown option {unknown}; see the usage at the top of Program.cs and README.md.");
    return 2;
}

if (args.Contains("--fidelity"))
{
    return FidelitySuite.Run(args);
}

Action<GaussianProcessOptions> gpOptions = o =>
{
    if (Option("--warping") is string w)
    {
        o.OutputWarping = Enum.Parse<OutputWarping>(w, ignoreCase: true);
    }

    if (Option("--startup") is string st)
    {
        o.StartupTrials = int.Parse(st, CultureInfo.InvariantCulture);
    }
};

if (args.Contains("--pareto"))
{
    return ParetoSuite.Run(args, gpOptions);
}

return RegretSuite.Run(args, gpOptions);

string? Option(string name) => SuiteOutput.Option(args, name);
