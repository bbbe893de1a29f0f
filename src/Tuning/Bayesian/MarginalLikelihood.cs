using System.Numerics.Tensors;
using Tuning.Numerics;

namespace Tuning.Bayesian;

/// <summary>
/// The negative log posterior of the hyperparameters, −log p(y | X, θ) − log p(θ), with its analytic gradient: what the
/// MAP fit minimizes. Buffers are allocated once per fit and reused by every evaluation.
/// </summary>
/// <remarks>
/// With K = K_f + σ_n²I = LLᵀ and α = K⁻¹y, log p(y|X,θ) = −½yᵀα − Σ log L_ii − ½n log 2π, and
/// ∂/∂θ_j = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_j) (Rasmussen and Williams 2006, eqs. 2.30 and 5.9). The lengthscale and signal
/// terms come from <see cref="KernelGradient"/> in one pass; the noise term is ½ tr(W)·∂σ_n²/∂θ.
/// </remarks>
internal sealed class MarginalLikelihood
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly int _n;
    private readonly FeatureMap _features;
    private readonly HyperparameterPrior _prior;
    private readonly double _noiseFloor;
    private readonly bool _fixedNoise;
    private readonly double[] _k, _w, _alpha, _columnLengthscales, _columnGradient, _parameterGradient;
    private readonly CholeskyFactor _factor;

    public MarginalLikelihood(double[] x, double[] y, FeatureMap features, HyperparameterPrior prior, double noiseFloor, bool fixedNoise)
    {
        _x = x;
        _y = y;
        _n = y.Length;
        _features = features;
        _prior = prior;
        _noiseFloor = noiseFloor;
        _fixedNoise = fixedNoise;
        _k = new double[_n * _n];
        _w = new double[_n * _n];
        _alpha = new double[_n];
        _columnLengthscales = new double[features.Columns];
        _columnGradient = new double[features.Columns];
        _parameterGradient = new double[features.Parameters];
        _factor = new CholeskyFactor(_n);
    }

    /// <summary>Evaluates the negative log posterior and its gradient; +∞ when K cannot be factored even with jitter.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        KernelHyperparameters h = KernelHyperparameters.FromVector(theta, _noiseFloor);
        int n = _n, f = _features.Columns, p = _features.Parameters;
        _features.ExpandLengthscales(h.Lengthscales, _columnLengthscales);
        if (!Factor(h))
        {
            gradient.Clear();
            return double.PositiveInfinity;
        }

        _factor.Solve(_y, _alpha);
        double logLikelihood = (-0.5 * n * Math.Log(2 * Math.PI)) - (0.5 * _factor.LogDeterminant) - (0.5 * TensorPrimitives.Dot(_y, _alpha));

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

        double signalGradient = KernelGradient.LogHyperparameterGradient(
            KernelKind.Matern52, _x, n, f, _columnLengthscales, h.SignalVariance, _w, _columnGradient);
        _features.CollapseGradient(_columnGradient, _parameterGradient);
        for (int i = 0; i < p; i++)
        {
            gradient[i] = _parameterGradient[i];
        }

        gradient[p] = signalGradient;
        gradient[p + 1] = _fixedNoise ? 0 : 0.5 * traceW * Math.Exp(theta[p + 1]);
        double logPosterior = logLikelihood + _prior.AddTo(theta, gradient, _noiseFloor);
        if (_fixedNoise)
        {
            gradient[p + 1] = 0;
        }

        for (int i = 0; i < theta.Length; i++)
        {
            gradient[i] = -gradient[i];
        }

        return double.IsFinite(logPosterior) ? -logPosterior : double.PositiveInfinity;
    }

    /// <summary>Builds K and factors it, escalating jitter if rounding makes it indefinite.</summary>
    private bool Factor(KernelHyperparameters h)
    {
        int n = _n;
        KernelMatrix.Symmetric(KernelKind.Matern52, _x, n, _features.Columns, _columnLengthscales, h.SignalVariance, _k);
        for (int i = 0; i < n; i++)
        {
            _k[(i * n) + i] += h.NoiseVariance;
        }

        return _factor.TryFactorWithJitter(_k, n).IsSuccess;
    }
}
