namespace Tuning.Bayesian.Kernels;

/// <summary>
/// Training rows prepared by a kernel for covariances with one point at a time, the inner loop of a prediction with
/// gradients: <see cref="Covariances"/> writes k(x_i, z) for every row, and then <see cref="AddSlopeSums"/> gives
/// weighted sums of their gradients with respect to the point's feature columns (never its fidelity column, which the
/// acquisition does not move continuously).
/// </summary>
internal interface IKernelRows
{
    /// <summary>Gets the number of rows.</summary>
    int Count { get; }

    /// <summary>Adds a training row.</summary>
    void Add(ReadOnlySpan<double> row);

    /// <summary>Forgets the rows after the first <paramref name="count"/>.</summary>
    void Truncate(int count);

    /// <summary>Writes k_i = k(x_i, z) for every row, and remembers z for <see cref="AddSlopeSums"/>.</summary>
    void Covariances(ReadOnlySpan<double> z, Span<double> k);

    /// <summary>
    /// For the point of the last <see cref="Covariances"/> call, adds Σ_i a_i ∂k_i/∂z_c to <paramref name="gradientA"/>[c]
    /// and Σ_i b_i ∂k_i/∂z_c to <paramref name="gradientB"/>[c], for every feature column c. <paramref name="a"/> and
    /// <paramref name="b"/> (length n) are overwritten.
    /// </summary>
    void AddSlopeSums(Span<double> a, Span<double> b, Span<double> gradientA, Span<double> gradientB);
}
