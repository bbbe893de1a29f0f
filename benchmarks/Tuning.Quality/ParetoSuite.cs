using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tuning.Quality.Problems;

namespace Tuning.Quality;

/// <summary>
/// The two-objective suite (<c>--pareto</c>): each method's hypervolume, from each problem's fixed reference point, and
/// its hypervolume regret (the true front's hypervolume minus it) after the budget, over seeds 0…N−1; plus a PNG per
/// problem of the fronts found against the true front, and one of the median regret curves.
/// </summary>
internal static class ParetoSuite
{
    /// <summary>
    /// Runs the suite, with the options of the regret suites: <c>--seeds</c>, <c>--first-seed</c>, <c>--jobs</c>,
    /// <c>--out</c>, <c>--only</c>, <c>--quick</c> (one seed, the first problem) and <c>--methods</c>, whose names are
    /// GP (GP-EHVI, the reference point inferred), GPref (GP-EHVI given the problem's reference point), Sobol and Random,
    /// or the display names GP-EHVI and "GP-EHVI, reference given" (which needs its own <c>--methods</c> value, since
    /// commas split the list).
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="gp">Configures the GP's options (for experiments).</param>
    /// <returns>0, or 2 when an option selects nothing or is not supported here (<c>--trace</c>).</returns>
    public static int Run(string[] args, Action<GaussianProcessOptions> gp)
    {
        if (args.Contains("--trace"))
        {
            Console.Error.WriteLine("--trace is not supported with --pareto.");
            return 2;
        }

        int seeds = SuiteOutput.Seeds(args);
        int firstSeed = SuiteOutput.FirstSeed(args);
        int jobs = SuiteOutput.Jobs(args, fallback: 1);
        string output = SuiteOutput.Option(args, "--out") ?? "quality-results";
        string? only = SuiteOutput.Option(args, "--only");
        string[] names = SuiteOutput.Option(args, "--methods") is string m ? [m, .. m.Split(',')] : ["GP", "GPref", "Sobol", "Random"];
        bool Selected(Method method) => names.Any(n => n.Equals(method.Name, StringComparison.OrdinalIgnoreCase) || n.Equals(Display(method), StringComparison.OrdinalIgnoreCase));

        IParetoProblem[] declared = [new BraninCurrin(), Zdt.Zdt1(4), Zdt.Zdt2(4)];
        IParetoProblem[] problems = [.. declared.Where(p => only is null || p.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];
        if (args.Contains("--quick") && only is null)
        {
            problems = problems[..1]; // CI: one problem, one seed, end to end
        }

        Method[] known = [.. Methods(declared[0], gp)];
        if (SuiteOutput.SelectsNothing("--only", problems.Length, declared.Select(p => p.Name))
            || SuiteOutput.SelectsNothing("--methods", known.Count(Selected), known.Select(k => $"{k.Name} ({Display(k)})")))
        {
            return 2;
        }

        Directory.CreateDirectory(output);
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Median [interquartile range] over {seeds} seeds (seeds {firstSeed}..{firstSeed + seeds - 1}); both objectives minimized; GP-EHVI is the GaussianProcessSuggester with its defaults (reference point inferred from the observed results); \"reference given\" sets GaussianProcessOptions.ReferencePoint to the problem's reference point, as BoTorch's benchmarks give it to the acquisition.");
        table.AppendLine();
        table.AppendLine("| problem | reference point | true max hypervolume | budget | method | hypervolume at budget | regret at budget/2 | regret at budget | seconds per run |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|");
        var csv = new StringBuilder("problem,method,seed,evaluation,hypervolume,regret\n");
        var targets = new List<(string Target, bool Met)>();
        var sources = new List<string>();
        foreach (IParetoProblem problem in problems)
        {
            double best = problem.MaxHypervolume;
            sources.Add($"{problem.Name}: {problem.MaxHypervolumeSource}");
            var regrets = new Dictionary<string, double[][]>();
            var fronts = new Dictionary<string, IReadOnlyList<(double First, double Second)>>();
            foreach (Method method in Methods(problem, gp).Where(Selected))
            {
                string name = Display(method);
                var clock = Stopwatch.StartNew();
                var runs = new ParetoRun[seeds];
                Parallel.For(0, seeds, new ParallelOptions { MaxDegreeOfParallelism = jobs }, seed => runs[seed] = ParetoRun.Run(problem, method, firstSeed + seed));
                double seconds = clock.Elapsed.TotalSeconds * Math.Min(jobs, seeds) / seeds;
                double[][] regret = [.. runs.Select(r => r.Hypervolumes.Select(h => best - h).ToArray())];
                regrets[name] = regret;
                for (int seed = 0; seed < seeds; seed++)
                {
                    for (int i = 0; i < problem.Budget; i++)
                    {
                        csv.Append(CultureInfo.InvariantCulture, $"{Csv.Field(problem.Name)},{Csv.Field(name)},{firstSeed + seed},{i + 1},{runs[seed].Hypervolumes[i]:R},{regret[seed][i]:R}\n");
                    }
                }

                // The front of the run with the median final hypervolume (the lower median for an even count).
                int median = Enumerable.Range(0, seeds).OrderBy(s => runs[s].Hypervolumes[^1]).ElementAt((seeds - 1) / 2);
                fronts[$"{name} (seed {firstSeed + median})"] = runs[median].Front;
                (double r1, double r2) = problem.ReferencePoint;
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {problem.Name} | ({r1}, {r2}) | {best:F4} | {problem.Budget} | {name} | {Summary(runs.Select(r => r.Hypervolumes[^1]))} | {Summary(regret.Select(r => r[(problem.Budget / 2) - 1]))} | {Summary(regret.Select(r => r[^1]))} | {seconds:F2} |");
                Console.Error.WriteLine($"{problem.Name,-20} {name,-8} median hypervolume regret {Statistics.Median(regret.Select(r => r[^1])):E3}  ({seconds:F2} s/run)");
            }

            string file = new([.. problem.Name.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
            FrontPlot.Save($"{problem.Name}: fronts found in {problem.Budget} evaluations (median run)", problem.TrueFront, fronts, problem.ReferencePoint, Path.Combine(output, $"front-{file}.png"));
            RegretPlot.Save($"{problem.Name}: hypervolume regret", regrets, Path.Combine(output, $"hypervolume-regret-{file}.png"));
            foreach (string name in new[] { "GP-EHVI", "GP-EHVI, reference given" })
            {
                if (regrets.TryGetValue(name, out double[][]? model) && regrets.TryGetValue("Random", out double[][]? random))
                {
                    double modelMedian = Statistics.Median(model.Select(r => r[^1])), randomMedian = Statistics.Median(random.Select(r => r[^1]));
                    targets.Add((string.Create(CultureInfo.InvariantCulture, $"{problem.Name}: {name} median regret {modelMedian:E3} <= Random's / 3 = {randomMedian / 3:E3}"), modelMedian <= randomMedian / 3));
                }
            }
        }

        table.AppendLine();
        table.AppendLine("True max hypervolumes: " + string.Join("; ", sources) + ".");
        SuiteOutput.AppendTargets(table, targets);
        SuiteOutput.Write(output, "pareto", csv, table, ", and front-*.png and hypervolume-regret-*.png per problem");
        return 0;
    }

    /// <summary>The methods, with the GP twice: inferring its reference point (the default) and given the problem's (as BoTorch's benchmarks do).</summary>
    private static IEnumerable<Method> Methods(IParetoProblem problem, Action<GaussianProcessOptions> gp)
    {
        foreach (Method method in Method.All(gp))
        {
            yield return method;
            if (method.Name == "GP")
            {
                yield return new Method("GPref", seed =>
                {
                    var options = new GaussianProcessOptions { ReferencePoint = [problem.ReferencePoint.First, problem.ReferencePoint.Second] };
                    gp(options);
                    return new GaussianProcessSuggester(seed, options);
                });
            }
        }
    }

    private static string Display(Method method) => method.Name switch
    {
        "GP" => "GP-EHVI",
        "GPref" => "GP-EHVI, reference given",
        _ => method.Name,
    };

    private static string Summary(IEnumerable<double> values) =>
        string.Create(CultureInfo.InvariantCulture, $"{Statistics.Median(values):F4} [{Statistics.Quantile(values, 0.25):F4}, {Statistics.Quantile(values, 0.75):F4}]");
}
