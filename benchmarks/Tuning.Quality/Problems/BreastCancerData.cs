using System.Globalization;

namespace Tuning.Quality.Problems;

/// <summary>The breast-cancer data (569 × 30, labels 0/1), read from <c>samples/data/breast_cancer.csv</c> copied next to the suite.</summary>
internal sealed class BreastCancerData
{
    private BreastCancerData(double[][] features, int[] labels)
    {
        Features = features;
        Labels = labels;
    }

    public static BreastCancerData Instance { get; } = Load();

    public double[][] Features { get; }

    public int[] Labels { get; }

    private static BreastCancerData Load()
    {
        string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));
        double[][] rows = [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray())];
        return new BreastCancerData([.. rows.Select(r => r[..^1])], [.. rows.Select(r => (int)r[^1])]);
    }
}
