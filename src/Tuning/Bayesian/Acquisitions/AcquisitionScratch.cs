using System.Buffers;

namespace Tuning.Bayesian.Acquisitions;

/// <summary>
/// Reusable buffers for batched acquisition values, so scoring candidates allocates nothing per candidate, and the
/// large n×m cross-covariance block is rented from the shared pool instead of allocated per ask.
/// </summary>
internal sealed class AcquisitionScratch
{
    private double[] _block = [];

    public double[] Means { get; private set; } = [];

    public double[] Variances { get; private set; } = [];

    /// <summary>Gets spare room for sort keys, one per candidate.</summary>
    public double[] Keys { get; private set; } = [];

    /// <summary>Makes room for <paramref name="points"/> points at once.</summary>
    public void Reserve(int points)
    {
        if (Means.Length < points)
        {
            Means = new double[points];
            Variances = new double[points];
            Keys = new double[points];
        }
    }

    /// <summary>A buffer of at least <paramref name="length"/> values, valid until the next call.</summary>
    public double[] Block(int length)
    {
        if (_block.Length < length)
        {
            if (_block.Length > 0)
            {
                ArrayPool<double>.Shared.Return(_block);
            }

            _block = ArrayPool<double>.Shared.Rent(length);
        }

        return _block;
    }
}
