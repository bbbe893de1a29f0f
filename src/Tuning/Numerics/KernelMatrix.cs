using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tuning.Numerics;

/// <summary>
/// Covariance matrices of the stationary ARD kernels (<see cref="KernelKind"/>): the symmetric K(X, X), the cross
/// covariance K(X*, X) and the diagonal. All buffers are row-major; a set of points is an n×d matrix.
/// </summary>
/// <remarks>
/// The points are first scaled by their lengthscales and transposed (z_c = x_c / ℓ_c, stored d×n), so that for one
/// point the distances to a run of other points are computed a vector at a time; the kernel function and its
/// exponential then run on the same vector (<see cref="IStationaryKernel"/>). Differences are taken directly rather
/// than through ‖a‖² + ‖b‖² − 2a·b, which cancels catastrophically for nearby points.
/// The tests compare it with a plain twin, <c>KernelMatrixScalar</c> in <c>tests/Shared/Numerics</c>.
/// </remarks>
internal static class KernelMatrix
{
    /// <summary>
    /// Writes the symmetric n×n matrix K[a, b] = k(x_a, x_b) (no noise on the diagonal) into <paramref name="k"/>.
    /// The lower triangle is computed and mirrored into the upper one.
    /// </summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="x">The points, n×d row-major.</param>
    /// <param name="n">The number of points.</param>
    /// <param name="d">The number of dimensions.</param>
    /// <param name="lengthscales">One positive lengthscale per dimension (length d).</param>
    /// <param name="signalVariance">The positive signal variance σ².</param>
    /// <param name="k">Receives K, n×n row-major.</param>
    /// <param name="width">The vector width to use; tests force each one, callers leave the default.</param>
    public static void Symmetric(KernelKind kind, ReadOnlySpan<double> x, int n, int d, ReadOnlySpan<double> lengthscales,
        double signalVariance, Span<double> k, SimdWidth width = SimdWidth.Auto)
    {
        ValidatePoints(x, n, d, nameof(x));
        ValidateHyperparameters(lengthscales, d, signalVariance);
        ArgumentOutOfRangeException.ThrowIfLessThan(k.Length, n * n, nameof(k));
        if (n == 0)
        {
            return;
        }

        double[] rented = ArrayPool<double>.Shared.Rent(n * d);
        try
        {
            Span<double> zt = rented.AsSpan(0, n * d);
            ScaleTransposed(x, n, d, lengthscales, zt);
            for (int a = 0; a < n; a++)
            {
                Span<double> row = k.Slice(a * n, n);
                FillRow(kind, width, zt, n, d, zt, n, a, a, signalVariance, row);
                row[a] = signalVariance;
            }

            MirrorLowerToUpper(k, n);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Writes the m×n cross covariance K[i, j] = k(x*_i, x_j) between <paramref name="rows"/> (m×d) and
    /// <paramref name="columns"/> (n×d). For the posterior variance of a batch of candidates, call it with the
    /// training points as <paramref name="rows"/> and the candidates as <paramref name="columns"/>: the n×m result is
    /// the right-hand side layout <see cref="TriangularSolve.SolveLowerMany(ReadOnlySpan{double}, int, int, Span{double}, int, bool)"/> wants (SIMD across candidates).
    /// </summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="rows">The points indexing the rows of the result, m×d row-major.</param>
    /// <param name="m">The number of row points.</param>
    /// <param name="columns">The points indexing the columns of the result, n×d row-major.</param>
    /// <param name="n">The number of column points.</param>
    /// <param name="d">The number of dimensions.</param>
    /// <param name="lengthscales">One positive lengthscale per dimension (length d).</param>
    /// <param name="signalVariance">The positive signal variance σ².</param>
    /// <param name="k">Receives the m×n matrix, row-major.</param>
    /// <param name="width">The vector width to use; tests force each one, callers leave the default.</param>
    public static void Cross(KernelKind kind, ReadOnlySpan<double> rows, int m, ReadOnlySpan<double> columns, int n, int d,
        ReadOnlySpan<double> lengthscales, double signalVariance, Span<double> k, SimdWidth width = SimdWidth.Auto)
    {
        ValidatePoints(rows, m, d, nameof(rows));
        ValidatePoints(columns, n, d, nameof(columns));
        ValidateHyperparameters(lengthscales, d, signalVariance);
        ArgumentOutOfRangeException.ThrowIfLessThan(k.Length, m * n, nameof(k));
        if (m == 0 || n == 0)
        {
            return;
        }

        double[] rented = ArrayPool<double>.Shared.Rent((n + m) * d);
        try
        {
            Span<double> zt = rented.AsSpan(0, n * d);
            Span<double> zRows = rented.AsSpan(n * d, m * d);
            ScaleTransposed(columns, n, d, lengthscales, zt);
            ScaleTransposed(rows, m, d, lengthscales, zRows);
            for (int i = 0; i < m; i++)
            {
                FillRow(kind, width, zt, n, d, zRows, m, i, n, signalVariance, k.Slice(i * n, n));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Writes zt[c·n + j] = x[j·d + c] / ℓ_c: the lengthscale-scaled points, transposed to d×n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ScaleTransposed(ReadOnlySpan<double> x, int n, int d, ReadOnlySpan<double> lengthscales, Span<double> zt)
    {
        for (int c = 0; c < d; c++)
        {
            double inverse = 1.0 / lengthscales[c];
            Span<double> column = zt.Slice(c * n, n);
            for (int j = 0; j < n; j++)
            {
                column[j] = x[(j * d) + c] * inverse;
            }
        }
    }

    /// <summary>Copies the strict lower triangle onto the upper one, in cache-sized tiles of 4×4 register transposes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void MirrorLowerToUpper(Span<double> k, int n)
    {
        const int Tile = 32;
        fixed (double* a = k)
        {
            for (int i0 = 0; i0 < n; i0 += Tile)
            {
                int i1 = Math.Min(i0 + Tile, n);
                for (int j0 = 0; j0 <= i0; j0 += Tile)
                {
                    int j1 = Math.Min(j0 + Tile, n);
                    if (Avx.IsSupported && j0 < i0 && i1 - i0 == Tile && j1 - j0 == Tile)
                    {
                        // An off-diagonal full tile: 4×4 blocks transposed in registers.
                        for (int i = i0; i < i1; i += 4)
                        {
                            for (int j = j0; j < j1; j += 4)
                            {
                                Transpose4x4(a + ((long)i * n) + j, a + ((long)j * n) + i, n);
                            }
                        }

                        continue;
                    }

                    for (int i = i0; i < i1; i++)
                    {
                        int jEnd = Math.Min(j1, i);
                        for (int j = j0; j < jEnd; j++)
                        {
                            a[((long)j * n) + i] = a[((long)i * n) + j];
                        }
                    }
                }
            }
        }
    }

    /// <summary>Writes the transpose of the 4×4 block at <paramref name="source"/> to <paramref name="destination"/> (both with row stride n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose4x4(double* source, double* destination, int n)
    {
        Vector256<double> r0 = Avx.LoadVector256(source);
        Vector256<double> r1 = Avx.LoadVector256(source + n);
        Vector256<double> r2 = Avx.LoadVector256(source + (2 * n));
        Vector256<double> r3 = Avx.LoadVector256(source + (3 * n));
        Vector256<double> t0 = Avx.UnpackLow(r0, r1);
        Vector256<double> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<double> t2 = Avx.UnpackLow(r2, r3);
        Vector256<double> t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(destination, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(destination + n, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(destination + (2 * n), Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(destination + (3 * n), Avx.Permute2x128(t1, t3, 0x31));
    }

    /// <summary>
    /// Writes destination[j] = σ² k(z_point, z_j) for j in [0, length), where z_j is column j of the transposed,
    /// scaled points <paramref name="zt"/> (d×<paramref name="stride"/>) and z_point is column
    /// <paramref name="point"/> of <paramref name="zPoints"/> (d×<paramref name="pointStride"/>).
    /// </summary>
    private static void FillRow(KernelKind kind, SimdWidth width, ReadOnlySpan<double> zt, int stride, int d,
        ReadOnlySpan<double> zPoints, int pointStride, int point, int length, double signalVariance, Span<double> destination)
    {
        if (kind == KernelKind.Matern52)
        {
            FillRow<Matern52Kernel>(width, zt, stride, d, zPoints, pointStride, point, length, signalVariance, destination);
        }
        else
        {
            FillRow<SquaredExponentialKernel>(width, zt, stride, d, zPoints, pointStride, point, length, signalVariance, destination);
        }
    }

    private static void FillRow<TKernel>(SimdWidth width, ReadOnlySpan<double> zt, int stride, int d,
        ReadOnlySpan<double> zPoints, int pointStride, int point, int length, double signalVariance, Span<double> destination)
        where TKernel : IStationaryKernel
    {
        switch (width.Resolve())
        {
            case SimdWidth.Vector512:
                FillRow<TKernel, Vector512<double>, Simd512Ops>(zt, stride, d, zPoints, pointStride, point, length, signalVariance, destination);
                break;
            case SimdWidth.Vector256:
                FillRow<TKernel, Vector256<double>, Simd256Ops>(zt, stride, d, zPoints, pointStride, point, length, signalVariance, destination);
                break;
            case SimdWidth.Vector128:
                FillRow<TKernel, Vector128<double>, Simd128Ops>(zt, stride, d, zPoints, pointStride, point, length, signalVariance, destination);
                break;
            default:
                FillRow<TKernel, double, ScalarOps>(zt, stride, d, zPoints, pointStride, point, length, signalVariance, destination);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillRow<TKernel, TVec, TOps>(ReadOnlySpan<double> zt, int stride, int d,
        ReadOnlySpan<double> zPoints, int pointStride, int point, int length, double signalVariance, Span<double> destination)
        where TKernel : IStationaryKernel
        where TVec : unmanaged
        where TOps : ISimdOps<TVec>
    {
        int w = TOps.Count;
        if (length <= 0)
        {
            return;
        }

        if (length < w)
        {
            // Too short for one vector: the scalar instantiation of the same code.
            FillRow<TKernel, double, ScalarOps>(zt, stride, d, zPoints, pointStride, point, length, signalVariance, destination);
            return;
        }

        ref double zRef = ref MemoryMarshal.GetReference(zt);
        ref double pointRef = ref Unsafe.Add(ref MemoryMarshal.GetReference(zPoints), point);
        ref double destinationRef = ref MemoryMarshal.GetReference(destination);
        TVec sigma2 = TOps.Create(signalVariance);
        int j = 0;

        // Four vectors per step: four independent FMA chains for the distances hide their latency.
        for (; j + (4 * w) <= length; j += 4 * w)
        {
            TVec r2a = TOps.Create(0.0), r2b = TOps.Create(0.0), r2c = TOps.Create(0.0), r2d = TOps.Create(0.0);
            for (int c = 0; c < d; c++)
            {
                ref double zc = ref Unsafe.Add(ref zRef, (c * stride) + j);
                TVec p = TOps.Create(Unsafe.Add(ref pointRef, c * pointStride));
                TVec diffA = TOps.Subtract(TOps.Load(ref zc), p);
                TVec diffB = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref zc, w)), p);
                TVec diffC = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref zc, 2 * w)), p);
                TVec diffD = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref zc, 3 * w)), p);
                r2a = TOps.MultiplyAdd(diffA, diffA, r2a);
                r2b = TOps.MultiplyAdd(diffB, diffB, r2b);
                r2c = TOps.MultiplyAdd(diffC, diffC, r2c);
                r2d = TOps.MultiplyAdd(diffD, diffD, r2d);
            }

            ref double destination0 = ref Unsafe.Add(ref destinationRef, j);
            TOps.Store(TOps.Multiply(TKernel.Value<TVec, TOps>(r2a), sigma2), ref destination0);
            TOps.Store(TOps.Multiply(TKernel.Value<TVec, TOps>(r2b), sigma2), ref Unsafe.Add(ref destination0, w));
            TOps.Store(TOps.Multiply(TKernel.Value<TVec, TOps>(r2c), sigma2), ref Unsafe.Add(ref destination0, 2 * w));
            TOps.Store(TOps.Multiply(TKernel.Value<TVec, TOps>(r2d), sigma2), ref Unsafe.Add(ref destination0, 3 * w));
        }

        while (j < length)
        {
            // The last vector may overlap the previous one instead of a scalar tail: the writes are idempotent.
            j = Math.Min(j, length - w);
            TVec r2 = TOps.Create(0.0);
            for (int c = 0; c < d; c++)
            {
                TVec diff = TOps.Subtract(
                    TOps.Load(ref Unsafe.Add(ref zRef, (c * stride) + j)),
                    TOps.Create(Unsafe.Add(ref pointRef, c * pointStride)));
                r2 = TOps.MultiplyAdd(diff, diff, r2);
            }

            TOps.Store(TOps.Multiply(TKernel.Value<TVec, TOps>(r2), sigma2), ref Unsafe.Add(ref destinationRef, j));
            j += w;
        }
    }

    /// <summary>Throws unless <paramref name="points"/> holds at least n·d values and the sizes are non-negative.</summary>
    internal static void ValidatePoints(ReadOnlySpan<double> points, int n, int d, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n, name);
        ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(d));
        if (points.Length < n * d)
        {
            throw new ArgumentException($"Expected at least {n}×{d} values, got {points.Length}.", name);
        }
    }

    /// <summary>Throws unless every lengthscale and the signal variance are positive and finite.</summary>
    internal static void ValidateHyperparameters(ReadOnlySpan<double> lengthscales, int d, double signalVariance)
    {
        if (lengthscales.Length != d)
        {
            throw new ArgumentException($"Expected {d} lengthscales, got {lengthscales.Length}.", nameof(lengthscales));
        }

        foreach (double l in lengthscales)
        {
            if (!(l > 0) || !double.IsFinite(l))
            {
                throw new ArgumentOutOfRangeException(nameof(lengthscales), l, "Lengthscales must be positive and finite.");
            }
        }

        if (!(signalVariance > 0) || !double.IsFinite(signalVariance))
        {
            throw new ArgumentOutOfRangeException(nameof(signalVariance), signalVariance, "The signal variance must be positive and finite.");
        }
    }
}
