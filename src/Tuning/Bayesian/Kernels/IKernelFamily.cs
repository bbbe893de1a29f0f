namespace Tuning.Bayesian.Kernels;

/// <summary>
/// A family of kernels indexed by a hyperparameter vector θ (logs of positive quantities, or free entries): its size,
/// the box the fit keeps it in, its prior, where a fit starts, and the kernel each θ gives. The model's noise is not
/// part of θ here; the likelihood appends it.
/// </summary>
internal interface IKernelFamily
{
    /// <summary>Gets the number of hyperparameters.</summary>
    int Count { get; }

    /// <summary>Gets the number of different starting points a cold fit tries (<see cref="Initial"/>'s variants).</summary>
    int Starts { get; }

    /// <summary>Gets the number of columns of an input row of its kernels.</summary>
    int Width { get; }

    /// <summary>The kernel with hyperparameters <paramref name="theta"/>.</summary>
    IKernel Create(ReadOnlySpan<double> theta);

    /// <summary>Writes the box the fit keeps θ in.</summary>
    void Bounds(Span<double> lower, Span<double> upper);

    /// <summary>Writes a starting point of a fit: variant 0 is the prior's centre, others alternatives.</summary>
    void Initial(Span<double> theta, int variant);

    /// <summary>Returns log p(θ) and adds ∂ log p/∂θ to <paramref name="gradient"/>.</summary>
    double AddLogPrior(ReadOnlySpan<double> theta, Span<double> gradient);
}
