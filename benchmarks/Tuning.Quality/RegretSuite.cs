using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tuning.Quality.Problems;

namespace Tuning.Quality;

/// <summary>
/// The single-objective suites: the best-found regret of each method after every evaluation, over N seeds (0…N−1, or
/// from <c>--first-seed</c> on), on one group of problems (<see cref="Groups"/>); a detailed table with interquartile
/// ranges, a summary with one column per method beside Optuna's and BoTorch's medians, "met/NO" target lines, a CSV of
/// every run and one PNG per problem.
/// </summary>
internal static class RegretSuite
{
    /// <summary>The ratio to sequential regret a batch method must stay within.</summary>
    private const double BatchFactor = 2;

    /// <summary>
    /// Gets the groups: the option that selects one (none for the main suite), its problems and default methods.
    /// The held-out group is run and reported on its own, and no default is chosen by it.
    /// </summary>
    public static (string Option, string Title, Func<IProblem[]> Problems, string[] Methods)[] Groups { get; } =
    [
        ("--validation", "Validation problems", () => [new Hartmann6(), new Ackley(), new StyblinskiTang(), new TrainingSurface(), .. MultimodalFunctions.Validation], ["GP", "Sobol", "Random"]),
        ("--heldout", "Held-out problems", () => [.. MultimodalFunctions.HeldOut, new ConditionalModelChoice(), new CategoricalHeavy(), new DivergedRuns(), .. HighDimensionalFunctions.HeldOut, .. TabularProblems.HeldOutFixedEpochs()], ["GP", "Sobol", "Random"]),
        ("--noisy", "Noisy problems", () => [new Hartmann3(noise: 0.05), new NoisyLogisticRegression(), .. TabularProblems.NoisyFixedEpochs()], ["GP", "Sobol", "Random"]),
        ("--batch", "Batches on the main suite", MainProblems, ["GP", "GP q=4", "GP q=8", "GP 4 workers", "GP 8 workers"]),
        ("--constrained", "Problems with constraints", () => [.. ConstrainedFunctions.Validation, .. ConstrainedFunctions.HeldOut], ["GP", "GP q=4", "GP q=8", "Sobol", "Random"]),
        (string.Empty, "Main suite", MainProblems, ["GP", "Sobol", "Random"]),
    ];

    public static int Run(string[] args, Action<GaussianProcessOptions> gpOptions)
    {
        var group = Groups.First(g => g.Option.Length == 0 || args.Contains(g.Option));
        bool quick = args.Contains("--quick");
        int seeds = SuiteOutput.Seeds(args);
        int firstSeed = SuiteOutput.FirstSeed(args);
        int jobs = SuiteOutput.Jobs(args, fallback: 1);
        string output = SuiteOutput.Option(args, "--out") ?? "quality-results";
        string? only = SuiteOutput.Option(args, "--only");
        string[] methods = SuiteOutput.Option(args, "--methods")?.Split(',') ?? group.Methods;
        bool trace = args.Contains("--trace");
        Directory.CreateDirectory(output);

        IProblem[] problems = [.. group.Problems().Where(p => only is null || p.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];
        if (quick && only is null)
        {
            // CI: one problem, one seed, end to end.
            problems = problems[..1];
        }

        var table = new StringBuilder();
        var summary = new StringBuilder();
        var csv = new StringBuilder("problem,method,seed,evaluation,regret\n");
        var targets = new List<(string Target, bool Met)>();
        Method[] selected = [.. Method.All(gpOptions).Where(m => methods.Contains(m.Name))];
        if (SuiteOutput.SelectsNothing("--only", problems.Length, group.Problems().Select(p => p.Name))
            || SuiteOutput.SelectsNothing("--methods", selected.Length, Method.All(gpOptions).Select(m => m.Name)))
        {
            return 2;
        }

        table.AppendLine("| problem | budget | method | regret at budget/2 | regret at budget | seconds per run |");
        table.AppendLine("|---|---|---|---|---|---|");
        summary.AppendLine(CultureInfo.InvariantCulture, $"| problem | budget | {string.Join(" | ", selected.Select(m => m.Name))} | Optuna 4.6 GPSampler | BoTorch 0.11.3 |");
        summary.AppendLine(CultureInfo.InvariantCulture, $"|---|---:|{string.Concat(selected.Select(_ => "---:|"))}---:|---:|");
        var clock = Stopwatch.StartNew();
        foreach (IProblem problem in problems)
        {
            var curves = new Dictionary<string, double[][]>();
            foreach (Method method in selected)
            {
                var methodClock = Stopwatch.StartNew();
                double[][] runs = new double[seeds][];
                Parallel.For(0, seeds, new ParallelOptions { MaxDegreeOfParallelism = jobs }, seed => runs[seed] = RegretCurves.Run(problem, method, firstSeed + seed, trace && seed == 0 ? Console.Out : null));
                double seconds = methodClock.Elapsed.TotalSeconds * Math.Min(jobs, seeds) / seeds;
                curves[method.Name] = runs;
                for (int seed = 0; seed < seeds; seed++)
                {
                    for (int i = 0; i < runs[seed].Length; i++)
                    {
                        csv.Append(CultureInfo.InvariantCulture, $"{Csv.Field(problem.Name)},{Csv.Field(method.Name)},{firstSeed + seed},{i + 1},{runs[seed][i]:R}\n");
                    }
                }

                table.AppendLine(CultureInfo.InvariantCulture, $"| {problem.Name} | {problem.Budget} | {method.Name} | {Summary(runs, (problem.Budget / 2) - 1)} | {Summary(runs, problem.Budget - 1)} | {seconds:F2} |");
                Console.Error.WriteLine($"{problem.Name,-40} {method.Name,-7} median regret {Final(runs):E2}  ({seconds:F2} s/run)");
            }

            summary.AppendLine(CultureInfo.InvariantCulture,
                $"| {problem.Name} | {problem.Budget} | {string.Join(" | ", selected.Select(m => Short(Final(curves[m.Name]))))} | {(problem.OptunaMedianRegret is double o ? Short(o) : "–")} | {(problem.BoTorchMedianRegret is double b ? Short(b) : "–")} |");
            targets.AddRange(Targets(problem, curves));
            string file = new([.. problem.Name.ToLowerInvariant().TakeWhile(c => c != '(').Where(char.IsLetterOrDigit)]);
            RegretPlot.Save(problem.Name, curves, Path.Combine(output, $"regret-{file}.png"));
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{group.Title}: median best-found regret at the budget over {seeds} seeds (seeds {firstSeed}..{firstSeed + seeds - 1}); Optuna's and BoTorch's medians as measured on this machine, where known.");
        report.AppendLine();
        report.Append(summary);
        report.AppendLine();
        report.AppendLine("Median [interquartile range]:");
        report.AppendLine();
        report.Append(table);
        SuiteOutput.AppendTargets(report, targets);
        SuiteOutput.AppendWallTime(report, clock.Elapsed, jobs);
        SuiteOutput.Write(output, "regret", csv, report, " and one regret-*.png per problem");
        return 0;
    }

    private static IProblem[] MainProblems() =>
        [new Branin(), new Hartmann3(), new SixHumpCamel(), new GoldsteinPrice(), new Rosenbrock3(), new MixedTraining(), new Hartmann3(noise: 0.05)];

    /// <summary>The target lines: GP against random search, Optuna and BoTorch; batches against sequential.</summary>
    internal static IEnumerable<(string Target, bool Met)> Targets(IProblem problem, Dictionary<string, double[][]> curves)
    {
        if (!curves.TryGetValue("GP", out double[][]? gpRuns))
        {
            yield break;
        }

        double gp = Final(gpRuns);
        if (problem.OptimumKnown && curves.TryGetValue("Random", out double[][]? randomRuns))
        {
            double random = Final(randomRuns);
            yield return ($"{problem.Name}: GP {gp:E2} <= Random/10 = {random / 10:E2}", gp <= random / 10);
        }

        if (problem.OptunaMedianRegret is double optuna)
        {
            yield return ($"{problem.Name}: GP {gp:E2} <= Optuna GPSampler {optuna:E2}", gp <= optuna);
        }

        if (problem.BoTorchMedianRegret is double botorch)
        {
            yield return ($"{problem.Name}: GP {gp:E2} <= BoTorch {botorch:E2}", gp <= botorch);
        }

        foreach ((string name, double[][] runs) in curves.Where(c => c.Key.StartsWith("GP q=", StringComparison.Ordinal) || c.Key.EndsWith(" workers", StringComparison.Ordinal)))
        {
            double batch = Final(runs);
            yield return ($"{problem.Name}: {name} {batch:E2} <= {BatchFactor:F0} × sequential GP = {BatchFactor * gp:E2}", batch <= BatchFactor * gp);
        }
    }

    private static double Final(double[][] runs) => Statistics.Median(runs.Select(r => r[^1]));

    private static string Short(double value) => value.ToString(value is >= 0.01 and < 1000 ? "G3" : "0.00E+0", CultureInfo.InvariantCulture);

    private static string Summary(double[][] runs, int index)
    {
        IEnumerable<double> values = runs.Select(r => r[index]);
        return string.Create(CultureInfo.InvariantCulture, $"{Statistics.Median(values):E2} [{Statistics.Quantile(values, 0.25):E2}, {Statistics.Quantile(values, 0.75):E2}]");
    }
}
