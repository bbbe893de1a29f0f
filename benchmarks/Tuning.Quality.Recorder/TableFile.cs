using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Tuning.Quality.Recorder;

/// <summary>
/// Writes a recording as gzipped CSV: '#' lines describing it, a header (the grid's parameters, "replicate", the
/// value columns), then one line per configuration and replicate, values with 5 significant digits.
/// </summary>
internal static class TableFile
{
    public static void Record(IRecording recording, string path, RecordingPart part, int limit)
    {
        (int first, int parts) = part;
        double[][] configurations = Combinations(recording.Grid);
        var clock = Stopwatch.StartNew();
        using var writer = Open(path);
        foreach (string line in recording.Description)
        {
            writer.WriteLine($"# {line}");
        }

        writer.WriteLine(string.Join(',', recording.Grid.Select(g => g.Name).Append("replicate").Concat(recording.Columns)));
        int done = 0;
        for (int c = first; c < Math.Min(configurations.Length, limit); c += parts)
        {
            for (int r = 0; r < recording.Replicates; r++)
            {
                double[] values = recording.Train(configurations[c], r);
                writer.WriteLine(string.Join(',', configurations[c].Select(Number).Append(r.ToString(CultureInfo.InvariantCulture)).Concat(values.Select(Number))));
            }

            if (++done % 20 == 0)
            {
                Console.Error.WriteLine($"{done} of {Math.Min(configurations.Length, limit) / parts} configurations, {clock.Elapsed.TotalMinutes:F1} min");
                writer.Flush();
            }
        }

        Console.Error.WriteLine($"Recorded {done} configurations × {recording.Replicates} replicates in {clock.Elapsed.TotalMinutes:F1} min to {path}");
    }

    /// <summary>Joins part files (same description and header) into one, rows in grid order.</summary>
    public static void Merge(string path, string[] partPaths)
    {
        var heads = new List<string>();
        var rows = new List<string>();
        foreach (string partPath in partPaths)
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(partPath), CompressionMode.Decompress));
            var head = new List<string>();
            while (reader.ReadLine() is string line)
            {
                if (line.StartsWith('#'))
                {
                    head.Add(line);
                }
                else if (head.Count > 0 && head[^1].StartsWith('#'))
                {
                    head.Add(line);   // the header
                }
                else if (line.Length > 0)
                {
                    rows.Add(line);
                }
            }

            if (heads.Count == 0)
            {
                heads = head;
            }
            else if (!heads.SequenceEqual(head))
            {
                throw new InvalidDataException($"{partPath} was recorded differently from {partPaths[0]}");
            }
        }

        int keys = heads[^1].Split(',').ToList().IndexOf("replicate") + 1;
        using var writer = Open(path);
        foreach (string line in heads)
        {
            writer.WriteLine(line);
        }

        foreach (string row in rows.OrderBy(r => r.Split(',')[..keys].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray(), new LexicographicComparer()))
        {
            writer.WriteLine(row);
        }
    }

    private static StreamWriter Open(string path) =>
        new(new GZipStream(File.Create(path), CompressionLevel.SmallestSize), new UTF8Encoding(false)) { NewLine = "\n" };

    private static string Number(double value) => value.ToString("G5", CultureInfo.InvariantCulture);

    private static double[][] Combinations(IReadOnlyList<(string Name, double[] Levels)> grid)
    {
        IEnumerable<double[]> result = [[]];
        foreach ((_, double[] levels) in grid)
        {
            result = result.SelectMany(prefix => levels.Select(level => (double[])[.. prefix, level])).ToArray();
        }

        return [.. result];
    }

    private sealed class LexicographicComparer : IComparer<double[]>
    {
        public int Compare(double[]? x, double[]? y)
        {
            for (int i = 0; i < x!.Length; i++)
            {
                int c = x[i].CompareTo(y![i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }
    }
}
