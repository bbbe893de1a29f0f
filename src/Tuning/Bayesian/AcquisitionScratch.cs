namespace Tuning.Bayesian;

/// <summary>Reusable buffers for batched acquisition values, so scoring candidates allocates nothing per candidate.</summary>
internal sealed class AcquisitionScratch(int capacity)
{
    private double[] _buffer = [];

    public double[] Means { get; } = new double[capacity];

    public double[] Variances { get; } = new double[capacity];

    public double[] Buffer(int length)
    {
        if (_buffer.Length < length)
        {
            _buffer = new double[length];
        }

        return _buffer;
    }
}
