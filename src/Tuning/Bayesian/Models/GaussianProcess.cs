using Tuning.Bayesian.Kernels;
using Tuning.Numerics;

namespace Tuning.Bayesian.Models;

/// <summary>
/// A Gaussian process conditioned on its data: a kernel (<see cref="IKernel"/>), the noise variance, the Cholesky
/// factor of K + σ_n²I, the constant prior mean m̂ (<see cref="ConstantMean"/>) and α = K⁻¹(y − m̂), ready to predict
/// the latent mean m̂ + k(z)ᵀα and variance anywhere — for one point with
/// gradients, for a batch with SIMD across the batch, or for two points with their posterior covariance. Points can be
/// appended (pending evaluations under the kriging believer, or new observations under fixed hyperparameters) by
/// extending the factor in O(n²), never by copying it. The mean is estimated again whenever the points or targets
/// change, so a model built up by appending equals one conditioned on the same points at once; a pending point
/// appended at its predicted mean leaves the estimate where it was (unless the clamp to the targets' range moves it).
/// </summary>
/// <remarks>
/// The single-fidelity GP (<see cref="MaternKernel"/>) and the multi-fidelity one (<see cref="FidelityKernel"/>, whose
/// rows end with a fidelity coordinate) are this one class; only the kernel differs.
/// </remarks>
internal sealed partial class GaussianProcess
{
    private readonly IKernelRows _rows;
    private readonly CholeskyFactor _factor;
    private readonly int _width;
    private double[] _x; // capacity×width, row-major
    private double[] _y, _alpha, _k, _v, _a;
    private double[] _prior = [];

    private GaussianProcess(IKernel kernel, double noiseVariance, double[] x, double[] y, CholeskyFactor factor)
    {
        Kernel = kernel;
        NoiseVariance = noiseVariance;
        _width = kernel.Width;
        _factor = factor;
        Count = y.Length;
        int capacity = Math.Max(Count, 1);
        _x = x;
        _y = (double[])y.Clone();
        _rows = kernel.CreateRows(capacity);
        for (int i = 0; i < Count; i++)
        {
            _rows.Add(x.AsSpan(i * _width, _width));
        }

        _alpha = new double[capacity];
        _k = new double[capacity];
        _v = new double[capacity];
        _a = new double[capacity];
        SolveAlpha();
    }

    /// <summary>A model reading <paramref name="source"/>'s data and factor, with buffers of its own.</summary>
    private GaussianProcess(GaussianProcess source)
    {
        Kernel = source.Kernel;
        NoiseVariance = source.NoiseVariance;
        Mean = source.Mean;
        Count = source.Count;
        _width = source._width;
        _factor = source._factor;
        _x = source._x;
        _y = source._y;
        _alpha = source._alpha;
        int capacity = Math.Max(Count, 1);
        _rows = Kernel.CreateRows(capacity);
        for (int i = 0; i < Count; i++)
        {
            _rows.Add(Row(i));
        }

        _k = new double[capacity];
        _v = new double[capacity];
        _a = new double[capacity];
    }

    /// <summary>Gets the kernel.</summary>
    public IKernel Kernel { get; }

    /// <summary>Gets the noise variance σ_n².</summary>
    public double NoiseVariance { get; }

    /// <summary>Gets the constant prior mean, where the model reverts to far from its data.</summary>
    public double Mean { get; private set; }

    /// <summary>Gets the number of conditioning points (observations and appended points).</summary>
    public int Count { get; private set; }

    private double MinimumVariance => 1e-12 * Kernel.SignalVariance;

    /// <summary>
    /// Conditions a GP on (x, y) (rows of the kernel's width); null if K + σ_n²I cannot be factored even with jitter.
    /// The rows are kept, not copied (appended rows go to a new array).
    /// </summary>
    /// <param name="kernel">The kernel.</param>
    /// <param name="noiseVariance">The noise variance σ_n².</param>
    /// <param name="x">The rows, n×width.</param>
    /// <param name="y">The targets.</param>
    /// <param name="parallel">Whether the factorization may use two threads (the same factor either way).</param>
    public static GaussianProcess? Condition(IKernel kernel, double noiseVariance, double[] x, double[] y, bool parallel = false)
    {
        int n = y.Length;
        double[] k = new double[n * n];
        Covariance(k);

        // Factor in place (no second n×n buffer); only if rounding makes K indefinite, rebuild it and add jitter.
        if (CholeskyFactor.TryCreateInPlace(k, n, out CholeskyFactor? factor, parallel).IsSuccess)
        {
            return new GaussianProcess(kernel, noiseVariance, x, y, factor!);
        }

        Covariance(k);
        return CholeskyFactor.TryCreateWithJitter(k, n, out factor, parallel: parallel).IsSuccess
            ? new GaussianProcess(kernel, noiseVariance, x, y, factor!)
            : null;

        void Covariance(double[] matrix)
        {
            kernel.Symmetric(x, n, matrix);
            for (int i = 0; i < n; i++)
            {
                matrix[(i * n) + i] += noiseVariance;
            }
        }
    }

    /// <summary>
    /// A model that predicts exactly as this one, from the same data and factor (nothing is copied but the training
    /// rows' O(n·width) preparation), with buffers of its own, so that another thread can predict while this one does.
    /// Valid only while this model is unchanged: neither may append, truncate or set targets while the other is in use.
    /// </summary>
    /// <returns>The reader, or null when the kernel cannot be shared between threads (<see cref="IKernel.SupportsConcurrentReads"/>).</returns>
    public GaussianProcess? ForAnotherThread() => Kernel.SupportsConcurrentReads ? new GaussianProcess(this) : null;

    /// <summary>Gets conditioning row <paramref name="i"/>.</summary>
    public ReadOnlySpan<double> Row(int i) => _x.AsSpan(i * _width, _width);

    /// <summary>Appends a point with value y, extending the Cholesky factor by one row in O(n²).</summary>
    /// <returns><see langword="false"/> if the point could not be added even with jitter (the model is unchanged).</returns>
    public bool Append(ReadOnlySpan<double> z, double y)
    {
        int n = Count;
        Span<double> k = _k.AsSpan(0, n);
        _rows.Covariances(z, k);
        double[] block = [Kernel.PriorVariance(z) + NoiseVariance];
        if (!_factor.Extend(k, block, 1).IsSuccess)
        {
            // Numerically the same point twice: add a jitter rather than fail the ask.
            block[0] += 1e-6 * Kernel.SignalVariance;
            if (!_factor.Extend(k, block, 1).IsSuccess)
            {
                return false;
            }
        }

        EnsureCapacity(n + 1);
        z[.._width].CopyTo(_x.AsSpan(n * _width, _width));
        _rows.Add(z);
        _y[n] = y;
        Count = n + 1;
        SolveAlpha();
        return true;
    }

    /// <summary>
    /// Leave-one-out predictions at the conditioning points, in closed form (Rasmussen and Williams 2006, eq. 5.12):
    /// without point i, the model predicts y_i − α_i/[K⁻¹]_ii with variance 1/[K⁻¹]_ii (noise included). O(n³).
    /// </summary>
    /// <param name="means">Receives one mean per conditioning point.</param>
    /// <param name="variances">Receives one predictive variance per conditioning point.</param>
    public void LeaveOneOut(Span<double> means, Span<double> variances)
    {
        int n = Count;
        double[] inverse = new double[n * n];
        _factor.Inverse(inverse);
        for (int i = 0; i < n; i++)
        {
            double diagonal = inverse[(i * n) + i];
            means[i] = _y[i] - (_alpha[i] / diagonal);
            variances[i] = 1 / diagonal;
        }
    }

    /// <summary>Forgets the points after the first <paramref name="count"/> (appended pending points, say).</summary>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        _factor.Truncate(count);
        _rows.Truncate(count);
        Count = count;
        SolveAlpha();
    }

    /// <summary>Replaces the targets of the conditioning points (as a new standardization of the same values gives), in O(n²).</summary>
    /// <param name="y">One target per conditioning point.</param>
    public void SetTargets(ReadOnlySpan<double> y)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(y.Length, Count, nameof(y));
        y.CopyTo(_y);
        SolveAlpha();
    }

    /// <summary>The standardized residual of a value at a point: (y − μ)/√(σ² + σ_n²), how surprising the model finds it.</summary>
    public double Surprise(ReadOnlySpan<double> z, double y)
    {
        (double mean, double variance) = Predict(z, default, default);
        return (y - mean) / Math.Sqrt(variance + NoiseVariance);
    }

    private void EnsureCapacity(int count)
    {
        if (_x.Length < count * _width)
        {
            Array.Resize(ref _x, Math.Max(count, 2 * Count) * _width);
        }

        if (_y.Length < count)
        {
            Array.Resize(ref _y, Math.Max(count, 2 * Count));
        }

        if (_alpha.Length < count)
        {
            int capacity = Math.Max(count, 2 * _alpha.Length);
            Array.Resize(ref _alpha, capacity);
            Array.Resize(ref _k, capacity);
            Array.Resize(ref _v, capacity);
            Array.Resize(ref _a, capacity);
        }
    }

    /// <summary>Estimates the mean m̂ from the conditioning points and solves α = K⁻¹(y − m̂).</summary>
    private void SolveAlpha()
    {
        int n = Count;
        Span<double> alpha = _alpha.AsSpan(0, n);
        _y.AsSpan(0, n).CopyTo(alpha);
        _factor.SolveLower(alpha);
        _factor.SolveLowerTransposed(alpha);
        Mean = ConstantMean.Estimate(_factor, _y.AsSpan(0, n), alpha, _v);
    }
}
