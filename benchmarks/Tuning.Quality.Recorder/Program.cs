using Tuning.BenchmarkSupport;
using Tuning.Quality.Recorder;

// Records the quality suite's tabular fidelity problems from real training. Usage (from the repository root):
//   dotnet run -c Release --project benchmarks/Tuning.Quality.Recorder -- mlp|mlp-breast-cancer|lightgbm|lightgbm-friedman [--out FILE] [--part K/N] [--limit M]
//   dotnet run -c Release --project benchmarks/Tuning.Quality.Recorder -- merge OUT PART1 PART2 ...
// --part K/N records every N-th configuration starting at K (to run N processes side by side); merge joins the parts
// in grid order. --limit M records only the first M configurations (a smoke test). See README.md. A command line that
// cannot run as given exits with code 2 before any training.
const string Usage = "usage: mlp|mlp-breast-cancer|lightgbm|lightgbm-friedman [--out FILE] [--part K/N] [--limit M] | merge OUT PART...";
try
{
    if (args.Length > 0 && args[0] == "merge")
    {
        if (args.Length < 3)
        {
            throw new UsageException($"merge needs the output file and at least one part; {Usage}");
        }

        TableFile.Merge(args[1], args[2..]);
        return 0;
    }

    if (args.Length == 0 || args[0] is not ("mlp" or "mlp-breast-cancer" or "lightgbm" or "lightgbm-friedman"))
    {
        throw new UsageException(args.Length == 0 ? Usage : $"unknown recording '{args[0]}'; {Usage}");
    }

    if (CommandLineOptions.Unknown(args, ["--out", "--part", "--limit"], [], skip: 1) is string unknown)
    {
        throw new UsageException($"Unknown option {unknown}; {Usage}");
    }

    string output = CommandLineOptions.Value(args, "--out") ?? $"{args[0]}.csv.gz";
    RecordingPart part = CommandLineOptions.Value(args, "--part") is string p ? RecordingPart.Parse(p) : RecordingPart.Whole;
    int limit = CommandLineOptions.Count(args, "--limit", int.MaxValue, minimum: 1);
    IRecording recording = args[0] switch
    {
        "mlp" => MlpRecording.Digits(),
        "mlp-breast-cancer" => MlpRecording.BreastCancer(),
        "lightgbm" => LightGbmRecording.Diabetes(),
        _ => LightGbmRecording.Friedman(),
    };
    TableFile.Record(recording, output, part, limit);
    return 0;
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
