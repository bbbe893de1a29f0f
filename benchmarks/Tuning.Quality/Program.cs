using Tuning;
using Tuning.BenchmarkSupport;
using Tuning.Quality;

// The sample-efficiency suites (see README.md). Usage:
//   dotnet run -c Release --project benchmarks/Tuning.Quality -- [GROUP] [--quick] [--seeds N] [--first-seed K] [--jobs J] [--out DIR] [--only NAME] [--methods A,B]
// GROUP: none for the main suite, or --validation, --heldout, --noisy, --batch, --constrained (RegretSuite); --pareto (two
// objectives); --fidelity (regret against cost on the fidelity problems; FidelitySuite; with --reach R1,R2 also the cost
// at which each run first reaches each regret). A command line that cannot run
// as given (an unknown option, a missing value, a count that is no whole number or is out of range) is refused with
// exit code 2 before any run.
try
{
    if (SuiteOutput.UnknownOption(args, [.. RegretSuite.Groups.Select(g => g.Option).Where(o => o.Length > 0), "--pareto", "--fidelity", "--agreement", "--quick", "--verbose", "--trace"]) is string unknown)
    {
        throw new UsageException($"Unknown option {unknown}; see the usage at the top of Program.cs and README.md.");
    }

    string[] suites = [.. args.Intersect([.. RegretSuite.Groups.Select(g => g.Option).Where(o => o.Length > 0), "--pareto", "--fidelity"])];
    if (suites.Length > 1)
    {
        throw new UsageException($"{string.Join(" and ", suites)} are {suites.Length} suites; run one at a time.");
    }

    if (args.Contains("--agreement") && !args.Contains("--fidelity"))
    {
        throw new UsageException("--agreement measures the recordings of the fidelity suite: give it with --fidelity.");
    }

    if (args.Contains("--reach") && !args.Contains("--fidelity"))
    {
        throw new UsageException("--reach measures the runs of the fidelity suite: give it with --fidelity.");
    }

    if (args.Contains("--fidelity"))
    {
        return FidelitySuite.Run(args);
    }

    // Experiments with the GP's options, read once here rather than in every seed's run.
    OutputWarping? warping = SuiteOutput.Option(args, "--warping") is string w
        ? Enum.TryParse(w, ignoreCase: true, out OutputWarping parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new UsageException($"--warping must be one of {string.Join(", ", Enum.GetNames<OutputWarping>())}, not '{w}'.")
        : null;
    int? startup = SuiteOutput.Option(args, "--startup") is null ? null : CommandLineOptions.Count(args, "--startup", 0, minimum: 0);
    Action<GaussianProcessOptions> gpOptions = o =>
    {
        if (warping is OutputWarping given)
        {
            o.OutputWarping = given;
        }

        if (startup is int trials)
        {
            o.StartupTrials = trials;
        }
    };

    return args.Contains("--pareto") ? ParetoSuite.Run(args, gpOptions) : RegretSuite.Run(args, gpOptions);
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
