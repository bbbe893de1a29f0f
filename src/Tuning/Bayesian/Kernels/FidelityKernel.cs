using System.Numerics.Tensors;
using Tuning.Bayesian.Models;
using Tuning.Numerics;

namespace Tuning.Bayesian.Kernels;

/// <summary>
/// The covariance over (x, s), features and a fidelity coordinate in the row's last column:
/// k((x, s), (x′, s′)) = σ²·(k_x(x, x′)·k_s(s, s′) + k_b(x, x′)·k_β(s, s′) + k_o(s, s′)), with k_x Matérn-5/2 ARD over
/// the features (as <see cref="MaternKernel"/>), k_b a second Matérn-5/2 with lengthscales of its own for the bias of
/// cheaper fidelities, and the fidelity factors k_s, k_β and the offset k_o from an <see cref="IFidelityKernel"/>
/// (an exponential decay along a range, or a task covariance). Like BoTorch's fidelity and multi-task kernels, the
/// fidelity is one more input column, so the Gaussian process over it is the same machinery as over x alone.
/// </summary>
/// <remarks>
/// At the target fidelity every fidelity factor but k_s vanishes and k_s(target, target) = 1, so on data at the target
/// alone this is exactly the Matérn kernel with the same lengthscales and σ².
/// </remarks>
internal sealed class FidelityKernel : IKernel
{
    private readonly FeatureMap _map;
    private readonly double[] _lengthscales, _biasLengthscales; // per feature column
    private readonly double[] _parameterLengthscales, _parameterBiasLengthscales;
    private readonly FidelityKernelFamily.Workspace _workspace;
    private double[] _crossX = [], _crossB = [];

    public FidelityKernel(
        FeatureMap map, double[] lengthscales, double[] biasLengthscales, IFidelityKernel fidelity, double signalVariance,
        FidelityKernelFamily.Workspace workspace)
    {
        _map = map;
        Fidelity = fidelity;
        SignalVariance = signalVariance;
        _parameterLengthscales = lengthscales;
        _parameterBiasLengthscales = biasLengthscales;
        _lengthscales = new double[map.Columns];
        _biasLengthscales = new double[map.Columns];
        map.ExpandLengthscales(lengthscales, _lengthscales);
        map.ExpandLengthscales(biasLengthscales, _biasLengthscales);
        _workspace = workspace;
    }

    public int Width => _map.Columns + 1;

    public double SignalVariance { get; }

    /// <summary>Gets false: the cross covariance reuses buffers the kernel keeps.</summary>
    public bool SupportsConcurrentReads => false;

    /// <summary>Gets the fidelity part.</summary>
    public IFidelityKernel Fidelity { get; }

    private int F => _map.Columns;

    public void Symmetric(ReadOnlySpan<double> x, int n, Span<double> k)
    {
        (double[] features, double[] s) = _workspace.Split(x, n, F);
        double[] kx = _workspace.Kx(n), kb = Fidelity.HasBias ? _workspace.Kb(n) : kx;
        KernelMatrix.Symmetric(KernelKind.Matern52, features, n, F, _lengthscales, 1, kx);
        if (Fidelity.HasBias)
        {
            KernelMatrix.Symmetric(KernelKind.Matern52, features, n, F, _biasLengthscales, 1, kb);
        }

        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                int ab = (a * n) + b;
                k[ab] = SignalVariance * Fidelity.Covariance(kx[ab], kb[ab], s[a], s[b]);
            }
        }
    }

    public void Cross(ReadOnlySpan<double> x, int n, ReadOnlySpan<double> z, int m, Span<double> k)
    {
        (double[] features, double[] s) = _workspace.Split(x, n, F);
        double[] zFeatures = new double[m * F], sz = new double[m];
        for (int j = 0; j < m; j++)
        {
            z.Slice(j * Width, F).CopyTo(zFeatures.AsSpan(j * F, F));
            sz[j] = z[(j * Width) + F];
        }

        Grow(ref _crossX, n * m);
        KernelMatrix.Cross(KernelKind.Matern52, features, n, zFeatures, m, F, _lengthscales, 1, _crossX);
        double[] kb = _crossX;
        if (Fidelity.HasBias)
        {
            Grow(ref _crossB, n * m);
            KernelMatrix.Cross(KernelKind.Matern52, features, n, zFeatures, m, F, _biasLengthscales, 1, _crossB);
            kb = _crossB;
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                int ij = (i * m) + j;
                k[ij] = SignalVariance * Fidelity.Covariance(_crossX[ij], kb[ij], s[i], sz[j]);
            }
        }
    }

    public double PriorVariance(ReadOnlySpan<double> z)
    {
        double s = z[F];
        return SignalVariance * Fidelity.Covariance(1, 1, s, s);
    }

    public void PriorVariances(ReadOnlySpan<double> z, int m, Span<double> variances)
    {
        for (int j = 0; j < m; j++)
        {
            variances[j] = PriorVariance(z.Slice(j * Width, Width));
        }
    }

    public IKernelRows CreateRows(int capacity) => new Rows(this, capacity);

    /// <summary>The same kernel without the fidelity part's offset k_o (see <see cref="IFidelityKernel.WithoutOffset"/>).</summary>
    public FidelityKernel WithoutOffset() =>
        new(_map, _parameterLengthscales, _parameterBiasLengthscales, Fidelity.WithoutOffset(), SignalVariance, new FidelityKernelFamily.Workspace());

    /// <summary>Writes [∂L/∂log ℓ, ∂L/∂φ, ∂L/∂log σ², ∂L/∂log ℓ_b] (the last only with a bias).</summary>
    /// <remarks>
    /// K_s and K_o do not depend on the lengthscales, so their derivatives are the Matérn ones with W replaced by
    /// W ∘ K_s (and W ∘ K_β for the bias's lengthscales), which <see cref="KernelGradient"/> computes in one SIMD pass;
    /// σ² takes ½ Σ_ab W_ab K_ab/σ² and the fidelity hyperparameters ½ Σ_ab W_ab σ² ∂(K/σ²)_ab/∂φ_j. Reads the
    /// K_x and K_b of the last <see cref="Symmetric"/> call on the same rows.
    /// </remarks>
    public void LikelihoodGradient(ReadOnlySpan<double> x, int n, Span<double> w, Span<double> gradient)
    {
        int p = _map.Parameters, q = Fidelity.ParameterCount;
        (double[] features, double[] s) = _workspace.Split(x, n, F);
        double[] kx = _workspace.Kx(n), kb = Fidelity.HasBias ? _workspace.Kb(n) : kx;
        double[] wb = Fidelity.HasBias ? _workspace.Wb(n) : [];
        gradient[..Count(p, Fidelity)].Clear();
        Span<double> dks = stackalloc double[q];
        double signalGradient = 0;
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                int ab = (a * n) + b;
                double weight = (a == b ? 0.5 : 1) * w[ab] * SignalVariance;
                Fidelity.ParameterGradient(kx[ab], kb[ab], s[a], s[b], dks);
                for (int j = 0; j < q; j++)
                {
                    gradient[p + j] += weight * dks[j];
                }

                signalGradient += weight * Fidelity.Covariance(kx[ab], kb[ab], s[a], s[b]);
                if (Fidelity.HasBias)
                {
                    wb[ab] = w[ab] * Fidelity.BiasScale(s[a], s[b]);
                }

                w[ab] *= Fidelity.Scale(s[a], s[b]);
            }
        }

        Span<double> columns = stackalloc double[F];
        if (Fidelity.HasBias)
        {
            _ = KernelGradient.LogHyperparameterGradient(KernelKind.Matern52, features, n, F, _biasLengthscales, SignalVariance, wb, columns);
            _map.CollapseGradient(columns, gradient.Slice(p + q + 1, p));
        }

        _ = KernelGradient.LogHyperparameterGradient(KernelKind.Matern52, features, n, F, _lengthscales, SignalVariance, w, columns);
        _map.CollapseGradient(columns, gradient[..p]);
        gradient[p + q] = signalGradient;
    }

    /// <summary>The number of hyperparameters: P lengthscales, the fidelity part's, log σ², and P bias lengthscales if it has a bias.</summary>
    public static int Count(int parameters, IFidelityKernel fidelity) => parameters + fidelity.ParameterCount + 1 + (fidelity.HasBias ? parameters : 0);

    private static void Grow(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[length];
        }
    }

    /// <summary>Training rows for one point at a time: one <see cref="MaternRows"/> per x-kernel, and the fidelity coordinates.</summary>
    private sealed class Rows(FidelityKernel kernel, int capacity) : IKernelRows
    {
        private readonly MaternRows _x = new(kernel._lengthscales, 1, capacity);
        private readonly MaternRows? _bias = kernel.Fidelity.HasBias ? new MaternRows(kernel._biasLengthscales, 1, capacity) : null;
        private double[] _s = new double[Math.Max(capacity, 1)];
        private double[] _kx = [], _kb = [], _scale = [], _biasScale = [], _a = [], _b = [];

        public int Count => _x.Count;

        public void Add(ReadOnlySpan<double> row)
        {
            if (Count == _s.Length)
            {
                Array.Resize(ref _s, 2 * _s.Length);
            }

            _s[Count] = row[kernel.F];
            _x.Add(row);
            _bias?.Add(row);
        }

        public void Truncate(int count)
        {
            _x.Truncate(count);
            _bias?.Truncate(count);
        }

        public void Covariances(ReadOnlySpan<double> z, Span<double> k)
        {
            int n = Count;
            Reserve(n);
            double sz = z[kernel.F];
            IFidelityKernel fidelity = kernel.Fidelity;
            _x.Covariances(z, _kx);
            _bias?.Covariances(z, _kb);
            for (int i = 0; i < n; i++)
            {
                double kb = _bias is null ? 0 : _kb[i];
                _scale[i] = kernel.SignalVariance * fidelity.Scale(_s[i], sz);
                _biasScale[i] = kernel.SignalVariance * fidelity.BiasScale(_s[i], sz);
                k[i] = kernel.SignalVariance * fidelity.Covariance(_kx[i], kb, _s[i], sz);
            }
        }

        public void AddSlopeSums(Span<double> a, Span<double> b, Span<double> gradientA, Span<double> gradientB)
        {
            int n = Count;
            if (_bias is not null)
            {
                TensorPrimitives.Multiply(a[..n], _biasScale.AsSpan(0, n), _a.AsSpan(0, n));
                TensorPrimitives.Multiply(b[..n], _biasScale.AsSpan(0, n), _b.AsSpan(0, n));
                _bias.AddSlopeSums(_a, _b, gradientA, gradientB);
            }

            TensorPrimitives.Multiply(a[..n], _scale.AsSpan(0, n), a[..n]);
            TensorPrimitives.Multiply(b[..n], _scale.AsSpan(0, n), b[..n]);
            _x.AddSlopeSums(a, b, gradientA, gradientB);
        }

        private void Reserve(int n)
        {
            if (_kx.Length < n)
            {
                int length = Math.Max(n, 2 * _kx.Length);
                (_kx, _kb, _scale, _biasScale, _a, _b) = (new double[length], new double[length], new double[length], new double[length], new double[length], new double[length]);
            }
        }
    }
}
