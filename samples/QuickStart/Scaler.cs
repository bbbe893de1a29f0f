namespace QuickStart;

/// <summary>Feature scaling fitted on the training rows only: standardization or min–max.</summary>
internal sealed class Scaler
{
    private readonly double[] _offset;
    private readonly double[] _scale;

    private Scaler(double[] offset, double[] scale)
    {
        _offset = offset;
        _scale = scale;
    }

    public static Scaler Fit(double[][] features, int[] rows, string kind)
    {
        int d = features[0].Length;
        var offset = new double[d];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double[] column = [.. rows.Select(r => features[r][j])];
            if (kind == "minmax")
            {
                offset[j] = column.Min();
                scale[j] = Math.Max(column.Max() - column.Min(), 1e-12);
            }
            else
            {
                offset[j] = column.Average();
                scale[j] = Math.Max(Math.Sqrt(column.Average(v => (v - offset[j]) * (v - offset[j]))), 1e-12);
            }
        }

        return new Scaler(offset, scale);
    }

    public void Transform(double[] row, double[] destination)
    {
        for (int j = 0; j < row.Length; j++)
        {
            destination[j] = (row[j] - _offset[j]) / _scale[j];
        }
    }
}
