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

        _y.CopyTo(_alpha, 0);
        TriangularSolve.SolveLower(_k, n, n, _alpha);
        TriangularSolve.SolveLowerTransposed(_k, n, n, _alpha);
        double logLikelihood = -0.5 * n * Math.Log(2 * Math.PI);
        for (int i = 0; i < n; i++)
        {
            logLikelihood -= (0.5 * _y[i] * _alpha[i]) + Math.Log(_k[(i * n) + i]);
        }

        // W = ααᵀ − K⁻¹, with K⁻¹ = L⁻ᵀL⁻¹ from two multi-right-hand-side solves against the identity.
        Array.Clear(_w);
        for (int i = 0; i < n; i++)
        {
            _w[(i * n) + i] = 1;
        }

        TriangularSolve.SolveLowerMany(_k, n, n, _w, n);
        TriangularSolve.SolveLowerTransposedMany(_k, n, n, _w, n);
        double traceW = 0;
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                _w[(a * n) + b] = (_alpha[a] * _alpha[b]) - _w[(a * n) + b];
            }

            traceW += _w[(a * n) + a];
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

    /// <summary>Builds K and factors it in place, escalating jitter if rounding makes it indefinite.</summary>
    private bool Factor(KernelHyperparameters h)
    {
        int n = _n;
        double jitter = 0;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            KernelMatrix.Symmetric(KernelKind.Matern52, _x, n, _features.Columns, _columnLengthscales, h.SignalVariance, _k);
            for (int i = 0; i < n; i++)
            {
                _k[(i * n) + i] += h.NoiseVariance + jitter;
            }

            if (Cholesky.Factor(_k, n, n).IsSuccess)
            {
                return true;
            }

            jitter = jitter == 0 ? 1e-10 * (h.SignalVariance + h.NoiseVariance) : jitter * 10;
            if (jitter > 1e-2 * (h.SignalVariance + h.NoiseVariance))
            {
                break;
            }
        }

        return false;
    }
}
