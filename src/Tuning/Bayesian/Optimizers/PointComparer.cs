namespace Tuning.Bayesian.Optimizers;

/// <summary>Compares canonical unit points by value (NaN equal to NaN), so duplicates can be recognized.</summary>
internal sealed class PointComparer : IEqualityComparer<double[]>
{
    public static PointComparer Instance { get; } = new();

    public bool Equals(double[]? x, double[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(double[] obj)
    {
        var hash = default(HashCode);
        foreach (double v in obj)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }
}
