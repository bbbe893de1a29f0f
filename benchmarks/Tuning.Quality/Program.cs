using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tuning;
using Tuning.Quality;
using Tuning.Quality.Problems;

// The sample-efficiency suite. Usage: dotnet run -c Release --project benchmarks/Tuning.Quality [-- --quick] [--seeds N] [--out DIR] [--only NAME]
// Two objectives (hypervolume on BraninCurrin, ZDT1, ZDT2): add --pareto.
// The multi-fidelity suite: add --fidelity (regret against cost on the fidelity problems; see FidelitySuite).
if (args.Contains("--fidelity"))
{
    return FidelitySuite.Run(args);
}

bool quick = args.Contains("--quick");
int seeds = Option("--seeds") is string s ? int.Parse(s, CultureInfo.InvariantCulture) : quick ? 3 : 10;
string output = Option("--out") ?? "quality-results";
string? only = Option("--only");
string[] methods = Option("--methods")?.Split(',') ?? ["GP", "Sobol", "Random"];
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
Directory.CreateDirectory(output);
if (args.Contains("--pareto"))
{
    ParetoSuite.Run(gpOptions, Option("--methods")?.Split(',') ?? ["GP", "GPref", "Sobol", "Random"], seeds, output, only);
    return 0;
}

IProblem[] problems =
[
    new Branin(), new Hartmann3(), new SixHumpCamel(), new GoldsteinPrice(), new Rosenbrock3(), new MixedTraining(), new Hartmann3(noise: 0.05),
];
if (args.Contains("--validation"))
{
    // Problems outside the suite, to check that defaults are not tuned to the five reference problems alone.
    problems = [new Hartmann6(), new Ackley(), new StyblinskiTang(), new TrainingSurface()];
}

problems = [.. problems.Where(p => only is null || p.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];

var table = new StringBuilder();
table.AppendLine($"Median [interquartile range] of the best-found regret over {seeds} seeds (seeds 0..{seeds - 1}).");
table.AppendLine();
table.AppendLine("| problem | budget | method | regret at budget/2 | regret at budget | seconds per run |");
table.AppendLine("|---|---|---|---|---|---|");
var csv = new StringBuilder("problem,method,seed,evaluation,regret\n");
var targets = new List<(string Target, bool Met)>();
foreach (IProblem problem in problems)
{
    var curves = new Dictionary<string, double[][]>();
    foreach (Method method in Method.All(gpOptions).Where(m => methods.Contains(m.Name)))
    {
        var clock = Stopwatch.StartNew();
        double[][] runs = [.. Enumerable.Range(0, seeds).Select(seed => RegretCurves.Run(problem, method, seed))];
        double seconds = clock.Elapsed.TotalSeconds / seeds;
        curves[method.Name] = runs;
        for (int seed = 0; seed < seeds; seed++)
        {
            for (int i = 0; i < runs[seed].Length; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{Csv.Field(problem.Name)},{Csv.Field(method.Name)},{seed},{i + 1},{runs[seed][i]:R}\n");
            }
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"| {problem.Name} | {problem.Budget} | {method.Name} | {Summary(runs, (problem.Budget / 2) - 1)} | {Summary(runs, problem.Budget - 1)} | {seconds:F2} |");
        Console.Error.WriteLine($"{problem.Name,-40} {method.Name,-7} median regret {Statistics.Median(runs.Select(r => r[^1])):E2}  ({seconds:F2} s/run)");
    }

    string file = new([.. problem.Name.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
    RegretPlot.Save(problem.Name, curves, Path.Combine(output, $"regret-{file}.png"));
    if (!curves.ContainsKey("GP") || !curves.ContainsKey("Random"))
    {
        continue;
    }

    double gp = Statistics.Median(curves["GP"].Select(r => r[^1]));
    double random = Statistics.Median(curves["Random"].Select(r => r[^1]));
    targets.Add(($"{problem.Name}: GP {gp:E2} <= Random/10 = {random / 10:E2}", gp <= random / 10));
    if (problem.OptunaMedianRegret is double optuna)
    {
        targets.Add(($"{problem.Name}: GP {gp:E2} <= Optuna GPSampler {optuna:E2}", gp <= optuna));
    }

}

table.AppendLine();
table.AppendLine("| target | met |");
table.AppendLine("|---|---|");
foreach ((string target, bool met) in targets)
{
    table.AppendLine($"| {target} | {(met ? "yes" : "NO")} |");
}

File.WriteAllText(Path.Combine(output, "regret.csv"), csv.ToString());
File.WriteAllText(Path.Combine(output, "regret.md"), table.ToString());
Console.WriteLine(table);
Console.WriteLine($"Wrote {output}/regret.md, regret.csv and one regret-*.png per problem.");
return 0;

string? Option(string name) => Array.IndexOf(args, name) is int i && i >= 0 && i + 1 < args.Length ? args[i + 1] : null;

static string Summary(double[][] runs, int index)
{
    IEnumerable<double> values = runs.Select(r => r[index]);
    return string.Create(CultureInfo.InvariantCulture, $"{Statistics.Median(values):E2} [{Statistics.Quantile(values, 0.25):E2}, {Statistics.Quantile(values, 0.75):E2}]");
}
