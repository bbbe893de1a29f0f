namespace Tuning.MultiFidelity;

/// <summary>
/// The fidelity factor for a range fidelity on the unit coordinate u (target at 1): k_s(u, u′) = 1 + a·(w·w′)^p with
/// w = 1 − u, the distance from the target. φ = [log a, log p].
/// </summary>
/// <remarks>
/// <para>
/// This is the downsampling kernel of Wu, Toscano-Palmerin, Frazier and Wilson ("Practical multi-fidelity Bayesian
/// optimization for hyperparameter tuning", UAI 2019; BoTorch's <c>DownsamplingKernel</c>, c + (1 − s)^(1+δ)(1 − s′)^(1+δ)),
/// scaled so the target's factor is 1. With the x-kernel it says f(x, u) = g(x) + √a·w(u)^p·h(x) for independent GPs
/// g and h: the value at a fidelity is the target value plus a bias that decays to nothing at the target, as a power
/// of the distance to it. The prior correlation between a fidelity and the target is 1/√(1 + a·w^(2p)), learned
/// through a (how large the bias is at the lowest fidelity) and p (how fast it vanishes).
/// </para>
/// <para>
/// Priors: log a ~ N(0, 2²), broad because the bias ranges from a few percent of the target's variance (a small change of
/// a simulator) to many times it (one epoch of training); log p ~ N(log 2, 0.75²), with p kept in [1, 10] so the
/// kernel stays differentiable at the target.
/// </para>
/// </remarks>
internal sealed class DecayFidelityKernel : IFidelityKernel
{
    private const double LogAMean = 0, LogASd = 2, LogPMean = 0.6931471805599453, LogPSd = 0.75;

    private readonly double _a, _p, _logA, _logP;

    public DecayFidelityKernel()
        : this(LogAMean, LogPMean)
    {
    }

    private DecayFidelityKernel(double logA, double logP)
    {
        _logA = logA;
        _logP = logP;
        _a = Math.Exp(logA);
        _p = Math.Exp(logP);
    }

    public int ParameterCount => 2;

    public double Target => 1;

    public bool IsContinuous => true;

    /// <summary>Gets a, the bias variance at the lowest fidelity relative to the target's variance.</summary>
    public double BiasVariance => _a;

    /// <summary>Gets p, the power at which the bias decays towards the target.</summary>
    public double Power => _p;

    public double Value(double a, double b) => 1 + (_a * Math.Pow(W(a) * W(b), _p));

    public double DerivativeInSecond(double a, double b)
    {
        double wb = W(b);
        return wb <= 0 && _p > 1 ? 0 : -_a * Math.Pow(W(a), _p) * _p * Math.Pow(wb, _p - 1);
    }

    public double DiagonalDerivative(double a)
    {
        double w = W(a);
        return w <= 0 && _p > 0.5 ? 0 : -2 * _a * _p * Math.Pow(w, (2 * _p) - 1);
    }

    public void ParameterGradient(double a, double b, Span<double> gradient)
    {
        double product = W(a) * W(b);
        double bias = product > 0 ? _a * Math.Pow(product, _p) : 0;
        gradient[0] = bias;
        gradient[1] = product > 0 ? bias * _p * Math.Log(product) : 0;
    }

    public IFidelityKernel With(ReadOnlySpan<double> phi) => new DecayFidelityKernel(phi[0], phi[1]);

    public void Initial(Span<double> phi, int variant)
    {
        phi[0] = variant == 0 ? LogAMean : Math.Log(0.05);
        phi[1] = LogPMean;
    }

    public void Bounds(Span<double> lower, Span<double> upper)
    {
        (lower[0], upper[0]) = (Math.Log(1e-4), Math.Log(1e3));
        (lower[1], upper[1]) = (0, Math.Log(10));
    }

    public double AddLogPrior(ReadOnlySpan<double> phi, Span<double> gradient)
    {
        double ta = (phi[0] - LogAMean) / LogASd, tp = (phi[1] - LogPMean) / LogPSd;
        gradient[0] += -ta / LogASd;
        gradient[1] += -tp / LogPSd;
        return -0.5 * ((ta * ta) + (tp * tp));
    }

    public void CopyTo(Span<double> phi)
    {
        phi[0] = _logA;
        phi[1] = _logP;
    }

    private static double W(double u) => Math.Clamp(1 - u, 0, 1);
}
