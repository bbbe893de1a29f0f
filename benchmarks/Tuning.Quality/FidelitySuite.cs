using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tuning.Quality.Problems;

namespace Tuning.Quality;

/// <summary>
/// The multi-fidelity suite (<c>--fidelity</c>): best target-fidelity regret against cumulative cost, median and
/// interquartile range over seeds, for the methods of <see cref="FidelityMethod.All"/> (the GP and random search at the
/// target only, the multi-fidelity suggester, random search and the GP with pruned trials under Hyperband, and the
/// recommended path), on the problems recorded from real training, the misleading ones and the simulators; a table
/// with the cost at which each method reaches the target-only GP's final regret, the target lines, a CSV and
/// one PNG per problem.
/// </summary>
internal static class FidelitySuite
{
    private const int Checkpoints = 400;
    private const double TargetShare = 0.4;

    public static int Run(string[] args)
    {
        if (args.Contains("--agreement"))
        {
            return FidelityAgreement.Run(SuiteOutput.Option(args, "--out") ?? "quality-results");
        }

        bool quick = args.Contains("--quick");
        int seeds = SuiteOutput.Seeds(args);
        int jobs = SuiteOutput.Jobs(args, fallback: Environment.ProcessorCount);
        int firstSeed = SuiteOutput.FirstSeed(args);
        string output = SuiteOutput.Option(args, "--out") ?? "quality-results";
        string? only = SuiteOutput.Option(args, "--only");
        string[]? methods = SuiteOutput.Option(args, "--methods")?.Split(',');
        double[]? reachThresholds;
        try
        {
            reachThresholds = ReachCosts.Thresholds(SuiteOutput.Option(args, "--reach"));
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        Directory.CreateDirectory(output);

        IFidelityProblem[] declared =
        [
            .. TabularProblems.Fidelity(), new MisleadingProxy(), new DriftingOptimum(),
            new AugmentedBranin(), new AugmentedHartmann(), new LearningCurves(), new LearningCurves(deceptive: true), new LearningCurveTasks(), new ShiftedProxy(), new ExactProxy(),
            .. TabularProblems.HeldOutFidelity(),
        ];
        IFidelityProblem[] problems = [.. declared.Where(p => only is null || p.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];
        FidelityMethod[] known = [.. FidelityMethod.All.Concat(FidelityMethod.OnRequest)];
        if (SuiteOutput.SelectsNothing("--only", problems.Length, declared.Select(p => p.Name))
            || SuiteOutput.SelectsNothing("--methods", methods is null ? 1 : known.Count(m => methods.Contains(m.Name)), known.Select(m => m.Name)))
        {
            return 2;
        }

        if (quick && only is null)
        {
            // CI: one problem (the recorded MLP when present), one seed, end to end.
            problems = problems[..1];
        }

        var wall = Stopwatch.StartNew();

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Median [interquartile range] over {seeds} seeds ({firstSeed}..{firstSeed + seeds - 1}) of the regret of the best result at the target fidelity, by cumulative cost in target-fidelity evaluations. \"—\": no target-fidelity result yet (in half the seeds or more).");
        table.AppendLine();
        table.AppendLine("| problem | budget | method | regret at 25% | regret at 50% | regret at 100% | cost to reach GP target's final regret | trials | seconds per run |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|");
        var csv = new StringBuilder("problem,method,seed,trial,cost,regret\n");
        var targets = new List<(string Target, bool Met)>();
        var reachTable = new StringBuilder();
        if (reachThresholds is not null)
        {
            ReachCosts.AppendHeader(reachTable, reachThresholds, seeds);
        }

        foreach (IFidelityProblem problem in problems)
        {
            double[] checkpoints = [.. Enumerable.Range(1, Checkpoints).Select(k => problem.Budget * k / Checkpoints)];
            var curves = new Dictionary<string, double[][]>();
            var trials = new Dictionary<string, double>();
            var seconds = new Dictionary<string, double>();
            var allRuns = new Dictionary<string, List<(double Cost, double Regret)>[]>();
            foreach (FidelityMethod method in methods is null ? FidelityMethod.All : FidelityMethod.All.Concat(FidelityMethod.OnRequest).Where(m => methods.Contains(m.Name)))
            {
                var clock = Stopwatch.StartNew();
                var runs = new List<(double Cost, double Regret)>[seeds];
                if (method.SameAs is string same && allRuns.TryGetValue(same, out var sameRuns))
                {
                    // Deterministic and identical to a method already run: its runs, not run again.
                    runs = sameRuns;
                }
                else
                {
                    Parallel.For(0, seeds, new ParallelOptions { MaxDegreeOfParallelism = jobs }, seed =>
                    {
                        var seedClock = Stopwatch.StartNew();
                        runs[seed] = FidelityCurves.Run(problem, method, firstSeed + seed, args.Contains("--trace") && seed == 0 ? Console.Out : null);
                        if (args.Contains("--verbose"))
                        {
                            Console.Error.WriteLine($"  {problem.Name} {method.Name} seed {firstSeed + seed}: {runs[seed].Count} trials, {seedClock.Elapsed.TotalSeconds:F1} s");
                        }
                    });
                }

                allRuns[method.Name] = runs;
                seconds[method.Name] = method.SameAs is string alias && seconds.TryGetValue(alias, out double aliasSeconds) ? aliasSeconds : clock.Elapsed.TotalSeconds * Math.Min(jobs, seeds) / seeds;
                curves[method.Name] = [.. runs.Select(r => FidelityCurves.AtCosts(r, checkpoints))];
                trials[method.Name] = Statistics.Median(runs.Select(r => (double)r.Count));
                for (int seed = 0; seed < seeds; seed++)
                {
                    for (int i = 0; i < runs[seed].Count; i++)
                    {
                        (double cost, double regret) = runs[seed][i];
                        string r = regret >= FidelityCurves.None ? string.Empty : regret.ToString("R", CultureInfo.InvariantCulture);
                        csv.Append(CultureInfo.InvariantCulture, $"{Csv.Field(problem.Name)},{Csv.Field(method.Name)},{firstSeed + seed},{i + 1},{cost:R},{r}\n");
                    }
                }

                Console.Error.WriteLine($"{problem.Name,-40} {method.Name,-20} median final regret {Format(Statistics.Median(curves[method.Name].Select(c => c[^1])))}  ({seconds[method.Name]:F1} s/run)");
            }

            double? reference = curves.TryGetValue("GP target", out double[][]? gp) ? Statistics.Median(gp.Select(c => c[^1])) : null;
            foreach ((string name, double[][] runs) in curves)
            {
                double? reached = reference is double r ? CostToReach(runs, checkpoints, r) : null;
                string reach = reference is null ? "" : reached is double c ? string.Create(CultureInfo.InvariantCulture, $"{c:F1} ({c / problem.Budget:P0})") : "not reached";
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {problem.Name} | {problem.Budget} | {name} | {Summary(runs, (Checkpoints / 4) - 1)} | {Summary(runs, (Checkpoints / 2) - 1)} | {Summary(runs, Checkpoints - 1)} | {reach} | {trials[name]:F0} | {seconds[name]:F1} |");
            }

            if (reachThresholds is not null)
            {
                foreach ((string name, var runs) in allRuns)
                {
                    ReachCosts.AppendRow(reachTable, problem.Name, name, runs, reachThresholds, problem.Budget);
                }
            }

            targets.AddRange(Targets(problem, curves, checkpoints, reference));
            string file = new([.. problem.Name.ToLowerInvariant().TakeWhile(ch => ch != '(').Where(char.IsLetterOrDigit)]);
            FidelityPlot.Save(problem.Name, checkpoints, curves, reference, Path.Combine(output, $"fidelity-{file}.png"));
        }

        table.Append(reachTable);
        SuiteOutput.AppendTargets(table, targets);
        SuiteOutput.AppendWallTime(table, wall.Elapsed, Math.Min(jobs, seeds));
        SuiteOutput.Write(output, "fidelity", csv, table, " and one fidelity-*.png per problem");
        return 0;
    }

    /// <summary>
    /// The partial-training targets, checked on <see cref="FidelityMethod.Recommended"/>: where cheap runs inform, it reaches the
    /// target-only GP's final regret at ≤ 40% of the budget; on every problem it ends no worse than that GP; on the
    /// recorded problems (real training) it ends below random search and the GP with Hyperband, a line that reads NO
    /// where it is the GP with Hyperband.
    /// </summary>
    internal static IEnumerable<(string Target, bool Met)> Targets(IFidelityProblem problem, Dictionary<string, double[][]> curves, double[] checkpoints, double? reference)
    {
        const string Name = FidelityMethod.RecommendedName;
        if (reference is not double goal || !curves.TryGetValue(Name, out double[][]? recommended))
        {
            yield break;
        }

        if (!FidelityCurves.IsResult(goal))
        {
            // Nothing to reach: every target would read as met, though no method has a result at the target.
            yield return ($"{problem.Name}: GP target has no target-fidelity result in half the seeds or more, so there is nothing to compare {Name} with", false);
            yield break;
        }

        double final = Statistics.Median(recommended.Select(c => c[^1]));
        if (problem.CheapFidelityIsInformative)
        {
            double? c = CostToReach(recommended, checkpoints, goal);
            string text = c is double cost
                ? string.Create(CultureInfo.InvariantCulture, $"{problem.Name}: {Name} reaches GP target's final regret {Format(goal)} at cost {cost:F1} = {cost / problem.Budget:P0} of GP's {problem.Budget} (target ≤ {TargetShare:P0})")
                : string.Create(CultureInfo.InvariantCulture, $"{problem.Name}: {Name} does not reach GP target's final regret {Format(goal)} within the budget {problem.Budget}");
            yield return (text, c is double v && v <= TargetShare * problem.Budget);
        }

        yield return ($"{problem.Name}: {Name} final {Format(final)} <= GP target's {Format(goal)}", final <= goal);
        if (problem.IsRealTraining)
        {
            foreach (string peer in new[] { "Random+Hyperband", "GP+Hyperband (BOHB)" })
            {
                if (curves.TryGetValue(peer, out double[][]? runs))
                {
                    double other = Statistics.Median(runs.Select(r => r[^1]));
                    yield return ($"{problem.Name}: {Name} final {Format(final)} < {peer}'s {Format(other)}", final < other);
                }
            }
        }
    }

    /// <summary>The first checkpoint at which the median regret is at most <paramref name="goal"/>, or null.</summary>
    private static double? CostToReach(double[][] runs, double[] checkpoints, double goal)
    {
        for (int c = 0; c < checkpoints.Length; c++)
        {
            if (Statistics.Median(runs.Select(r => r[c])) <= goal)
            {
                return checkpoints[c];
            }
        }

        return null;
    }

    private static string Summary(double[][] runs, int index)
    {
        IEnumerable<double> values = runs.Select(r => r[index]);
        return $"{Format(Statistics.Median(values))} [{Format(Statistics.Quantile(values, 0.25))}, {Format(Statistics.Quantile(values, 0.75))}]";
    }

    private static string Format(double regret) =>
        FidelityCurves.IsResult(regret) ? regret.ToString("E2", CultureInfo.InvariantCulture) : "—";
}
