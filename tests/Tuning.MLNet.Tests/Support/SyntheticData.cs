using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tuning.MLNet.Tests.Support;

/// <summary>Small data sets for each task, made from a fixed seed: four features, a learnable label with some noise.</summary>
internal static class SyntheticData
{
    public const int FeatureCount = 4;

    public static IDataView Binary(MLContext ml, int rows = 150, int seed = 1) =>
        ml.Data.LoadFromEnumerable(Rows(rows, seed).Select(r => new BinaryRow { Features = r.X, Label = r.Signal + r.Noise > 0 }));

    public static IDataView Regression(MLContext ml, int rows = 150, int seed = 1) =>
        ml.Data.LoadFromEnumerable(Rows(rows, seed).Select(r => new RegressionRow { Features = r.X, Label = (float)(r.Signal + r.Noise) }));

    /// <summary>Three classes in a string column <c>Class</c>; the featurizer <see cref="MulticlassFeaturizer"/> maps it to a key-typed <c>Label</c>.</summary>
    public static IDataView Multiclass(MLContext ml, int rows = 150, int seed = 1) =>
        ml.Data.LoadFromEnumerable(Rows(rows, seed).Select(r => new MulticlassRow
        {
            Features = r.X,
            Class = (r.Signal + r.Noise) switch { < -0.5 => "low", < 0.5 => "middle", _ => "high" },
        }));

    public static IEstimator<ITransformer> MulticlassFeaturizer(MLContext ml) => ml.Transforms.Conversion.MapValueToKey("Label", nameof(MulticlassRow.Class));

    private static IEnumerable<(float[] X, double Signal, double Noise)> Rows(int rows, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < rows; i++)
        {
            float[] x = [.. Enumerable.Range(0, FeatureCount).Select(_ => (float)((random.NextDouble() * 2) - 1))];
            yield return (x, (1.5 * x[0]) - x[1] + (0.5 * x[2] * x[3]), 0.3 * ((random.NextDouble() * 2) - 1));
        }
    }

    internal sealed class BinaryRow
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    internal sealed class RegressionRow
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    internal sealed class MulticlassRow
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        public string Class { get; set; } = string.Empty;
    }
}
