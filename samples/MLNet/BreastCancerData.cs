using System.Globalization;
using Microsoft.ML.Data;

namespace MLNetSample;

/// <summary>One row of the breast-cancer data: 30 features and whether the tumour is benign.</summary>
public sealed class BreastCancerRow
{
    /// <summary>The number of features of every row.</summary>
    public const int FeatureCount = 30;

    [VectorType(FeatureCount)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

/// <summary>
/// Reads <c>samples/data/breast_cancer.csv</c> (copied next to the program): a first line <c>rows,features,class names…</c>,
/// then 30 numbers and the 0/1 label per row.
/// </summary>
public static class BreastCancerData
{
    /// <summary>Gets the CSV's path next to the program.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");

    public static IReadOnlyList<BreastCancerRow> Load(string? path = null)
    {
        string[] lines = File.ReadAllLines(path ?? DefaultPath);
        string[] header = lines[0].Split(',');
        int rows = int.Parse(header[0], CultureInfo.InvariantCulture);
        int features = int.Parse(header[1], CultureInfo.InvariantCulture);
        if (features != BreastCancerRow.FeatureCount || lines.Length - 1 != rows)
        {
            throw new InvalidDataException($"Expected {rows} rows of {BreastCancerRow.FeatureCount} features; the file has {lines.Length - 1} rows of {features}.");
        }

        return [.. lines.Skip(1).Select(line =>
        {
            string[] cells = line.Split(',');
            return new BreastCancerRow
            {
                Features = [.. cells[..^1].Select(c => float.Parse(c, CultureInfo.InvariantCulture))],
                Label = cells[^1] == "1",
            };
        })];
    }
}
