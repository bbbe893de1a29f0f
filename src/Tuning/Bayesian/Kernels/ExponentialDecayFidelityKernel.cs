namespace Tuning.Bayesian.Kernels;

/// <summary>
/// The fidelity part for a range fidelity on the unit coordinate u (target at 1): covariance k_x + a·k_b·D(u, u′) +
/// c·D(u, u′), with k_b the bias's own Matérn-5/2 over x, where D is the exponential-decay kernel of Swersky, Snoek and Adams ("Freeze-thaw Bayesian optimization",
/// 2014) taken relative to the target. φ = [log a, log α, log β, log c].
/// </summary>
/// <remarks>
/// <para>
/// E(u, u′) = (β / (u + u′ + β))^α is the covariance of a mixture of exponential decays e^(−λu) with rates λ ~ Gamma(α, β)
/// (Swersky et al.; BoTorch's <c>ExponentialDecayKernel</c>). D(u, u′) = E(u, u′) − E(u, 1) − E(1, u′) + E(1, 1) is the
/// covariance of that decaying process minus its value at the target, so it vanishes at the target and is positive
/// semi-definite. With the x-kernels the model says f(x, u) = g(x) + √a·B(x, u) + √c·M(u): the target value, plus a
/// bias that decays towards the target along a learning curve whose shape varies smoothly with x (B is the product of
/// the bias's x-kernel k_b and D; its own lengthscales let the bias vary on another scale, or along other parameters,
/// than the target, as in BoTorch's <c>LinearTruncatedFidelityKernel</c>: after a few epochs the loss mostly tells how
/// fast a configuration learns, a smooth trend, while the final loss has narrow basins), plus a curve M common to every x (losses after few epochs are higher everywhere; without it the
/// x-varying part has to explain the shift and the fit degenerates).
/// </para>
/// <para>
/// On a log-scaled epoch fidelity, a power-law learning curve e^(−b) is an exponential decay in u, which is why epochs
/// are best declared <c>log: true</c>; a data fraction or a simulator's accuracy on a linear scale is fitted as well, the
/// mixture being flexible (a bias proportional to 1 − u is its small-λ limit, BoTorch's downsampling kernel with
/// exponent 1).
/// </para>
/// <para>
/// Priors: log a ~ N(0, 2²) and log c ~ N(0, 2²), broad because the bias ranges from a few percent of the target's
/// variance to many times it; log α ~ N(0, 1) and log β ~ N(log 0.5, 1.5²), centring the decay rates around a few units
/// over the fidelity's range.
/// </para>
/// </remarks>
internal sealed class ExponentialDecayFidelityKernel : IFidelityKernel
{
    private static readonly double[] PriorMean = [0, 0, -0.6931471805599453, 0];
    private static readonly double[] PriorSd = [2, 1, 1.5, 2];

    private readonly double[] _phi;
    private readonly double _a, _alpha, _beta, _c;

    public ExponentialDecayFidelityKernel()
        : this(PriorMean)
    {
    }

    private ExponentialDecayFidelityKernel(ReadOnlySpan<double> phi, bool withOffset = true)
    {
        _phi = phi.ToArray();
        _a = Math.Exp(phi[0]);
        _alpha = Math.Exp(phi[1]);
        _beta = Math.Exp(phi[2]);
        _c = withOffset ? Math.Exp(phi[3]) : 0;
    }

    public int ParameterCount => 4;

    public double Target => 1;

    public bool HasBias => true;

    public double Covariance(double kx, double kb, double a, double b) => kx + (((kb * _a) + _c) * D(a, b));

    public double Scale(double a, double b) => 1;

    public double BiasScale(double a, double b) => _a * D(a, b);

    public void ParameterGradient(double kx, double kb, double a, double b, Span<double> gradient)
    {
        double ua = Clamp(a), ub = Clamp(b);
        double d = D(a, b);
        double scale = (kb * _a) + _c;
        Span<double> g = stackalloc double[2];
        Span<double> sum = stackalloc double[2];
        sum.Clear();
        foreach ((double t, double sign) in new[] { (ua + ub, 1.0), (ua + 1, -1.0), (1 + ub, -1.0), (2.0, 1.0) })
        {
            ShapeGradient(t, g);
            sum[0] += sign * g[0];
            sum[1] += sign * g[1];
        }

        gradient[0] = kb * _a * d;
        gradient[1] = scale * sum[0];
        gradient[2] = scale * sum[1];
        gradient[3] = _c * d;
    }

    public IFidelityKernel With(ReadOnlySpan<double> phi) => new ExponentialDecayFidelityKernel(phi);

    public void Initial(Span<double> phi, int variant)
    {
        PriorMean.CopyTo(phi);
        if (variant != 0)
        {
            // An alternative start with a small bias.
            phi[0] = Math.Log(0.05);
            phi[3] = Math.Log(0.05);
        }
    }

    public void Bounds(Span<double> lower, Span<double> upper)
    {
        (lower[0], upper[0]) = (Math.Log(1e-4), Math.Log(1e3));
        (lower[1], upper[1]) = (Math.Log(0.05), Math.Log(20));
        (lower[2], upper[2]) = (Math.Log(0.01), Math.Log(20));
        (lower[3], upper[3]) = (Math.Log(1e-4), Math.Log(1e3));
    }

    public double AddLogPrior(ReadOnlySpan<double> phi, Span<double> gradient)
    {
        double logPrior = 0;
        for (int k = 0; k < 4; k++)
        {
            double t = (phi[k] - PriorMean[k]) / PriorSd[k];
            logPrior -= 0.5 * t * t;
            gradient[k] += -t / PriorSd[k];
        }

        return logPrior;
    }

    public IFidelityKernel WithoutOffset() => new ExponentialDecayFidelityKernel(_phi, withOffset: false);

    public void CopyTo(Span<double> phi) => _phi.CopyTo(phi);

    private static double Clamp(double u) => Math.Clamp(u, 0, 1);

    /// <summary>E as a function of t = u + u′: (β / (t + β))^α.</summary>
    private double E(double t) => Math.Pow(_beta / (t + _beta), _alpha);

    /// <summary>∂E/∂log α and ∂E/∂log β at t.</summary>
    private void ShapeGradient(double t, Span<double> gradient)
    {
        double e = E(t), logRatio = Math.Log(_beta / (t + _beta));
        gradient[0] = _alpha * e * logRatio;
        gradient[1] = _alpha * e * (1 - (_beta / (t + _beta)));
    }

    private double D(double a, double b)
    {
        double ua = Clamp(a), ub = Clamp(b);
        return E(ua + ub) - E(ua + 1) - E(1 + ub) + E(2);
    }
}
