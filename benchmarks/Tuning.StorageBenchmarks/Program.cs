using System.Globalization;
using Tuning.BenchmarkSupport;
using Tuning.StorageBenchmarks;

// dotnet run -c Release --project benchmarks/Tuning.StorageBenchmarks -- [--storage sqlite,postgres] [--workers 1,4,16]
//     [--trials 1000,5000] [--trial-ms 0,100-500] [--prefill 0,50000] [--open 10000]   (see README.md)
// PostgreSQL is reached through the environment variable TUNING_POSTGRES (a connection string), which the worker
// processes inherit: no password ever appears on a command line.
if (args.Length > 0 && args[0] == "--child")
{
    return AskTellChild.Run(
        args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture), TrainingTime.Parse(args[5]));
}

if (args.Length > 0 && args[0] == "--open-child")
{
    return OpenBenchmark.RunChild(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
}

string[] valueOptions = ["--storage", "--workers", "--trials", "--trial-ms", "--prefill", "--open"];
string? postgres = BenchmarkStorage.ConnectionString;
List<string> storages;
int[] workers, trials, prefills;
TrainingTime[] training;
int open;
try
{
    if (CommandLineOptions.Unknown(args, valueOptions, []) is string unknown)
    {
        throw new UsageException($"Unknown option {unknown}; the options are {string.Join(", ", valueOptions)}.");
    }

    storages = [.. (CommandLineOptions.Value(args, "--storage") ?? (postgres is null ? "sqlite" : "sqlite,postgres")).Split(',')];
    if (storages.FirstOrDefault(s => s is not ("sqlite" or "postgres")) is string other)
    {
        throw new UsageException($"--storage takes sqlite and postgres, not '{other}'.");
    }

    workers = CommandLineOptions.Counts(args, "--workers", [1, 4, 16], minimum: 1);
    trials = CommandLineOptions.Counts(args, "--trials", [1000, 5000], minimum: 1);
    training = [.. (CommandLineOptions.Value(args, "--trial-ms") ?? "0").Split(',').Select(text => TrainingTime.TryParse(text, out TrainingTime time)
        ? time
        : throw new UsageException($"--trial-ms takes N or MIN-MAX whole milliseconds (0 ≤ MIN ≤ MAX), not '{text}'."))];
    prefills = CommandLineOptions.Counts(args, "--prefill", [0], minimum: 0);
    open = CommandLineOptions.Count(args, "--open", 10000, minimum: 0);
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (storages.Contains("postgres") && postgres is null)
{
    Console.Error.WriteLine($"PostgreSQL needs a connection string in the environment variable {BenchmarkStorage.PostgresVariable} (source .ci/start-postgres.sh sets it).");
    return 2;
}

foreach (int t in trials)
{
    foreach (int w in workers.Where(w => t / w <= AskTellBenchmark.Warmup))
    {
        Console.Error.WriteLine($"--trials {t} over {w} workers leaves each at most {(t + w - 1) / w}; a worker's first {AskTellBenchmark.Warmup} trials are warm-up, not measured, so give more than {AskTellBenchmark.Warmup * w}.");
        return 2;
    }
}

string folder = Path.Combine(Path.GetTempPath(), "tuning-storage-benchmarks");
Directory.CreateDirectory(folder);
Console.WriteLine($"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start; times exclude the suggester and each worker's first {AskTellBenchmark.Warmup} trials.");
Console.WriteLine();
Console.WriteLine("Ask+tell storage overhead per trial (ms):");
Console.WriteLine("| storage  | workers | prefill | trials | trial ms |      p50 |      p99 |      max | trials/s | client CPU | server CPU |");
Console.WriteLine("|----------|---------|---------|--------|----------|----------|----------|----------|----------|------------|------------|");
foreach (string storage in storages)
{
    foreach (int prefill in prefills)
    {
        foreach (TrainingTime time in training)
        {
            foreach (int t in trials)
            {
                foreach (int w in workers)
                {
                    Console.WriteLine(AskTellBenchmark.Measure(storage, folder, w, t, time, prefill));
                }
            }
        }
    }
}

if (open > 0)
{
    Console.WriteLine();
    Console.WriteLine($"Opening a study of {open} finished trials (ms):");
    Console.WriteLine("| storage  | fresh process | warm (median of 5) | export to JSON |");
    Console.WriteLine("|----------|---------------|--------------------|----------------|");
    foreach (string storage in storages)
    {
        (double cold, double warm, double export) = OpenBenchmark.Measure(storage, folder, open);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {storage,-8} | {cold,13:F0} | {warm,18:F0} | {export,14:F0} |"));
    }
}

Console.WriteLine();
Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end.");
return 0;
