namespace Tuning.Bayesian.Acquisitions;

/// <summary>A function of the GP features that an acquisition optimizer maximizes.</summary>
internal interface IAcquisition
{
    /// <summary>The acquisition at one point; writes its gradient with respect to the features unless <paramref name="gradient"/> is empty.</summary>
    double Value(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>The acquisition at m points (m×f, row-major), batched; <paramref name="scratch"/> has room for m points.</summary>
    void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch);

    /// <summary>
    /// An acquisition with the same values, reading the same models through buffers of its own, so that another
    /// thread can evaluate it while this one is evaluated; valid only while the models are unchanged.
    /// </summary>
    /// <returns>The copy, or null when this acquisition cannot be evaluated on two threads at once (the default).</returns>
    IAcquisition? ForAnotherThread() => null;
}
