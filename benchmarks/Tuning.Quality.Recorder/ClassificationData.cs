using System.Globalization;
using System.IO.Compression;
using static TorchSharp.torch;

namespace Tuning.Quality.Recorder;

/// <summary>
/// A classification data set split once into training and validation rows (seed 2026, a fifth for validation), as the
/// tensors an MLP trains on: features as float rows, labels as class indices.
/// </summary>
internal sealed class ClassificationData
{
    private ClassificationData(float[][] features, long[] labels, int classes)
    {
        int[] order = [.. Enumerable.Range(0, labels.Length)];
        new Random(2026).Shuffle(order);
        int validCount = (int)Math.Round(labels.Length * 0.2);
        int[] valid = order[..validCount], train = order[validCount..];
        Features = features[0].Length;
        Classes = classes;
        TrainX = X(train);
        TrainY = Y(train);
        ValidX = X(valid);
        ValidY = Y(valid);
        TrainCount = train.Length;
        ValidCount = valid.Length;

        Tensor X(int[] rows) => tensor(rows.SelectMany(r => features[r]).ToArray(), [rows.Length, Features]);
        Tensor Y(int[] rows) => tensor(rows.Select(r => labels[r]).ToArray());
    }

    public int Features { get; }

    public int Classes { get; }

    public int TrainCount { get; }

    public int ValidCount { get; }

    public Tensor TrainX { get; }

    public Tensor TrainY { get; }

    public Tensor ValidX { get; }

    public Tensor ValidY { get; }

    /// <summary>The 8×8 digits (<c>samples/data/digits.csv.gz</c>): 64 pixels scaled to [0, 1], 10 classes.</summary>
    public static ClassificationData Digits()
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(DataFile("digits.csv.gz")), CompressionMode.Decompress));
        var pixels = new List<float[]>();
        var labels = new List<long>();
        while (reader.ReadLine() is string line)
        {
            if (line.Length > 0)
            {
                string[] cells = line.Split(',');
                pixels.Add([.. cells[..64].Select(c => float.Parse(c, CultureInfo.InvariantCulture) / 16f)]);
                labels.Add(long.Parse(cells[64], CultureInfo.InvariantCulture));
            }
        }

        return new ClassificationData([.. pixels], [.. labels], 10);
    }

    /// <summary>
    /// The breast-cancer data (<c>samples/data/breast_cancer.csv</c>): 30 measurements, each standardized by the mean and
    /// standard deviation of all 569 rows, 2 classes.
    /// </summary>
    public static ClassificationData BreastCancer()
    {
        string[] lines = File.ReadAllLines(DataFile("breast_cancer.csv"));
        double[][] rows = [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray())];
        int features = rows[0].Length - 1;
        double[] mean = new double[features], sd = new double[features];
        for (int j = 0; j < features; j++)
        {
            mean[j] = rows.Average(r => r[j]);
            sd[j] = Math.Sqrt(rows.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
        }

        float[][] x = [.. rows.Select(r => Enumerable.Range(0, features).Select(j => (float)((r[j] - mean[j]) / sd[j])).ToArray())];
        return new ClassificationData(x, [.. rows.Select(r => (long)r[features])], 2);
    }

    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);
}
