using System.Globalization;
using System.IO.Compression;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchSharpDigits;

/// <summary>
/// The digits data set (1797 8×8 images, 10 classes), read from the gzipped CSV copied next to the program, scaled to
/// [0, 1] and split once, with a fixed seed, into training and validation tensors.
/// </summary>
internal sealed class DigitsData : IDisposable
{
    private DigitsData(Tensor trainX, Tensor trainY, Tensor validX, Tensor validY)
    {
        TrainX = trainX;
        TrainY = trainY;
        ValidX = validX;
        ValidY = validY;
    }

    public const int Features = 64;

    public const int Classes = 10;

    public Tensor TrainX { get; }

    public Tensor TrainY { get; }

    public Tensor ValidX { get; }

    public Tensor ValidY { get; }

    public int TrainCount => (int)TrainY.shape[0];

    public int ValidCount => (int)ValidY.shape[0];

    /// <summary>Loads the data and holds out <paramref name="validationFraction"/> of the rows for validation.</summary>
    public static DigitsData Load(double validationFraction = 0.2, int splitSeed = 2026)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var pixels = new List<float[]>();
        var labels = new List<long>();
        while (reader.ReadLine() is string line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] cells = line.Split(',');
            pixels.Add([.. cells[..Features].Select(c => float.Parse(c, CultureInfo.InvariantCulture) / 16f)]);
            labels.Add(long.Parse(cells[Features], CultureInfo.InvariantCulture));
        }

        int[] order = [.. Enumerable.Range(0, labels.Count)];
        new Random(splitSeed).Shuffle(order);
        int validCount = (int)Math.Round(labels.Count * validationFraction);
        int[] valid = order[..validCount];
        int[] train = order[validCount..];
        return new DigitsData(X(train), Y(train), X(valid), Y(valid));

        Tensor X(int[] rows) => tensor(rows.SelectMany(r => pixels[r]).ToArray(), [rows.Length, Features]);
        Tensor Y(int[] rows) => tensor(rows.Select(r => labels[r]).ToArray());
    }

    public void Dispose()
    {
        TrainX.Dispose();
        TrainY.Dispose();
        ValidX.Dispose();
        ValidY.Dispose();
    }
}
