using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tuning.Quality.Problems;

namespace Tuning.Quality;

/// <summary>
/// The multi-fidelity suite (<c>--fidelity</c>): best target-fidelity regret against cumulative cost for the GP at the
/// target fidelity only, the multi-fidelity suggester, random search with Hyperband, and the GP with pruned trials
/// modelled under Hyperband (as BOHB) and under asynchronous successive halving, median over seeds; a table, a CSV and
/// one PNG per problem.
/// </summary>
internal static class FidelitySuite
{
    private const int Checkpoints = 400;
    private const double TargetShare = 0.4;

    public static int Run(string[] args)
    {
        int seeds = Option(args, "--seeds") is string s ? int.Parse(s, CultureInfo.InvariantCulture) : args.Contains("--quick") ? 3 : 10;
        int firstSeed = Option(args, "--first-seed") is string f ? int.Parse(f, CultureInfo.InvariantCulture) : 0;
        string output = Option(args, "--out") ?? "quality-results";
        string? only = Option(args, "--only");
        string[]? methods = Option(args, "--methods")?.Split(',');
        Directory.CreateDirectory(output);

        IFidelityProblem[] problems = [new AugmentedBranin(), new AugmentedHartmann(), new LearningCurves(), new LearningCurves(deceptive: true), new LearningCurveTasks()];
        problems = [.. problems.Where(p => only is null || p.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Median [interquartile range] over {seeds} seeds ({firstSeed}..{firstSeed + seeds - 1}) of the regret of the best result at the target fidelity, by cumulative cost in target-fidelity evaluations. \"—\": no target-fidelity result yet (in half the seeds or more).");
        table.AppendLine();
        table.AppendLine("| problem | budget | method | regret at 25% | regret at 50% | regret at 100% | cost to reach GP target's final regret | trials | seconds per run |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|");
        var csv = new StringBuilder("problem,method,seed,trial,cost,regret\n");
        var targets = new List<(string Target, bool Met)>();
        foreach (IFidelityProblem problem in problems)
        {
            double[] checkpoints = [.. Enumerable.Range(1, Checkpoints).Select(k => problem.Budget * k / Checkpoints)];
            var curves = new Dictionary<string, double[][]>();
            var trials = new Dictionary<string, double>();
            var seconds = new Dictionary<string, double>();
            foreach (FidelityMethod method in methods is null ? FidelityMethod.All : FidelityMethod.All.Append(FidelityMethod.FinalValuesOnly).Where(m => methods.Contains(m.Name)))
            {
                var clock = Stopwatch.StartNew();
                var runs = new List<(double Cost, double Regret)>[seeds];
                Parallel.For(0, seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed =>
                {
                    var seedClock = Stopwatch.StartNew();
                    runs[seed] = FidelityCurves.Run(problem, method, firstSeed + seed, args.Contains("--trace") && seed == 0 ? Console.Out : null);
                    if (args.Contains("--verbose"))
                    {
                        Console.Error.WriteLine($"  {problem.Name} {method.Name} seed {firstSeed + seed}: {runs[seed].Count} trials, {seedClock.Elapsed.TotalSeconds:F1} s");
                    }
                });
                seconds[method.Name] = clock.Elapsed.TotalSeconds * Math.Min(Environment.ProcessorCount, seeds) / seeds;
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

            if (reference is double goal && curves.TryGetValue("Multi-fidelity", out double[][]? mf))
            {
                double? c = CostToReach(mf, checkpoints, goal);
                string text = c is double cost
                    ? string.Create(CultureInfo.InvariantCulture, $"{problem.Name}: multi-fidelity reaches GP target's final regret {Format(goal)} at cost {cost:F1} = {cost / problem.Budget:P0} of GP's {problem.Budget} (target ≤ {TargetShare:P0})")
                    : string.Create(CultureInfo.InvariantCulture, $"{problem.Name}: multi-fidelity does not reach GP target's final regret {Format(goal)} within the budget {problem.Budget}");
                targets.Add((text, c is double v && v <= TargetShare * problem.Budget));
            }

            string file = new([.. problem.Name.ToLowerInvariant().TakeWhile(ch => ch != '(').Where(char.IsLetterOrDigit)]);
            FidelityPlot.Save(problem.Name, checkpoints, curves, reference, Path.Combine(output, $"fidelity-{file}.png"));
        }

        table.AppendLine();
        table.AppendLine("| target | met |");
        table.AppendLine("|---|---|");
        foreach ((string target, bool met) in targets)
        {
            table.AppendLine($"| {target} | {(met ? "yes" : "NO")} |");
        }

        File.WriteAllText(Path.Combine(output, "fidelity.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(output, "fidelity.md"), table.ToString());
        Console.WriteLine(table);
        Console.WriteLine($"Wrote {output}/fidelity.md, fidelity.csv and one fidelity-*.png per problem.");
        return 0;
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
        regret >= FidelityCurves.None / 2 ? "—" : regret.ToString("E2", CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name) => Array.IndexOf(args, name) is int i && i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
