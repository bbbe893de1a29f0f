using System.Globalization;
using System.IO.Compression;

namespace Tuning.Quality.Problems;

/// <summary>
/// A tabular benchmark recorded from real training by <c>benchmarks/Tuning.Quality.Recorder</c>: for every
/// configuration of a grid, several trainings (replicates), each a row of values (a learning curve, and for some
/// recordings the results of cheaper tasks). Read from a gzipped CSV in <c>Data/</c>, copied next to the suite.
/// </summary>
internal sealed class RecordedTable
{
    private readonly Dictionary<string, double[][]> _runs = [];

    private RecordedTable(string file)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", file)), CompressionMode.Decompress));
        string[]? header = null;
        var rows = new Dictionary<string, List<double[]>>();
        while (reader.ReadLine() is string line)
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (header is null)
            {
                header = line.Split(',');
                Parameters = Array.IndexOf(header, "replicate");
                Columns = [.. header[(Parameters + 1)..]];
                continue;
            }

            string[] cells = line.Split(',');
            string key = Key([.. cells[..Parameters].Select(c => double.Parse(c, CultureInfo.InvariantCulture))]);
            double[] values = [.. cells[(Parameters + 1)..].Select(c => double.Parse(c, CultureInfo.InvariantCulture))];
            (rows.TryGetValue(key, out List<double[]>? list) ? list : rows[key] = []).Add(values);
        }

        foreach ((string key, List<double[]> list) in rows)
        {
            _runs[key] = [.. list];
        }

        Replicates = _runs.Values.Min(r => r.Length);
    }

    /// <summary>Gets the number of grid parameters (the columns before "replicate").</summary>
    public int Parameters { get; private set; }

    /// <summary>Gets the names of the value columns.</summary>
    public string[] Columns { get; private set; } = [];

    /// <summary>Gets the number of trainings recorded for every configuration.</summary>
    public int Replicates { get; }

    /// <summary>Gets the configurations, as their keys.</summary>
    public IEnumerable<string> Configurations => _runs.Keys;

    /// <summary>Loads a recording once per process.</summary>
    public static RecordedTable Load(string file)
    {
        lock (Cache)
        {
            return Cache.TryGetValue(file, out RecordedTable? table) ? table : Cache[file] = new RecordedTable(file);
        }
    }

    /// <summary>Whether the recording is present (it is committed; a missing file means a broken checkout).</summary>
    public static bool Exists(string file) => File.Exists(Path.Combine(AppContext.BaseDirectory, "Data", file));

    /// <summary>The key of a configuration: its grid values, in the recording's order and number format.</summary>
    public static string Key(IEnumerable<double> configuration) =>
        string.Join(',', configuration.Select(v => v.ToString("G5", CultureInfo.InvariantCulture)));

    /// <summary>The recorded rows of a configuration, one per replicate.</summary>
    /// <exception cref="KeyNotFoundException">The configuration is not on the grid.</exception>
    public double[][] Runs(string key) =>
        _runs.TryGetValue(key, out double[][]? runs) ? runs : throw new KeyNotFoundException($"configuration ({key}) is not in the recorded grid");

    /// <summary>The mean over replicates of one column: the noise-free value regret is measured with.</summary>
    public double Mean(string key, int column) => Runs(key).Average(r => r[column]);

    private static readonly Dictionary<string, RecordedTable> Cache = [];
}
