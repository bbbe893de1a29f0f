using System.Numerics.Tensors;
using Tuning.Bayesian.Kernels;
using Tuning.Numerics;

namespace Tuning.Bayesian.Models;

/// <summary>
/// The negative log posterior of a Gaussian process's hyperparameters, −log p(y | X, θ) − log p(θ), with its analytic
/// gradient: what the MAP fit minimizes. θ is the kernel family's vector followed by η = log(σ_n² − floor), the noise.
/// Buffers are allocated once per fit and reused by every evaluation.
/// </summary>
/// <remarks>
/// With K = K_f + σ_n²I = LLᵀ, the constant mean m̂ of <see cref="ConstantMean"/> and α = K⁻¹(y − m̂),
/// log p(y|X,θ) = −½(y − m̂)ᵀα − Σ log L_ii − ½n log 2π, and ∂/∂θ_j = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_j) (Rasmussen and
/// Williams 2006, eqs. 2.30 and 5.9): m̂ maximizes the likelihood for each θ, so its own change with θ adds nothing to
/// the gradient (where the clamp to the targets' range holds it, it does not change at all). The kernel gives its own
/// terms from W = ααᵀ − K⁻¹ (<see cref="IKernel.LikelihoodGradient"/>); the noise term is ½ tr(W)·∂σ_n²/∂η. The
/// noise prior is <see cref="HyperparameterPrior.AddNoise"/>; with <c>fixedNoise</c> the noise stays where it starts.
/// </remarks>
internal sealed class MarginalLikelihood
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly int _n;
    private readonly IKernelFamily _family;
    private readonly double _noiseFloor;
    private readonly bool _fixedNoise;
    private readonly double[] _k, _w, _alpha, _scratch;
    private readonly CholeskyFactor _factor;

    /// <param name="x">The training rows, n×width.</param>
    /// <param name="y">The standardized targets.</param>
    /// <param name="family">The kernel family.</param>
    /// <param name="noiseFloor">The smallest noise variance.</param>
    /// <param name="fixedNoise">Whether the noise is fixed (a deterministic objective).</param>
    /// <param name="parallel">Whether the factorization and inverse may use two threads (the same results either way).</param>
    public MarginalLikelihood(double[] x, double[] y, IKernelFamily family, double noiseFloor, bool fixedNoise, bool parallel = false)
    {
        _x = x;
        _y = y;
        _n = y.Length;
        _family = family;
        _noiseFloor = noiseFloor;
        _fixedNoise = fixedNoise;
        _k = new double[_n * _n];
        _w = new double[_n * _n];
        _alpha = new double[_n];
        _scratch = new double[_n];
        _factor = new CholeskyFactor(_n) { UseParallelism = parallel };
    }

    /// <summary>Gets the number of entries of θ: the kernel family's and the noise.</summary>
    public int Count => _family.Count + 1;

    /// <summary>Evaluates the negative log posterior and its gradient; +∞ when K cannot be factored even with jitter.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int n = _n, noiseIndex = _family.Count;
        IKernel kernel = _family.Create(theta[..noiseIndex]);
        if (!Factor(kernel, _noiseFloor + Math.Exp(theta[noiseIndex])))
        {
            gradient.Clear();
            return double.PositiveInfinity;
        }

        // The constant mean is profiled out: α = K⁻¹(y − m̂) with m̂ the likelihood's maximizer for this θ.
        _factor.Solve(_y, _alpha);
        double mean = ConstantMean.Estimate(_factor, _y, _alpha, _scratch);
        double quadratic = TensorPrimitives.Dot(_y, _alpha) - (mean * TensorPrimitives.Sum(_alpha));
        double logLikelihood = (-0.5 * n * Math.Log(2 * Math.PI)) - (0.5 * _factor.LogDeterminant) - (0.5 * quadratic);

        // W = ααᵀ − K⁻¹, row by row.
        _factor.Inverse(_w);
        double traceW = 0;
        for (int a = 0; a < n; a++)
        {
            Span<double> row = _w.AsSpan(a * n, n);
            TensorPrimitives.Negate(row, row);
            TensorPrimitives.MultiplyAdd(_alpha, _alpha[a], row, row);
            traceW += row[a];
        }

        kernel.LikelihoodGradient(_x, n, _w, gradient[..noiseIndex]);
        gradient[noiseIndex] = _fixedNoise ? 0 : 0.5 * traceW * Math.Exp(theta[noiseIndex]);
        double logPrior = _family.AddLogPrior(theta[..noiseIndex], gradient[..noiseIndex]);
        logPrior += HyperparameterPrior.AddNoise(theta[noiseIndex], _noiseFloor, ref gradient[noiseIndex]);
        double logPosterior = logLikelihood + logPrior;
        if (_fixedNoise)
        {
            gradient[noiseIndex] = 0;
        }

        for (int i = 0; i < theta.Length; i++)
        {
            gradient[i] = -gradient[i];
        }

        return double.IsFinite(logPosterior) ? -logPosterior : double.PositiveInfinity;
    }

    /// <summary>Builds K and factors it, escalating jitter if rounding makes it indefinite.</summary>
    private bool Factor(IKernel kernel, double noise)
    {
        int n = _n;
        kernel.Symmetric(_x, n, _k);
        for (int i = 0; i < n; i++)
        {
            _k[(i * n) + i] += noise;
        }

        return _factor.TryFactorWithJitter(_k, n).IsSuccess;
    }
}
