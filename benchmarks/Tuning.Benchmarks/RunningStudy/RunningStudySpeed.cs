using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tuning.BenchmarkSupport;

namespace Tuning.Benchmarks.RunningStudy;

/// <summary>
/// The speed a user sees (<c>study</c> mode): a 10-D study with a random history of n completed trials, then
/// <list type="bullet">
/// <item>(a) a running study: the suggester under test asks, the trial is told, and so on, so the history grows by
/// one between asks; the median over several asks after a cold first ask and warm-up asks;</item>
/// <item>(b) the cold first ask of a new suggester on the unchanged history (the fit starts from the prior), the
/// median over fresh suggesters of different seeds;</item>
/// <item>(c) batch asks, <c>Ask(4)</c> and <c>Ask(8)</c>, in a running study that tells every trial of a batch
/// before asking the next.</item>
/// </list>
/// Only the public API is used (<see cref="Study"/>, <see cref="ISuggester.Suggest"/>), so the figures stay
/// comparable while the internals change. Times are wall clock: what a user waits for. BenchmarkDotNet's model of
/// repeating one operation on an unchanged state does not fit a history that grows, hence a suite of its own.
/// </summary>
internal static class RunningStudySpeed
{
    /// <summary>Optuna 4.6 GPSampler's running-study median ask in ms on the same machine: n → ms.</summary>
    private static readonly Dictionary<int, double> Optuna = new() { [100] = 95, [500] = 485, [1000] = 2279 };

    private const double SpeedupTarget = 20;
    private const double LargeHistoryTargetMs = 2000;

    /// <summary>Runs the suite; see the README for the options.</summary>
    /// <returns>0, or 2 when the command line cannot run as given (an unknown option, a missing value, a size or count below 1, a space that is not float or mixed).</returns>
    public static int Run(string[] args)
    {
        try
        {
            return Run(args, quick: args.Contains("--quick"));
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static int Run(string[] args, bool quick)
    {
        if (CommandLineOptions.Unknown(args, ["--sizes", "--asks", "--space", "--out"], ["--quick"], skip: 1) is string unknown)
        {
            throw new UsageException($"Unknown option {unknown}; the options are --sizes, --asks, --space, --out and --quick (README.md).");
        }

        int[] sizes = CommandLineOptions.Counts(args, "--sizes", quick ? [100] : [100, 500, 1000, 5000], minimum: 1);
        int? asks = CommandLineOptions.Value(args, "--asks") is null ? (quick ? 2 : null) : CommandLineOptions.Count(args, "--asks", 0, minimum: 1);
        string output = CommandLineOptions.Value(args, "--out") ?? "speed-results";
        SpeedProblem problem = CommandLineOptions.Value(args, "--space") switch
        {
            null or "float" => SpeedProblem.Float,
            "mixed" => SpeedProblem.Mixed,
            string other => throw new UsageException($"--space must be float or mixed, not '{other}'."),
        };

        // Optuna's reference figures were measured on the float problem only.
        IReadOnlyDictionary<int, double> optuna = problem == SpeedProblem.Float ? Optuna : new Dictionary<int, double>();
        string name = problem == SpeedProblem.Float ? "running-study" : $"running-study-{problem.Name}";
        Directory.CreateDirectory(output);

        // Asks on a small history first, so the measured asks run the code the runtime's tiered compilation settles on
        // (a method is recompiled optimized after 30 calls, in the background): the state of a process a few dozen asks
        // into a study. Measured without this, the first sizes ran partly unoptimized code and varied twofold from run to
        // run. The cold asks below are cold for the model, not for the JIT.
        Measure(problem, 50, asks: 40, warmUps: 1, colds: 1);
        Thread.Sleep(500);

        var rows = new List<Row>();
        var csv = new StringBuilder("n,mode,ask,history,milliseconds\n");
        foreach (int n in sizes)
        {
            string loadBefore = Load();
            int k = asks ?? (n >= 5000 ? 3 : 7);
            Row row = Measure(problem, n, k, warmUps: n >= 5000 ? 1 : 2, colds: quick || n >= 5000 ? 1 : 3);
            row.Load = $"{loadBefore} → {Load()}";
            rows.Add(row);
            foreach ((string mode, List<(int History, double Ms)> times) in row.Times)
            {
                for (int i = 0; i < times.Count; i++)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{n},{mode},{i + 1},{times[i].History},{times[i].Ms:R}\n");
                }
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"n = {n}: running {Median(row.Times["running"]):F1} ms (one thread {Median(row.Times["one thread"]):F1} ms), cold {Median(row.Times["cold"]):F1} ms, Ask(4) {Median(row.Times["ask4"]):F1} ms, Ask(8) {Median(row.Times["ask8"]):F1} ms (load {row.Load})"));
        }

        string table = Table(problem, rows, optuna);
        File.WriteAllText(Path.Combine(output, $"{name}.md"), table);
        File.WriteAllText(Path.Combine(output, $"{name}.csv"), csv.ToString());
        Console.WriteLine(table);
        Console.WriteLine($"Wrote {output}/{name}.md and {name}.csv.");
        return 0;
    }

    private static Row Measure(SpeedProblem problem, int n, int asks, int warmUps, int colds)
    {
        var row = new Row(n);

        // (b) Cold: a new suggester on the unchanged history.
        Study history = problem.StudyWithHistory(n, new RandomSuggester(seed: 0));
        var context = new SuggestionContext(history.Space, history.Metrics, history.Trials);
        var cold = new List<(int, double)>();
        for (int c = 0; c < colds; c++)
        {
            var suggester = new GaussianProcessSuggester(seed: c + 1);
            long start = Stopwatch.GetTimestamp();
            _ = suggester.Suggest(context, 1);
            cold.Add((n, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
        }

        row.Times["cold"] = cold;

        // (a) and (c): running studies, one per batch size, each from the same history.
        foreach ((string mode, int q, int threads) in new[] { ("running", 1, -1), ("one thread", 1, 1), ("ask4", 4, -1), ("ask8", 8, -1) })
        {
            var options = new GaussianProcessOptions { MaxDegreeOfParallelism = threads };
            Study study = problem.StudyWithHistory(n, new GaussianProcessSuggester(seed: 1, options));
            var times = new List<(int, double)>();
            for (int i = 0; i < 1 + warmUps + asks; i++)
            {
                int told = study.Trials.Count;
                long start = Stopwatch.GetTimestamp();
                IReadOnlyList<Trial> batch = q == 1 ? [study.Ask()] : study.Ask(q);
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                foreach (Trial trial in batch)
                {
                    study.Tell(trial, problem.Value(trial));
                }

                // The first ask is the suggester's cold one and the next few settle the warm-started fit.
                if (i > warmUps)
                {
                    times.Add((told, ms));
                }
            }

            row.Times[mode] = times;
        }

        return row;
    }

    private static string Table(SpeedProblem problem, List<Row> rows, IReadOnlyDictionary<int, double> optuna)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Milliseconds per ask, the {problem.Name} problem (d = 10), a random history of n completed trials; median [min, max] over the measured asks (CSV: one row per ask).");
        text.AppendLine(CultureInfo.InvariantCulture, $"\"running\": one trial told between asks, on up to one thread per processor ({Environment.ProcessorCount} here; the default); \"one thread\": the same with MaxDegreeOfParallelism = 1; \"cold\": a new suggester's first ask on the history; Ask(q): batches in a running study.");
        text.AppendLine("Optuna 4.6 GPSampler: its running-study median ask measured the same way, on the machine whose figures RunningStudySpeed keeps; on another machine the ratios are a guide only.");
        text.AppendLine();
        text.AppendLine("| n | running (median ask) | one thread | Optuna 4.6 GPSampler | Optuna / ours | Optuna / ours on one thread | cold first ask | Ask(4) | Ask(8) | load average (1, 5, 15 min) before → after |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (Row row in rows)
        {
            double running = Median(row.Times["running"]), oneThread = Median(row.Times["one thread"]);
            string reference = optuna.TryGetValue(row.N, out double o) ? o.ToString("F0", CultureInfo.InvariantCulture) : "–";
            string ratio = optuna.TryGetValue(row.N, out double r) ? (r / running).ToString("F1", CultureInfo.InvariantCulture) + "×" : "–";
            string ratioOneThread = optuna.TryGetValue(row.N, out double r1) ? (r1 / oneThread).ToString("F1", CultureInfo.InvariantCulture) + "×" : "–";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.N} | {Cell(row.Times["running"])} | {Cell(row.Times["one thread"])} | {reference} | {ratio} | {ratioOneThread} | {Cell(row.Times["cold"])} | {Cell(row.Times["ask4"])} | {Cell(row.Times["ask8"])} | {row.Load} |");
        }

        text.AppendLine();
        text.AppendLine("| target | met |");
        text.AppendLine("|---|---|");
        foreach (Row row in rows)
        {
            double running = Median(row.Times["running"]);
            if (optuna.TryGetValue(row.N, out double o))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| n = {row.N}: running-study median ask {running:F1} ms ≤ Optuna's {o:F0} ms / {SpeedupTarget:F0} = {o / SpeedupTarget:F2} ms | {(running <= o / SpeedupTarget ? "yes" : "NO")} |");
            }

            if (row.N >= 5000)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| n = {row.N}: running-study median ask {running:F0} ms ≤ {LargeHistoryTargetMs:F0} ms | {(running <= LargeHistoryTargetMs ? "yes" : "NO")} |");
            }
        }

        return text.ToString();
    }

    private static string Cell(List<(int History, double Ms)> times) =>
        string.Create(CultureInfo.InvariantCulture, $"{Format(Median(times))} [{Format(times.Min(t => t.Ms))}, {Format(times.Max(t => t.Ms))}]");

    private static string Format(double ms) => ms.ToString(ms < 10 ? "F2" : ms < 100 ? "F1" : "F0", CultureInfo.InvariantCulture);

    private static double Median(List<(int History, double Ms)> times)
    {
        double[] sorted = [.. times.Select(t => t.Ms).Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private sealed class Row(int n)
    {
        public int N { get; } = n;

        public Dictionary<string, List<(int History, double Ms)>> Times { get; } = [];

        public string Load { get; set; } = "";
    }
}
