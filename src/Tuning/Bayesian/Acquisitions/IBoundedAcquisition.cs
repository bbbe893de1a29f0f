namespace Tuning.Bayesian.Acquisitions;

/// <summary>
/// An acquisition that can bound its values from above more cheaply than it computes them, so that the search scores
/// exactly only the candidates that could rank among the best.
/// </summary>
internal interface IBoundedAcquisition : IAcquisition
{
    /// <summary>
    /// Writes an upper bound on the acquisition at each of m points (m×f, row-major); returns false, writing nothing,
    /// when this instance cannot bound its values.
    /// </summary>
    bool UpperBounds(ReadOnlySpan<double> points, int m, Span<double> bounds, AcquisitionScratch scratch);
}
