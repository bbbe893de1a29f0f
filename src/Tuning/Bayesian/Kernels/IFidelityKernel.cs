namespace Tuning.Bayesian.Kernels;

/// <summary>
/// The fidelity part of the multi-fidelity covariance, on a fidelity coordinate (a unit coordinate with the target at
/// 1 for a range fidelity, a task's index for tasks): given the x-kernel's value k_x(x, x′) (Matérn-5/2, unit signal),
/// it gives the covariance per unit signal variance, k_x·k_s(s, s′) + k_b·k_β(s, s′) + k_o(s, s′): the product kernel
/// with a fidelity factor k_s; for a kernel with a bias (<see cref="HasBias"/>), a second Matérn-5/2 k_b over x with
/// lengthscales of its own times a factor k_β, the bias of the cheaper fidelities, which can vary with x more smoothly
/// or along other parameters than the target; and an offset k_o that depends on the fidelities alone and models a
/// shift of the whole function between fidelities (losses after one epoch are higher everywhere). An instance holds one
/// setting φ of its hyperparameters; <see cref="With"/> makes another.
/// </summary>
internal interface IFidelityKernel
{
    /// <summary>Gets the number of hyperparameters φ (unconstrained: logs of positive quantities, or free entries).</summary>
    int ParameterCount { get; }

    /// <summary>Gets the coordinate of the target fidelity.</summary>
    double Target { get; }

    /// <summary>Gets a value indicating whether the kernel has a bias term with its own x-kernel k_b.</summary>
    bool HasBias { get; }

    /// <summary>The covariance per unit signal variance, k_x·k_s(a, b) + k_b·k_β(a, b) + k_o(a, b).</summary>
    double Covariance(double kx, double kb, double a, double b);

    /// <summary>The fidelity factor k_s(a, b), the derivative of <see cref="Covariance"/> by k_x.</summary>
    double Scale(double a, double b);

    /// <summary>The bias factor k_β(a, b), the derivative of <see cref="Covariance"/> by k_b (0 without a bias).</summary>
    double BiasScale(double a, double b);

    /// <summary>Writes ∂Covariance(k_x, k_b, a, b)/∂φ_j for every j.</summary>
    void ParameterGradient(double kx, double kb, double a, double b, Span<double> gradient);

    /// <summary>The same kernel with hyperparameters <paramref name="phi"/>.</summary>
    IFidelityKernel With(ReadOnlySpan<double> phi);

    /// <summary>Writes the hyperparameters a fit starts from (<paramref name="variant"/> 0 is the prior's centre; others are alternatives).</summary>
    void Initial(Span<double> phi, int variant);

    /// <summary>Writes the box the fit keeps φ in.</summary>
    void Bounds(Span<double> lower, Span<double> upper);

    /// <summary>Returns log p(φ) and adds ∂ log p/∂φ to <paramref name="gradient"/>.</summary>
    double AddLogPrior(ReadOnlySpan<double> phi, Span<double> gradient);

    /// <summary>The same kernel without its offset k_o: the covariance of the part of a fidelity's values that varies with x.</summary>
    IFidelityKernel WithoutOffset();

    /// <summary>Copies the current hyperparameters into <paramref name="phi"/>.</summary>
    void CopyTo(Span<double> phi);
}
