using System.Globalization;
using Tuning;
using Tuning.Quality;

// The sample-efficiency suites (see README.md). Usage:
//   dotnet run -c Release --project benchmarks/Tuning.Quality -- [GROUP] [--quick] [--seeds N] [--first-seed K] [--jobs J] [--out DIR] [--only NAME] [--methods A,B]
// GROUP: none for the main suite, or --validation, --heldout, --noisy, --batch, --constrained (RegretSuite); --pareto (two
// objectives); --fidelity (regret against cost on the fidelity problems; FidelitySuite).
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
