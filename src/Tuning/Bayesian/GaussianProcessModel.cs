using Tuning.Numerics;

namespace Tuning.Bayesian;

/// <summary>
/// A Gaussian process conditioned on its data: the Cholesky factor L of K + σ_n²I and α = K⁻¹y, ready to predict the
/// latent mean and variance anywhere, for one point with gradients or for a batch. Points can be appended (pending
/// evaluations under the kriging believer) by extending L in O(n²) per point instead of refactoring.
/// </summary>
internal sealed class GaussianProcessModel
{
    private const double Sqrt5 = 2.23606797749979;

    private readonly FeatureMap _features;
    private readonly double[] _lengthscales; // per feature
    private readonly double[] _inverseSquaredLengthscales;
    private double[] _x;      // n×f
    private double[] _y;      // n
    private double[] _l;      // n×n, lower triangle
    private double[] _alpha;  // n
    private double[] _k, _v;  // scratch, n

    private GaussianProcessModel(FeatureMap features, KernelHyperparameters hyperparameters, double[] x, double[] y, double[] l, double jitter)
    {
        _features = features;
        Hyperparameters = hyperparameters;
        Jitter = jitter;
        _lengthscales = new double[features.Columns];
        features.ExpandLengthscales(hyperparameters.Lengthscales, _lengthscales);
        _inverseSquaredLengthscales = Array.ConvertAll(_lengthscales, l => 1 / (l * l));
        _x = x;
        _y = y;
        _l = l;
        Count = y.Length;
        _alpha = new double[Count];
        _k = new double[Count];
        _v = new double[Count];
        SolveAlpha();
    }

    public KernelHyperparameters Hyperparameters { get; }

    /// <summary>Gets the number of conditioning points (observations and pending points).</summary>
    public int Count { get; private set; }

    private double Jitter { get; }

    private int F => _features.Columns;

    /// <summary>Conditions a GP with the given hyperparameters on (x, y); null if K cannot be factored even with jitter.</summary>
    public static GaussianProcessModel? Create(FeatureMap features, KernelHyperparameters h, double[] x, double[] y)
    {
        int n = y.Length, f = features.Columns;
        double[] lengthscales = new double[f];
        features.ExpandLengthscales(h.Lengthscales, lengthscales);
        double[] l = new double[n * n];
        double jitter = 0;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            KernelMatrix.Symmetric(KernelKind.Matern52, x, n, f, lengthscales, h.SignalVariance, l);
            for (int i = 0; i < n; i++)
            {
                l[(i * n) + i] += h.NoiseVariance + jitter;
            }

            if (Cholesky.Factor(l, n, n).IsSuccess)
            {
                return new GaussianProcessModel(features, h, x, y, l, jitter);
            }

            jitter = jitter == 0 ? 1e-10 * (h.SignalVariance + h.NoiseVariance) : jitter * 10;
        }

        return null;
    }

    /// <summary>Predicts the latent mean and variance at m points (m×f) at once, SIMD across the points.</summary>
    public void PredictMany(ReadOnlySpan<double> points, int m, Span<double> means, Span<double> variances, double[] scratch)
    {
        int n = Count;
        Span<double> kt = scratch.AsSpan(0, n * m); // n×m: column j is k(X, x_j)
        KernelMatrix.Cross(KernelKind.Matern52, _x.AsSpan(0, n * F), n, points, m, F, _lengthscales, Hyperparameters.SignalVariance, kt);
        means[..m].Clear();
        for (int i = 0; i < n; i++)
        {
            double a = _alpha[i];
            ReadOnlySpan<double> row = kt.Slice(i * m, m);
            for (int j = 0; j < m; j++)
            {
                means[j] += a * row[j];
            }
        }

        TriangularSolve.SolveLowerMany(_l, n, n, kt, m);
        variances[..m].Fill(Hyperparameters.SignalVariance);
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = kt.Slice(i * m, m);
            for (int j = 0; j < m; j++)
            {
                variances[j] -= row[j] * row[j];
            }
        }

        for (int j = 0; j < m; j++)
        {
            variances[j] = Math.Max(variances[j], MinimumVariance);
        }
    }

    /// <summary>Predicts the latent mean and variance at one point, and their gradients with respect to its features.</summary>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> x, Span<double> meanGradient, Span<double> varianceGradient)
    {
        int n = Count, f = F;
        double signal = Hyperparameters.SignalVariance;
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> xi = _x.AsSpan(i * f, f);
            double r2 = 0;
            for (int c = 0; c < f; c++)
            {
                double d = x[c] - xi[c];
                r2 += d * d * _inverseSquaredLengthscales[c];
            }

            double r = Math.Sqrt(r2);
            double e = Math.Exp(-Sqrt5 * r);
            _k[i] = signal * (1 + (Sqrt5 * r) + (5.0 / 3 * r2)) * e;
            mean += _alpha[i] * _k[i];
        }

        _k.AsSpan(0, n).CopyTo(_v);
        TriangularSolve.SolveLower(_l, n, n, _v.AsSpan(0, n));
        double explained = 0;
        for (int i = 0; i < n; i++)
        {
            explained += _v[i] * _v[i];
        }

        double variance = Math.Max(signal - explained, MinimumVariance);
        if (meanGradient.IsEmpty)
        {
            return (mean, variance);
        }

        TriangularSolve.SolveLowerTransposed(_l, n, n, _v.AsSpan(0, n)); // v = K⁻¹k
        meanGradient[..f].Clear();
        varianceGradient[..f].Clear();
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> xi = _x.AsSpan(i * f, f);
            double r2 = 0;
            for (int c = 0; c < f; c++)
            {
                double d = x[c] - xi[c];
                r2 += d * d * _inverseSquaredLengthscales[c];
            }

            double r = Math.Sqrt(r2);

            // ∂k/∂x_c = ∂k/∂r² · 2(x_c − x_ic)/ℓ_c², with ∂k/∂r² = −(5/6)σ²(1 + √5 r)e^{−√5 r} for Matérn-5/2.
            double dk = -(5.0 / 3) * signal * (1 + (Sqrt5 * r)) * Math.Exp(-Sqrt5 * r);
            double wm = _alpha[i] * dk, wv = -2 * _v[i] * dk;
            for (int c = 0; c < f; c++)
            {
                double g = (x[c] - xi[c]) * _inverseSquaredLengthscales[c];
                meanGradient[c] += wm * g;
                varianceGradient[c] += wv * g;
            }
        }

        return (mean, variance);
    }

    /// <summary>Appends a point with value y, extending the Cholesky factor by one row in O(n²).</summary>
    public void Append(ReadOnlySpan<double> x, double y)
    {
        int n = Count, f = F, m = n + 1;
        double[] xNew = new double[m * f];
        _x.AsSpan(0, n * f).CopyTo(xNew);
        x[..f].CopyTo(xNew.AsSpan(n * f, f));
        double[] yNew = new double[m];
        _y.AsSpan(0, n).CopyTo(yNew);
        yNew[n] = y;

        // New row of L: l = L⁻¹k(X, x), diagonal √(k(x, x) + σ_n² − ‖l‖²).
        Predict(x, default, default);
        double[] lNew = new double[m * m];
        for (int i = 0; i < n; i++)
        {
            _l.AsSpan(i * n, i + 1).CopyTo(lNew.AsSpan(i * m, i + 1));
        }

        double norm = 0;
        for (int i = 0; i < n; i++)
        {
            lNew[(n * m) + i] = _v[i];
            norm += _v[i] * _v[i];
        }

        double pivot = Hyperparameters.SignalVariance + Hyperparameters.NoiseVariance + Jitter - norm;
        lNew[(n * m) + n] = Math.Sqrt(Math.Max(pivot, 1e-10 * Hyperparameters.SignalVariance));
        _x = xNew;
        _y = yNew;
        _l = lNew;
        Count = m;
        _alpha = new double[m];
        _k = new double[m];
        _v = new double[m];
        SolveAlpha();
    }

    private double MinimumVariance => 1e-12 * Hyperparameters.SignalVariance;

    private void SolveAlpha()
    {
        int n = Count;
        _y.AsSpan(0, n).CopyTo(_alpha);
        TriangularSolve.SolveLower(_l, n, n, _alpha);
        TriangularSolve.SolveLowerTransposed(_l, n, n, _alpha);
    }
}
