using Tuning.Bayesian.Models;
using Tuning.Numerics;

namespace Tuning.Bayesian.Kernels;

/// <summary>
/// The Matérn-5/2 kernel with one lengthscale per parameter (ARD), k(x, x′) = σ²(1 + √5 r + 5r²/3)e^{−√5 r} with
/// r² = Σ_c (x_c − x′_c)²/ℓ_c², over the feature columns (a categorical's one-hot columns share its lengthscale). It
/// runs on the SIMD kernels of <see cref="KernelMatrix"/> and <see cref="KernelGradient"/>.
/// </summary>
internal sealed class MaternKernel : IKernel
{
    private readonly FeatureMap _map;
    private readonly double[] _lengthscales; // per parameter
    private readonly double[] _columnLengthscales; // per feature column

    /// <param name="map">The feature map, which says which parameter owns each column.</param>
    /// <param name="lengthscales">One lengthscale per parameter.</param>
    /// <param name="signalVariance">The signal variance σ².</param>
    public MaternKernel(FeatureMap map, double[] lengthscales, double signalVariance)
    {
        _map = map;
        _lengthscales = lengthscales;
        SignalVariance = signalVariance;
        _columnLengthscales = new double[map.Columns];
        map.ExpandLengthscales(lengthscales, _columnLengthscales);
    }

    public int Width => _map.Columns;

    public double SignalVariance { get; }

    /// <summary>Gets true: the kernel's arrays are read only and its buffers live on the stack of each call.</summary>
    public bool SupportsConcurrentReads => true;

    /// <summary>Gets the lengthscales, one per parameter.</summary>
    public IReadOnlyList<double> Lengthscales => _lengthscales;

    public void Symmetric(ReadOnlySpan<double> x, int n, Span<double> k) =>
        KernelMatrix.Symmetric(KernelKind.Matern52, x, n, Width, _columnLengthscales, SignalVariance, k);

    public void Cross(ReadOnlySpan<double> x, int n, ReadOnlySpan<double> z, int m, Span<double> k) =>
        KernelMatrix.Cross(KernelKind.Matern52, x, n, z, m, Width, _columnLengthscales, SignalVariance, k);

    public double PriorVariance(ReadOnlySpan<double> z) => SignalVariance;

    public void PriorVariances(ReadOnlySpan<double> z, int m, Span<double> variances) => variances[..m].Fill(SignalVariance);

    public IKernelRows CreateRows(int capacity) => new Rows(new MaternRows(_columnLengthscales, SignalVariance, capacity));

    /// <summary>Writes [∂L/∂log ℓ_1 … ∂L/∂log ℓ_P, ∂L/∂log σ²].</summary>
    public void LikelihoodGradient(ReadOnlySpan<double> x, int n, Span<double> w, Span<double> gradient)
    {
        int p = _map.Parameters;
        Span<double> columns = stackalloc double[Width];
        double signal = KernelGradient.LogHyperparameterGradient(
            KernelKind.Matern52, x, n, Width, _columnLengthscales, SignalVariance, w, columns);
        _map.CollapseGradient(columns, gradient[..p]);
        gradient[p] = signal;
    }

    private sealed class Rows(MaternRows rows) : IKernelRows
    {
        public int Count => rows.Count;

        public void Add(ReadOnlySpan<double> row) => rows.Add(row);

        public void Truncate(int count) => rows.Truncate(count);

        public void Covariances(ReadOnlySpan<double> z, Span<double> k) => rows.Covariances(z, k);

        public void AddSlopeSums(Span<double> a, Span<double> b, Span<double> gradientA, Span<double> gradientB) =>
            rows.AddSlopeSums(a, b, gradientA, gradientB);
    }
}
