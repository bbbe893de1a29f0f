using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tuning.Numerics;

/// <summary>
/// The gradient of the log marginal likelihood with respect to the kernel's log-hyperparameters, accumulated pairwise
/// in one O(n²d) pass without forming the d matrices ∂K/∂log ℓ_c.
/// </summary>
/// <remarks>
/// With α = K⁻¹y and W = ααᵀ − K⁻¹, ∂L/∂θ = ½ tr(W ∂K/∂θ) = ½ Σ_ab W_ab ∂K_ab/∂θ (Rasmussen &amp; Williams 2006,
/// eq. 5.9). For log-lengthscales ∂K_ab/∂log ℓ_c = σ² g(r²_ab) u_abc² with u_abc = (x_ac − x_bc)/ℓ_c (see
/// <see cref="IStationaryKernel"/>); the diagonal terms vanish, so by symmetry the sum runs over a &gt; b only.
/// For the signal variance, ∂K_ab/∂log σ² = K_ab.
/// </remarks>
internal static class KernelGradient
{
    /// <summary>
    /// Computes ∂L/∂log ℓ_c for every dimension c, and returns ∂L/∂log σ² = ½ Σ_ab W_ab K_ab (K without noise).
    /// </summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="x">The training points, n×d row-major.</param>
    /// <param name="n">The number of points.</param>
    /// <param name="d">The number of dimensions.</param>
    /// <param name="lengthscales">One positive lengthscale per dimension (length d).</param>
    /// <param name="signalVariance">The positive signal variance σ².</param>
    /// <param name="w">W = ααᵀ − K⁻¹, n×n row-major and symmetric; only its lower triangle (with the diagonal) is read.</param>
    /// <param name="gradient">Receives ∂L/∂log ℓ_c (length d).</param>
    /// <param name="width">The vector width to use; tests force each one, callers leave the default.</param>
    /// <returns>∂L/∂log σ².</returns>
    public static double LogHyperparameterGradient(KernelKind kind, ReadOnlySpan<double> x, int n, int d,
        ReadOnlySpan<double> lengthscales, double signalVariance, ReadOnlySpan<double> w, Span<double> gradient,
        SimdWidth width = SimdWidth.Auto)
    {
        KernelMatrix.ValidatePoints(x, n, d, nameof(x));
        KernelMatrix.ValidateHyperparameters(lengthscales, d, signalVariance);
        ArgumentOutOfRangeException.ThrowIfLessThan(w.Length, n * n, nameof(w));
        ArgumentOutOfRangeException.ThrowIfLessThan(gradient.Length, d, nameof(gradient));

        double[] rented = ArrayPool<double>.Shared.Rent(Math.Max(1, n * d));
        try
        {
            Span<double> zt = rented.AsSpan(0, n * d);
            KernelMatrix.ScaleTransposed(x, n, d, lengthscales, zt);
            double kernelSum = kind == KernelKind.Matern52
                ? Dispatch<Matern52Kernel>(width, zt, n, d, w, gradient)
                : Dispatch<SquaredExponentialKernel>(width, zt, n, d, w, gradient);

            double diagonal = 0;
            for (int a = 0; a < n; a++)
            {
                diagonal += w[(a * n) + a];
            }

            for (int c = 0; c < d; c++)
            {
                gradient[c] *= signalVariance;
            }

            return signalVariance * (kernelSum + (0.5 * diagonal));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static double Dispatch<TKernel>(SimdWidth width, ReadOnlySpan<double> zt, int n, int d, ReadOnlySpan<double> w, Span<double> gradient)
        where TKernel : IStationaryKernel => width.Resolve() switch
        {
            SimdWidth.Vector512 => Accumulate<TKernel, Vector512<double>, Simd512Ops>(zt, n, d, w, gradient),
            SimdWidth.Vector256 => Accumulate<TKernel, Vector256<double>, Simd256Ops>(zt, n, d, w, gradient),
            SimdWidth.Vector128 => Accumulate<TKernel, Vector128<double>, Simd128Ops>(zt, n, d, w, gradient),
            _ => Accumulate<TKernel, double, ScalarOps>(zt, n, d, w, gradient),
        };

    /// <summary>
    /// gradient[c] = Σ_{a&gt;b} W_ab g_ab u_abc² and returns Σ_{a&gt;b} W_ab k_ab (both per unit σ²).
    /// Vectors run over b; the remainder of each row goes through the scalar instantiation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Accumulate<TKernel, TVec, TOps>(ReadOnlySpan<double> zt, int n, int d, ReadOnlySpan<double> w, Span<double> gradient)
        where TKernel : IStationaryKernel
        where TVec : unmanaged
        where TOps : ISimdOps<TVec>
    {
        const int StackLimit = 64;
        Span<TVec> accumulators = d <= StackLimit ? stackalloc TVec[StackLimit] : new TVec[d];
        Span<double> tailAccumulators = d <= StackLimit ? stackalloc double[StackLimit] : new double[d];
        accumulators = accumulators[..d];
        tailAccumulators = tailAccumulators[..d];
        accumulators.Clear();
        tailAccumulators.Clear();
        TVec kernelSum = TOps.Create(0.0);
        double tailKernelSum = 0;
        int lanes = TOps.Count;
        for (int a = 1; a < n; a++)
        {
            ReadOnlySpan<double> wRow = w.Slice(a * n, a);
            int vectorEnd = a - (a % lanes);
            AccumulateRow<TKernel, TVec, TOps>(zt, n, d, a, 0, vectorEnd, wRow, accumulators, ref kernelSum);
            if (vectorEnd < a)
            {
                AccumulateRow<TKernel, double, ScalarOps>(zt, n, d, a, vectorEnd, a, wRow, tailAccumulators, ref tailKernelSum);
            }
        }

        for (int c = 0; c < d; c++)
        {
            gradient[c] = TOps.Sum(accumulators[c]) + tailAccumulators[c];
        }

        return TOps.Sum(kernelSum) + tailKernelSum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateRow<TKernel, TVec, TOps>(ReadOnlySpan<double> zt, int n, int d, int a, int start, int end,
        ReadOnlySpan<double> wRow, Span<TVec> accumulators, ref TVec kernelSum)
        where TKernel : IStationaryKernel
        where TVec : unmanaged
        where TOps : ISimdOps<TVec>
    {
        ref double zRef = ref MemoryMarshal.GetReference(zt);
        ref double wRef = ref MemoryMarshal.GetReference(wRow);
        ref TVec accRef = ref MemoryMarshal.GetReference(accumulators);
        int lanes = TOps.Count;
        for (int b = start; b < end; b += lanes)
        {
            TVec r2 = TOps.Create(0.0);
            for (int c = 0; c < d; c++)
            {
                TVec diff = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref zRef, (c * n) + b)), TOps.Create(Unsafe.Add(ref zRef, (c * n) + a)));
                r2 = TOps.MultiplyAdd(diff, diff, r2);
            }

            TVec k = TKernel.ValueAndLengthscaleFactor<TVec, TOps>(r2, out TVec g);
            TVec weight = TOps.Load(ref Unsafe.Add(ref wRef, b));
            kernelSum = TOps.MultiplyAdd(weight, k, kernelSum);
            TVec weightedFactor = TOps.Multiply(weight, g);
            for (int c = 0; c < d; c++)
            {
                TVec diff = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref zRef, (c * n) + b)), TOps.Create(Unsafe.Add(ref zRef, (c * n) + a)));
                ref TVec acc = ref Unsafe.Add(ref accRef, c);
                acc = TOps.MultiplyAdd(weightedFactor, TOps.Multiply(diff, diff), acc);
            }
        }
    }
}
