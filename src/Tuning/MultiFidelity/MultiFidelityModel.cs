using Tuning.Bayesian;
using Tuning.Numerics;

namespace Tuning.MultiFidelity;

/// <summary>
/// A Gaussian process over (x, s) with the kernel k((x, s), (x′, s′)) = σ²·(k_x(x, x′)·k_s(s, s′) +
/// k_b(x, x′)·k_β(s, s′) + k_o(s, s′)), conditioned on its data: Matérn-5/2 with one lengthscale per parameter for k_x
/// (as the single-fidelity GP) and for the bias's k_b (lengthscales of its own), an <see cref="IFidelityKernel"/> for
/// the fidelity factors k_s and k_β and the offset k_o. It predicts the target fidelity, any fidelity, and their posterior covariance,
/// which the cost-aware acquisition needs; points can be appended (pending evaluations under the kriging believer) by
/// extending the Cholesky factor in O(n²).
/// </summary>
internal sealed partial class MultiFidelityModel
{
    private const double Sqrt5 = 2.23606797749979;

    private readonly FeatureMap _features;
    private readonly double[] _lengthscales;
    private readonly double[] _inverseSquaredLengthscales;
    private readonly double[] _biasLengthscales;
    private readonly double[] _inverseSquaredBiasLengthscales;
    private double[] _x;      // n×f
    private double[] _s;      // n
    private double[] _y;      // n
    private double[] _l;      // n×n, lower triangle
    private double[] _alpha;  // n
    private Scratch _scratch;

    private MultiFidelityModel(FeatureMap features, MultiFidelityHyperparameters h, double[] x, double[] s, double[] y, double[] l, double jitter)
    {
        _features = features;
        Hyperparameters = h;
        Jitter = jitter;
        _lengthscales = new double[features.Columns];
        features.ExpandLengthscales(h.Lengthscales, _lengthscales);
        _inverseSquaredLengthscales = Array.ConvertAll(_lengthscales, v => 1 / (v * v));
        _biasLengthscales = new double[features.Columns];
        features.ExpandLengthscales(h.BiasOrTargetLengthscales, _biasLengthscales);
        _inverseSquaredBiasLengthscales = Array.ConvertAll(_biasLengthscales, v => 1 / (v * v));
        _x = x;
        _s = s;
        _y = y;
        _l = l;
        Count = y.Length;
        _alpha = new double[Count];
        _scratch = new Scratch(Count);
        SolveAlpha();
    }

    public MultiFidelityHyperparameters Hyperparameters { get; }

    /// <summary>Gets the number of conditioning points (observations and pending points).</summary>
    public int Count { get; private set; }

    /// <summary>Gets the fidelity kernel.</summary>
    public IFidelityKernel Fidelity => Hyperparameters.Fidelity;

    /// <summary>Gets the noise variance.</summary>
    public double NoiseVariance => Hyperparameters.NoiseVariance;

    /// <summary>Gets the fidelity coordinates of the conditioning points.</summary>
    public ReadOnlySpan<double> FidelityCoordinates => _s.AsSpan(0, Count);

    /// <summary>Gets the features of conditioning point <paramref name="i"/>.</summary>
    public ReadOnlySpan<double> FeaturesOf(int i) => _x.AsSpan(i * F, F);

    private double Jitter { get; }

    private int F => _features.Columns;

    private double Signal => Hyperparameters.SignalVariance;

    private double MinimumVariance => 1e-12 * Signal;

    /// <summary>Conditions a GP with the given hyperparameters on (x, s, y); null if K cannot be factored even with jitter.</summary>
    public static MultiFidelityModel? Create(FeatureMap features, MultiFidelityHyperparameters h, double[] x, double[] s, double[] y)
    {
        int n = y.Length, f = features.Columns;
        double[] lengthscales = new double[f];
        features.ExpandLengthscales(h.Lengthscales, lengthscales);
        double[] kx = new double[n * n];
        KernelMatrix.Symmetric(KernelKind.Matern52, x, n, f, lengthscales, 1, kx);
        double[] kb = kx;
        if (h.Fidelity.HasBias)
        {
            features.ExpandLengthscales(h.BiasOrTargetLengthscales, lengthscales);
            kb = new double[n * n];
            KernelMatrix.Symmetric(KernelKind.Matern52, x, n, f, lengthscales, 1, kb);
        }
        double[] l = new double[n * n];
        double jitter = 0;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            for (int a = 0; a < n; a++)
            {
                for (int b = 0; b < n; b++)
                {
                    l[(a * n) + b] = h.SignalVariance * h.Fidelity.Covariance(kx[(a * n) + b], kb[(a * n) + b], s[a], s[b]);
                }

                l[(a * n) + a] += h.NoiseVariance + jitter;
            }

            if (Cholesky.Factor(l, n, n).IsSuccess)
            {
                return new MultiFidelityModel(features, h, x, s, y, l, jitter);
            }

            jitter = jitter == 0 ? 1e-10 * (h.SignalVariance + h.NoiseVariance) : jitter * 10;
        }

        return null;
    }

    /// <summary>Appends a point at fidelity coordinate <paramref name="s"/> with value <paramref name="y"/>, extending the factor by one row.</summary>
    public void Append(ReadOnlySpan<double> x, double s, double y)
    {
        int n = Count, f = F, m = n + 1;
        double[] xNew = new double[m * f];
        _x.AsSpan(0, n * f).CopyTo(xNew);
        x[..f].CopyTo(xNew.AsSpan(n * f, f));
        double[] sNew = new double[m];
        _s.AsSpan(0, n).CopyTo(sNew);
        sNew[n] = s;
        double[] yNew = new double[m];
        _y.AsSpan(0, n).CopyTo(yNew);
        yNew[n] = y;

        // New row of L: l = L⁻¹k(X, (x, s)), diagonal √(k((x, s), (x, s)) + σ_n² − ‖l‖²).
        double[] row = new double[n];
        for (int i = 0; i < n; i++)
        {
            row[i] = Signal * Fidelity.Covariance(MaternUnit(x, i, _inverseSquaredLengthscales), BiasUnit(x, i), _s[i], s);
        }

        TriangularSolve.SolveLower(_l, n, n, row);
        double[] lNew = new double[m * m];
        for (int i = 0; i < n; i++)
        {
            _l.AsSpan(i * n, i + 1).CopyTo(lNew.AsSpan(i * m, i + 1));
        }

        double norm = 0;
        for (int i = 0; i < n; i++)
        {
            lNew[(n * m) + i] = row[i];
            norm += row[i] * row[i];
        }

        double pivot = (Signal * Fidelity.Covariance(1, 1, s, s)) + NoiseVariance + Jitter - norm;
        lNew[(n * m) + n] = Math.Sqrt(Math.Max(pivot, 1e-10 * Signal));
        _x = xNew;
        _s = sNew;
        _y = yNew;
        _l = lNew;
        Count = m;
        _alpha = new double[m];
        _scratch = new Scratch(m);
        SolveAlpha();
    }

    /// <summary>The bias's unit-signal Matérn-5/2 covariance between <paramref name="x"/> and conditioning point <paramref name="i"/> (0 without a bias).</summary>
    private double BiasUnit(ReadOnlySpan<double> x, int i) => Fidelity.HasBias ? MaternUnit(x, i, _inverseSquaredBiasLengthscales) : 0;

    /// <summary>The unit-signal Matérn-5/2 covariance between <paramref name="x"/> and conditioning point <paramref name="i"/>.</summary>
    private double MaternUnit(ReadOnlySpan<double> x, int i, double[] inverseSquaredLengthscales) =>
        MaternWithSlope(x, _x.AsSpan(i * F, F), inverseSquaredLengthscales).Value;

    private void SolveAlpha()
    {
        int n = Count;
        _y.AsSpan(0, n).CopyTo(_alpha);
        TriangularSolve.SolveLower(_l, n, n, _alpha);
        TriangularSolve.SolveLowerTransposed(_l, n, n, _alpha);
    }

    /// <summary>Per-model buffers of length n for single-point predictions.</summary>
    private sealed class Scratch(int n)
    {
        public double[] Kx { get; } = new double[n];

        public double[] Dk { get; } = new double[n];

        public double[] A { get; } = new double[n];

        public double[] B { get; } = new double[n];

        public double[] Va { get; } = new double[n];

        public double[] Vb { get; } = new double[n];

        public double[] Ks { get; } = new double[n];

        public double[] Kt { get; } = new double[n];

        public double[] Kb { get; } = new double[n];

        public double[] Dkb { get; } = new double[n];

        public double[] Bs { get; } = new double[n];

        public double[] Bt { get; } = new double[n];
    }
}
