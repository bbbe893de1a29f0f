namespace Tuning.Bayesian.Acquisitions;

/// <summary>A function of the GP features that an acquisition optimizer maximizes.</summary>
internal interface IAcquisition
{
    /// <summary>The acquisition at one point; writes its gradient with respect to the features unless <paramref name="gradient"/> is empty.</summary>
    double Value(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>The acquisition at m points (m×f, row-major), batched; <paramref name="scratch"/> has room for m points.</summary>
    void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch);
}
