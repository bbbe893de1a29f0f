namespace Tuning.Bayesian.Models;

/// <summary>Input rows of a model over (x, s): the features of a point followed by its fidelity coordinate.</summary>
internal static class FidelityRows
{
    /// <summary>The row of one point.</summary>
    public static double[] Row(ReadOnlySpan<double> features, double coordinate)
    {
        double[] row = new double[features.Length + 1];
        features.CopyTo(row);
        row[^1] = coordinate;
        return row;
    }

    /// <summary>The rows of n points (features n×f) all at one fidelity coordinate.</summary>
    public static double[] AtLevel(ReadOnlySpan<double> features, int n, int f, double coordinate)
    {
        double[] rows = new double[n * (f + 1)];
        WriteAtLevel(features, n, f, coordinate, rows);
        return rows;
    }

    /// <summary>
    /// Writes the rows of n points (features n×f) all at one fidelity coordinate into <paramref name="rows"/>, which
    /// holds at least n×(f + 1) values: for acquisitions that score thousands of candidates at a level, in a buffer they keep.
    /// </summary>
    public static void WriteAtLevel(ReadOnlySpan<double> features, int n, int f, double coordinate, Span<double> rows)
    {
        for (int i = 0; i < n; i++)
        {
            features.Slice(i * f, f).CopyTo(rows.Slice(i * (f + 1), f));
            rows[(i * (f + 1)) + f] = coordinate;
        }
    }

    /// <summary>The rows of n points (features n×f), each at its own coordinate.</summary>
    public static double[] Each(ReadOnlySpan<double> features, ReadOnlySpan<double> coordinates, int f)
    {
        int n = coordinates.Length;
        double[] rows = AtLevel(features, n, f, 0);
        for (int i = 0; i < n; i++)
        {
            rows[(i * (f + 1)) + f] = coordinates[i];
        }

        return rows;
    }
}
