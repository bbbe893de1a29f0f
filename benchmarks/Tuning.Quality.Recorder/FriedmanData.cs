namespace Tuning.Quality.Recorder;

/// <summary>
/// Friedman's first regression problem (J. H. Friedman, "Multivariate adaptive regression splines", Annals of
/// Statistics 19(1), 1991): ten features drawn uniformly from [0, 1], of which the first five matter,
/// y = 10 sin(π x₁ x₂) + 20 (x₃ − ½)² + 10 x₄ + 5 x₅ + ε with ε ~ N(0, 1). A data set as large as a user's may be,
/// generated, since the data sets at hand are small.
/// </summary>
internal static class FriedmanData
{
    /// <summary>Generates <paramref name="rows"/> rows from one seeded stream.</summary>
    public static (float[][] X, float[] Y) Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows][];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            double[] features = [.. Enumerable.Range(0, 10).Select(_ => random.NextDouble())];
            double noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            x[r] = [.. features.Select(f => (float)f)];
            y[r] = (float)((10 * Math.Sin(Math.PI * features[0] * features[1])) + (20 * Math.Pow(features[2] - 0.5, 2))
                + (10 * features[3]) + (5 * features[4]) + noise);
        }

        return (x, y);
    }
}
