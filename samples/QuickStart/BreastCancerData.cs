using System.Globalization;

namespace QuickStart;

/// <summary>The breast-cancer data set (569 × 30), read from the CSV copied next to the program.</summary>
internal sealed class BreastCancerData
{
    private BreastCancerData(double[][] features, int[] labels)
    {
        Features = features;
        Labels = labels;
    }

    public double[][] Features { get; }

    public int[] Labels { get; }

    public int Count => Labels.Length;

    public static BreastCancerData Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");
        string[] lines = File.ReadAllLines(path);
        var features = new List<double[]>();
        var labels = new List<int>();
        foreach (string line in lines.Skip(1))
        {
            double[] cells = [.. line.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture))];
            features.Add(cells[..^1]);
            labels.Add((int)cells[^1]);
        }

        return new BreastCancerData([.. features], [.. labels]);
    }
}
