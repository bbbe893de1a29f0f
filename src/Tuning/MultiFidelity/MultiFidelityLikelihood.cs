using Tuning.Bayesian;
using Tuning.Numerics;

namespace Tuning.MultiFidelity;

/// <summary>
/// The negative log posterior of the multi-fidelity GP's hyperparameters, −log p(y | X, s, θ) − log p(θ), with its
/// analytic gradient, for the MAP fit. The kernel is K = σ²·(K_x ∘ K_s + K_o) + σ_n²I (∘ the elementwise product;
/// see <see cref="IFidelityKernel"/>), plus σ²·K_b ∘ K_β for a fidelity kernel with a bias.
/// </summary>
/// <remarks>
/// As for the single-fidelity GP (Rasmussen and Williams 2006, eqs. 2.30 and 5.9), with W = ααᵀ − K⁻¹ every
/// derivative is ½ Σ_ab W_ab ∂K_ab/∂θ. Because K_s and K_o do not depend on the lengthscales, those derivatives are the
/// single-fidelity ones with W replaced by W ∘ K_s, which <see cref="KernelGradient"/> computes in one SIMD pass; σ²
/// takes ½ Σ_ab W_ab K_ab and the fidelity hyperparameters ½ Σ_ab W_ab σ² ∂(K_x ∘ K_s + K_o)_ab/∂φ_j. The
/// lengthscale, signal and noise priors are the single-fidelity GP's (<see cref="HyperparameterPrior"/>); the fidelity
/// kernel brings its own. The bias's lengthscales take W ∘ K_β in the same way, and the target's lengthscale prior.
/// </remarks>
internal sealed class MultiFidelityLikelihood
{
    private readonly double[] _x, _s, _y;
    private readonly int _n;
    private readonly FeatureMap _features;
    private readonly IFidelityKernel _template;
    private readonly HyperparameterPrior _prior;
    private readonly double _noiseFloor;
    private readonly double[] _kx, _ks, _kc, _k, _w, _alpha, _columnLengthscales, _columnGradient, _parameterGradient, _fidelityGradient;
    private readonly double[] _kb, _kbs, _wb;
    private readonly double[] _priorTheta, _priorGradient;

    public MultiFidelityLikelihood(double[] x, double[] s, double[] y, FeatureMap features, IFidelityKernel template, double noiseFloor)
    {
        _x = x;
        _s = s;
        _y = y;
        _n = y.Length;
        _features = features;
        _template = template;
        _prior = new HyperparameterPrior(features.Parameters);
        _noiseFloor = noiseFloor;
        int n = _n;
        _kx = new double[n * n];
        _ks = new double[n * n];
        _kc = new double[n * n];
        _k = new double[n * n];
        _w = new double[n * n];
        _kb = template.HasBias ? new double[n * n] : [];
        _kbs = template.HasBias ? new double[n * n] : [];
        _wb = template.HasBias ? new double[n * n] : [];
        _alpha = new double[n];
        _columnLengthscales = new double[features.Columns];
        _columnGradient = new double[features.Columns];
        _parameterGradient = new double[features.Parameters];
        _fidelityGradient = new double[template.ParameterCount];
        _priorTheta = new double[features.Parameters + 2];
        _priorGradient = new double[features.Parameters + 2];
    }

    /// <summary>Evaluates the negative log posterior and its gradient; +∞ when K cannot be factored even with jitter.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int n = _n, p = _features.Parameters, q = _template.ParameterCount;
        MultiFidelityHyperparameters h = MultiFidelityHyperparameters.FromVector(theta, p, _template, _noiseFloor);
        _features.ExpandLengthscales(h.Lengthscales, _columnLengthscales);
        KernelMatrix.Symmetric(KernelKind.Matern52, _x, n, _features.Columns, _columnLengthscales, 1, _kx);
        bool hasBias = _template.HasBias;
        double[] kb = _kx;
        if (hasBias)
        {
            _features.ExpandLengthscales(h.BiasOrTargetLengthscales, _columnLengthscales);
            KernelMatrix.Symmetric(KernelKind.Matern52, _x, n, _features.Columns, _columnLengthscales, 1, _kb);
            kb = _kb;
        }

        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double scale = h.Fidelity.Scale(_s[a], _s[b]), covariance = h.Fidelity.Covariance(_kx[(a * n) + b], kb[(a * n) + b], _s[a], _s[b]);
                if (hasBias)
                {
                    _kbs[(a * n) + b] = h.Fidelity.BiasScale(_s[a], _s[b]);
                }

                _ks[(a * n) + b] = scale;
                _ks[(b * n) + a] = scale;
                _kc[(a * n) + b] = covariance;
                _kc[(b * n) + a] = covariance;
            }
        }

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

        // W = ααᵀ − K⁻¹, with K⁻¹ from two multi-right-hand-side solves against the identity.
        Array.Clear(_w);
        for (int i = 0; i < n; i++)
        {
            _w[(i * n) + i] = 1;
        }

        TriangularSolve.SolveLowerMany(_k, n, n, _w, n);
        TriangularSolve.SolveLowerTransposedMany(_k, n, n, _w, n);
        double traceW = 0, signalGradient = 0;
        gradient.Clear();
        _fidelityGradient.AsSpan().Clear();
        Span<double> dks = stackalloc double[q];
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                int ab = (a * n) + b;
                double w = (_alpha[a] * _alpha[b]) - _w[ab];
                h.Fidelity.ParameterGradient(_kx[ab], kb[ab], _s[a], _s[b], dks);
                double weight = (a == b ? 0.5 : 1) * w * h.SignalVariance;
                for (int j = 0; j < q; j++)
                {
                    gradient[p + j] += weight * dks[j];
                }

                signalGradient += weight * _kc[ab];

                if (hasBias)
                {
                    _wb[ab] = w * _kbs[ab]; // W ∘ K_β for the bias's lengthscales
                }

                _w[ab] = w * _ks[ab]; // the lower triangle now holds W ∘ K_s for the kernel gradient
                if (a == b)
                {
                    traceW += w;
                }
            }
        }

        int biasIndex = MultiFidelityHyperparameters.BiasIndex(p, _template);
        double logPrior = 0;
        if (hasBias)
        {
            // _columnLengthscales still holds the bias's lengthscales.
            _ = KernelGradient.LogHyperparameterGradient(
                KernelKind.Matern52, _x, n, _features.Columns, _columnLengthscales, h.SignalVariance, _wb, _columnGradient);
            _features.CollapseGradient(_columnGradient, _parameterGradient);
            _parameterGradient.AsSpan().CopyTo(gradient.Slice(biasIndex, p));
            logPrior += _prior.AddLengthscales(theta.Slice(biasIndex, p), gradient.Slice(biasIndex, p));

            _features.ExpandLengthscales(h.Lengthscales, _columnLengthscales);
        }

        _ = KernelGradient.LogHyperparameterGradient(
            KernelKind.Matern52, _x, n, _features.Columns, _columnLengthscales, h.SignalVariance, _w, _columnGradient);
        _features.CollapseGradient(_columnGradient, _parameterGradient);
        for (int i = 0; i < p; i++)
        {
            gradient[i] = _parameterGradient[i];
        }

        int sIndex = p + q;
        gradient[sIndex] = signalGradient;
        gradient[sIndex + 1] = 0.5 * traceW * Math.Exp(theta[sIndex + 1]);

        // Priors: the single-fidelity GP's on [log ℓ, log σ², noise], the fidelity kernel's own on φ.
        theta[..p].CopyTo(_priorTheta);
        _priorTheta[p] = theta[sIndex];
        _priorTheta[p + 1] = theta[sIndex + 1];
        _priorGradient.AsSpan().Clear();
        logPrior += _prior.AddTo(_priorTheta, _priorGradient, _noiseFloor);
        for (int i = 0; i < p; i++)
        {
            gradient[i] += _priorGradient[i];
        }

        gradient[sIndex] += _priorGradient[p];
        gradient[sIndex + 1] += _priorGradient[p + 1];
        logPrior += h.Fidelity.AddLogPrior(theta.Slice(p, q), gradient.Slice(p, q));

        for (int i = 0; i < theta.Length; i++)
        {
            gradient[i] = -gradient[i];
        }

        double logPosterior = logLikelihood + logPrior;
        return double.IsFinite(logPosterior) ? -logPosterior : double.PositiveInfinity;
    }

    /// <summary>Builds K from K_x and K_s and factors it in place, escalating jitter if rounding makes it indefinite.</summary>
    private bool Factor(MultiFidelityHyperparameters h)
    {
        int n = _n;
        double jitter = 0, scale = h.SignalVariance + h.NoiseVariance;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            for (int i = 0; i < n * n; i++)
            {
                _k[i] = h.SignalVariance * _kc[i];
            }

            for (int i = 0; i < n; i++)
            {
                _k[(i * n) + i] += h.NoiseVariance + jitter;
            }

            if (Cholesky.Factor(_k, n, n).IsSuccess)
            {
                return true;
            }

            jitter = jitter == 0 ? 1e-10 * scale : jitter * 10;
            if (jitter > 1e-2 * scale)
            {
                break;
            }
        }

        return false;
    }
}
