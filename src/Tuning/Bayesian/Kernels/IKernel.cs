namespace Tuning.Bayesian.Kernels;

/// <summary>
/// A covariance function k(p, q) with its hyperparameters fixed, over input rows of <see cref="Width"/> columns: the
/// Gaussian process's features, and for a multi-fidelity model a last column holding the fidelity coordinate.
/// </summary>
/// <remarks>
/// Buffers are row-major; a set of points is an n×<see cref="Width"/> matrix. The kernel gives what the model needs:
/// the symmetric matrix over the training rows, the cross covariance with a batch of points, the prior variance,
/// training rows prepared for one point at a time (<see cref="IKernelRows"/>), and for the fit the gradient of the log
/// marginal likelihood with respect to its own hyperparameters.
/// </remarks>
internal interface IKernel
{
    /// <summary>Gets the number of columns of an input row.</summary>
    int Width { get; }

    /// <summary>Gets the kernel's signal variance σ², the scale of its prior variance (for jitter and variance floors).</summary>
    double SignalVariance { get; }

    /// <summary>
    /// Gets a value indicating whether several threads may call the kernel at once: true when it keeps no buffers of
    /// its own between calls, so models sharing it can predict on several threads (<see cref="Models.GaussianProcess.ForAnotherThread"/>).
    /// </summary>
    bool SupportsConcurrentReads { get; }

    /// <summary>Writes K[a, b] = k(x_a, x_b) for the n rows of <paramref name="x"/> (no noise), n×n.</summary>
    void Symmetric(ReadOnlySpan<double> x, int n, Span<double> k);

    /// <summary>Writes the n×m cross covariance K[i, j] = k(x_i, z_j) between n training rows and m points.</summary>
    void Cross(ReadOnlySpan<double> x, int n, ReadOnlySpan<double> z, int m, Span<double> k);

    /// <summary>The prior variance k(z, z) of one point.</summary>
    double PriorVariance(ReadOnlySpan<double> z);

    /// <summary>Writes the prior variances k(z_j, z_j) of m points.</summary>
    void PriorVariances(ReadOnlySpan<double> z, int m, Span<double> variances);

    /// <summary>Creates an empty set of training rows for covariances with one point at a time.</summary>
    IKernelRows CreateRows(int capacity);

    /// <summary>
    /// Writes ∂L/∂θ_j = ½ Σ_ab W_ab ∂K_ab/∂θ_j for each of the kernel's own hyperparameters θ (as its
    /// <see cref="IKernelFamily"/> packs them), given W = ααᵀ − K⁻¹ (only its lower triangle is read, and it may be
    /// overwritten) — the log marginal likelihood's gradient (Rasmussen and Williams 2006, eq. 5.9).
    /// </summary>
    void LikelihoodGradient(ReadOnlySpan<double> x, int n, Span<double> w, Span<double> gradient);
}
