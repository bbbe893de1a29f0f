using Microsoft.ML.Data;

namespace MLNetSample;

/// <summary>
/// One row of <c>samples/data/breast_cancer.csv</c> (copied next to the program): 30 features and whether the tumour
/// is benign (1) or malignant (0). The file's first line is a header (<c>569,30,malignant,benign</c>).
/// </summary>
public sealed class BreastCancerRow
{
    /// <summary>Gets the CSV's path next to the program.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");

    [LoadColumn(0, 29)]
    [VectorType(30)]
    public float[] Features { get; set; } = [];

    [LoadColumn(30)]
    public bool Label { get; set; }
}
