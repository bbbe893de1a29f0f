namespace Tuning.MultiFidelity;

/// <summary>
/// The fidelity factor k_s of the multi-fidelity kernel k((x, s), (x′, s′)) = σ²·k_x(x, x′)·k_s(s, s′), on a fidelity
/// coordinate: a unit coordinate with the target at 1 for a range fidelity, a task's index for tasks. An instance holds
/// one setting φ of its hyperparameters; <see cref="With"/> makes another.
/// </summary>
internal interface IFidelityKernel
{
    /// <summary>Gets the number of hyperparameters φ (unconstrained: logs of positive quantities).</summary>
    int ParameterCount { get; }

    /// <summary>Gets the coordinate of the target fidelity.</summary>
    double Target { get; }

    /// <summary>Gets a value indicating whether the coordinate is continuous, so that <see cref="DerivativeInSecond"/> means something.</summary>
    bool IsContinuous { get; }

    /// <summary>k_s(a, b).</summary>
    double Value(double a, double b);

    /// <summary>∂k_s(a, b)/∂b (0 for a discrete coordinate).</summary>
    double DerivativeInSecond(double a, double b);

    /// <summary>d k_s(a, a)/da (0 for a discrete coordinate).</summary>
    double DiagonalDerivative(double a);

    /// <summary>Writes ∂k_s(a, b)/∂φ_j for every j.</summary>
    void ParameterGradient(double a, double b, Span<double> gradient);

    /// <summary>The same kernel with hyperparameters <paramref name="phi"/>.</summary>
    IFidelityKernel With(ReadOnlySpan<double> phi);

    /// <summary>Writes the hyperparameters a fit starts from (<paramref name="variant"/> 0 is the prior's centre; others are alternatives).</summary>
    void Initial(Span<double> phi, int variant);

    /// <summary>Writes the box the fit keeps φ in.</summary>
    void Bounds(Span<double> lower, Span<double> upper);

    /// <summary>Returns log p(φ) and adds ∂ log p/∂φ to <paramref name="gradient"/>.</summary>
    double AddLogPrior(ReadOnlySpan<double> phi, Span<double> gradient);

    /// <summary>Copies the current hyperparameters into <paramref name="phi"/>.</summary>
    void CopyTo(Span<double> phi);
}
