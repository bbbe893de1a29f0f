using System.Globalization;
using Tuning.Quality.Recorder;

// Records the quality suite's tabular fidelity problems from real training. Usage (from the repository root):
//   dotnet run -c Release --project benchmarks/Tuning.Quality.Recorder -- mlp|lightgbm [--out FILE] [--part K/N] [--limit M]
//   dotnet run -c Release --project benchmarks/Tuning.Quality.Recorder -- merge OUT PART1 PART2 ...
// --part K/N records every N-th configuration starting at K (to run N processes side by side); merge joins the parts
// in grid order. --limit M records only the first M configurations (a smoke test). See README.md.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: mlp|lightgbm [--out FILE] [--part K/N] [--limit M] | merge OUT PART...");
    return 1;
}

if (args[0] == "merge")
{
    TableFile.Merge(args[1], args[2..]);
    return 0;
}

IRecording recording = args[0] switch
{
    "mlp" => new MlpRecording(),
    "lightgbm" => new LightGbmRecording(),
    _ => throw new ArgumentException($"unknown recording '{args[0]}': mlp or lightgbm", nameof(args)),
};
string output = Option("--out") ?? $"{args[0]}.csv.gz";
(int part, int parts) = Option("--part") is string p ? (int.Parse(p.Split('/')[0], CultureInfo.InvariantCulture), int.Parse(p.Split('/')[1], CultureInfo.InvariantCulture)) : (0, 1);
int limit = Option("--limit") is string l ? int.Parse(l, CultureInfo.InvariantCulture) : int.MaxValue;
TableFile.Record(recording, output, part, parts, limit);
return 0;

string? Option(string name) => Array.IndexOf(args, name) is int i && i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
