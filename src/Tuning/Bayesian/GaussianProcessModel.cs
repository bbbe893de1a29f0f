using System.Numerics.Tensors;
using Tuning.Numerics;

namespace Tuning.Bayesian;

/// <summary>
/// A Gaussian process conditioned on its data: the Cholesky factor of K + σ_n²I and α = K⁻¹y, ready to predict the
/// latent mean and variance anywhere — for one point with gradients, or for a batch with SIMD across the batch.
/// Points can be appended (pending evaluations under the kriging believer) by extending the factor in O(n²).
/// </summary>
/// <remarks>
/// The training points are also kept scaled by their lengthscales and transposed (z_ci = x_ic/ℓ_c, one row per
/// feature), so a single prediction is a few vector operations over the n training points: the squared distances, one
/// vectorized exp, two dot products and, for the gradient, one dot product per feature
/// (∂k_i/∂x_c = ∂k_i/∂r²·2(z_c − z_ic)/ℓ_c). Nothing is allocated per prediction.
/// </remarks>
internal sealed class GaussianProcessModel
{
    private const double Sqrt5 = 2.23606797749979;

    private readonly int _f;
    private readonly double[] _lengthscales; // per feature
    private readonly CholeskyFactor _factor;
    private readonly double _signal;
    private int _capacity;
    private double[] _x;      // capacity×f, row-major
    private double[] _zt;     // f×capacity: scaled, transposed
    private double[] _y, _alpha, _r, _k, _v, _w, _zx;

    private GaussianProcessModel(FeatureMap features, KernelHyperparameters hyperparameters, double[] x, double[] y, CholeskyFactor factor)
    {
        _f = features.Columns;
        Hyperparameters = hyperparameters;
        _signal = hyperparameters.SignalVariance;
        _lengthscales = new double[_f];
        features.ExpandLengthscales(hyperparameters.Lengthscales, _lengthscales);
        _factor = factor;
        Count = y.Length;
        _capacity = Math.Max(Count, 1);
        _x = x;
        _y = y;
        _zt = new double[_f * _capacity];
        for (int i = 0; i < Count; i++)
        {
            for (int c = 0; c < _f; c++)
            {
                _zt[(c * _capacity) + i] = x[(i * _f) + c] / _lengthscales[c];
            }
        }

        _alpha = new double[_capacity];
        _r = new double[_capacity];
        _k = new double[_capacity];
        _v = new double[_capacity];
        _w = new double[_capacity];
        _zx = new double[_f];
        SolveAlpha();
    }

    public KernelHyperparameters Hyperparameters { get; }

    /// <summary>Gets the number of conditioning points (observations and pending points).</summary>
    public int Count { get; private set; }

    private double MinimumVariance => 1e-12 * _signal;

    /// <summary>Conditions a GP with the given hyperparameters on (x, y); null if K cannot be factored even with jitter.</summary>
    public static GaussianProcessModel? Create(FeatureMap features, KernelHyperparameters h, double[] x, double[] y)
    {
        int n = y.Length, f = features.Columns;
        double[] lengthscales = new double[f];
        features.ExpandLengthscales(h.Lengthscales, lengthscales);
        double[] k = new double[n * n];
        Covariance(k);

        // Factor in place (no second n×n buffer); only if rounding makes K indefinite, rebuild it and add jitter.
        if (CholeskyFactor.TryCreateInPlace(k, n, out CholeskyFactor? factor).IsSuccess)
        {
            return new GaussianProcessModel(features, h, x, y, factor!);
        }

        Covariance(k);
        return CholeskyFactor.TryCreateWithJitter(k, n, out factor).IsSuccess
            ? new GaussianProcessModel(features, h, x, y, factor!)
            : null;

        void Covariance(double[] matrix)
        {
            KernelMatrix.Symmetric(KernelKind.Matern52, x, n, f, lengthscales, h.SignalVariance, matrix);
            for (int i = 0; i < n; i++)
            {
                matrix[(i * n) + i] += h.NoiseVariance;
            }
        }
    }

    /// <summary>Predicts the latent mean and variance at m points (m×f) at once, SIMD across the points.</summary>
    public void PredictMany(ReadOnlySpan<double> points, int m, Span<double> means, Span<double> variances, double[] scratch)
    {
        int n = Count;
        Span<double> kt = scratch.AsSpan(0, n * m); // n×m: column j is k(X, x_j)
        KernelMatrix.Cross(KernelKind.Matern52, _x.AsSpan(0, n * _f), n, points, m, _f, _lengthscales, _signal, kt);
        Span<double> mean = means[..m];
        mean.Clear();
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.MultiplyAdd(kt.Slice(i * m, m), _alpha[i], mean, mean);
        }

        _factor.SolveLowerMany(kt, m);
        Span<double> variance = variances[..m];
        CholeskyFactor.ColumnSumsOfSquares(kt, n, m, variance);
        for (int j = 0; j < m; j++)
        {
            variance[j] = Math.Max(_signal - variance[j], MinimumVariance);
        }
    }

    /// <summary>Predicts the latent mean and variance at one point, and their gradients with respect to its features (unless the spans are empty).</summary>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> x, Span<double> meanGradient, Span<double> varianceGradient)
    {
        int n = Count;
        Span<double> r = _r.AsSpan(0, n), k = _k.AsSpan(0, n), v = _v.AsSpan(0, n), w = _w.AsSpan(0, n);
        CrossCovariance(x, r, k);
        double mean = TensorPrimitives.Dot(_alpha.AsSpan(0, n), k);
        k.CopyTo(v);
        _factor.SolveLower(v);
        double variance = Math.Max(_signal - TensorPrimitives.Dot(v, v), MinimumVariance);
        if (meanGradient.IsEmpty)
        {
            return (mean, variance);
        }

        // v = K⁻¹k; ∂k_i/∂r² = −(5/6)σ²(1 + √5 r_i)e^{−√5 r_i} for Matérn-5/2, kept in w (times 2, for the chain rule).
        _factor.SolveLowerTransposed(v);
        for (int i = 0; i < n; i++)
        {
            w[i] = -(5.0 / 3) * _signal * (1 + (Sqrt5 * r[i])) * Math.Exp(-Sqrt5 * r[i]);
        }

        // ∂μ/∂x_c = Σ_i α_i w_i (z_c − z_ic)/ℓ_c and ∂σ²/∂x_c = −2 Σ_i v_i w_i (z_c − z_ic)/ℓ_c.
        TensorPrimitives.Multiply(v, w, v);                       // v ← v∘w
        TensorPrimitives.Multiply(_alpha.AsSpan(0, n), w, w);     // w ← α∘w
        double sumMean = TensorPrimitives.Sum(w), sumVariance = TensorPrimitives.Sum(v);
        for (int c = 0; c < _f; c++)
        {
            ReadOnlySpan<double> zc = _zt.AsSpan(c * _capacity, n);
            double inverse = 1 / _lengthscales[c];
            meanGradient[c] = ((_zx[c] * sumMean) - TensorPrimitives.Dot(zc, w)) * inverse;
            varianceGradient[c] = -2 * ((_zx[c] * sumVariance) - TensorPrimitives.Dot(zc, v)) * inverse;
        }

        return (mean, variance);
    }

    /// <summary>Appends a point with value y, extending the Cholesky factor by one row in O(n²).</summary>
    public void Append(ReadOnlySpan<double> x, double y)
    {
        int n = Count;
        CrossCovariance(x, _r.AsSpan(0, n), _k.AsSpan(0, n));
        double[] block = [_signal + Hyperparameters.NoiseVariance];
        if (!_factor.Extend(_k.AsSpan(0, n), block, 1).IsSuccess)
        {
            // Numerically the same point twice: let the factor add its largest jitter rather than fail the ask.
            block[0] += 1e-6 * _signal;
            if (!_factor.Extend(_k.AsSpan(0, n), block, 1).IsSuccess)
            {
                return;
            }
        }

        EnsureCapacity(n + 1);
        x[.._f].CopyTo(_x.AsSpan(n * _f, _f));
        for (int c = 0; c < _f; c++)
        {
            _zt[(c * _capacity) + n] = x[c] / _lengthscales[c];
        }

        _y[n] = y;
        Count = n + 1;
        SolveAlpha();
    }

    /// <summary>Writes the distances r_i and the covariances k_i = k(x, x_i) to the training points.</summary>
    private void CrossCovariance(ReadOnlySpan<double> x, Span<double> r, Span<double> k)
    {
        int n = Count;
        r.Clear();
        for (int c = 0; c < _f; c++)
        {
            _zx[c] = x[c] / _lengthscales[c];
            Span<double> difference = k; // scratch until k is written
            TensorPrimitives.Subtract(_zt.AsSpan(c * _capacity, n), _zx[c], difference);
            TensorPrimitives.MultiplyAdd(difference, difference, r, r);
        }

        // r ← √r²; k = σ²(1 + √5 r + 5r²/3)e^{−√5 r}.
        for (int i = 0; i < n; i++)
        {
            k[i] = 1 + (Sqrt5 * Math.Sqrt(r[i])) + (5.0 / 3 * r[i]);
        }

        TensorPrimitives.Sqrt(r, r);
        TensorPrimitives.Multiply(r, -Sqrt5, _v.AsSpan(0, n));
        TensorPrimitives.Exp(_v.AsSpan(0, n), _v.AsSpan(0, n));
        TensorPrimitives.Multiply(k, _v.AsSpan(0, n), k);
        TensorPrimitives.Multiply(k, _signal, k);
    }

    private void EnsureCapacity(int count)
    {
        if (count <= _capacity)
        {
            if (_x.Length < count * _f)
            {
                Array.Resize(ref _x, count * _f);
                Array.Resize(ref _y, count);
            }

            return;
        }

        int capacity = Math.Max(count, _capacity * 2);
        double[] zt = new double[_f * capacity];
        for (int c = 0; c < _f; c++)
        {
            _zt.AsSpan(c * _capacity, Count).CopyTo(zt.AsSpan(c * capacity));
        }

        _zt = zt;
        _capacity = capacity;
        Array.Resize(ref _x, capacity * _f);
        Array.Resize(ref _y, capacity);
        Array.Resize(ref _alpha, capacity);
        Array.Resize(ref _r, capacity);
        Array.Resize(ref _k, capacity);
        Array.Resize(ref _v, capacity);
        Array.Resize(ref _w, capacity);
    }

    private void SolveAlpha()
    {
        int n = Count;
        _y.AsSpan(0, n).CopyTo(_alpha);
        _factor.SolveLower(_alpha.AsSpan(0, n));
        _factor.SolveLowerTransposed(_alpha.AsSpan(0, n));
    }
}
