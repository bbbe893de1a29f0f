using System.Globalization;
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

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

string[] known = ["storage", "workers", "trials", "trial-ms", "prefill", "open"];
if (options.Keys.FirstOrDefault(k => !known.Contains(k)) is string unknown)
{
    Console.Error.WriteLine($"Unknown option --{unknown}; the options are --{string.Join(", --", known)}.");
    return 2;
}

string? postgres = BenchmarkStorage.ConnectionString;
List<string> storages = [.. options.GetValueOrDefault("storage", postgres is null ? "sqlite" : "sqlite,postgres").Split(',')];
int[] workers = [.. options.GetValueOrDefault("workers", "1,4,16").Split(',').Select(int.Parse)];
int[] trials = [.. options.GetValueOrDefault("trials", "1000,5000").Split(',').Select(int.Parse)];
TrainingTime[] training = [.. options.GetValueOrDefault("trial-ms", "0").Split(',').Select(TrainingTime.Parse)];
int[] prefills = [.. options.GetValueOrDefault("prefill", "0").Split(',').Select(int.Parse)];
int open = int.Parse(options.GetValueOrDefault("open", "10000"), CultureInfo.InvariantCulture);
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
