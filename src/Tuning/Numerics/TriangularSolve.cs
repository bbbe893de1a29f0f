using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tuning.Numerics;

/// <summary>
/// Solves with a lower-triangular factor L (row-major, leading dimension <c>stride</c>, only the lower triangle read):
/// L·x = b and Lᵀ·x = b for one right-hand side, and L·X = B, Lᵀ·X = B for many, all in place.
/// </summary>
/// <remarks>
/// For many right-hand sides B is n×m row-major, so the vectors run across the m right-hand sides (one candidate per
/// column when computing posterior variances). The solve recurses like <see cref="Cholesky"/>: the off-diagonal block
/// is a <see cref="Gemm"/>, the diagonal blocks an unblocked substitution with register accumulators.
/// The tests compare them with plain twins, <c>TriangularSolveScalar</c> in <c>tests/Shared/Numerics</c>.
/// </remarks>
internal static unsafe class TriangularSolve
{
    /// <summary>Diagonal blocks up to this order use the unblocked substitution: 24; the benchmarks alone override it (<see cref="BlockSize"/>).</summary>
    internal static readonly int BaseOrder = BlockSize.Read("TriangularSolve.BaseOrder", 24);

    /// <summary>Solves L·x = b in place (forward substitution: x_i = (b_i − L[i, :i]·x[:i]) / L[i, i]).</summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The factor's row stride.</param>
    /// <param name="x">b on entry, x on return (length ≥ n).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SolveLower(ReadOnlySpan<double> l, int n, int stride, Span<double> x)
    {
        Validate(l, n, stride, x.Length, n);
        for (int i = 0; i < n; i++)
        {
            x[i] = (x[i] - TensorPrimitives.Dot(l.Slice(i * stride, i), x[..i])) / l[(i * stride) + i];
        }
    }

    /// <summary>Solves Lᵀ·x = b in place (backward substitution by rows of L: after x_i is known, x[:i] −= x_i·L[i, :i]).</summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The factor's row stride.</param>
    /// <param name="x">b on entry, x on return (length ≥ n).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SolveLowerTransposed(ReadOnlySpan<double> l, int n, int stride, Span<double> x)
    {
        Validate(l, n, stride, x.Length, n);
        for (int i = n - 1; i >= 0; i--)
        {
            double xi = x[i] / l[(i * stride) + i];
            x[i] = xi;
            TensorPrimitives.MultiplyAdd(l.Slice(i * stride, i), -xi, x[..i], x[..i]);
        }
    }

    /// <summary>Solves L·X = B in place for B n×m row-major (m right-hand sides, SIMD across them).</summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The factor's row stride.</param>
    /// <param name="b">B on entry, X on return (n×m row-major).</param>
    /// <param name="m">The number of right-hand sides.</param>
    /// <param name="parallel">Use two threads for the large block products.</param>
    public static void SolveLowerMany(ReadOnlySpan<double> l, int n, int stride, Span<double> b, int m, bool parallel = false)
    {
        Validate(l, n, stride, b.Length, n * m);
        if (n == 0 || m == 0)
        {
            return;
        }

        fixed (double* lp = l)
        fixed (double* bp = b)
        {
            SolveLowerMany(lp, n, stride, bp, m, m, parallel);
        }
    }

    /// <summary>Solves Lᵀ·X = B in place for B n×m row-major (m right-hand sides, SIMD across them).</summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The factor's row stride.</param>
    /// <param name="b">B on entry, X on return (n×m row-major).</param>
    /// <param name="m">The number of right-hand sides.</param>
    /// <param name="parallel">Use two threads for the large block products.</param>
    public static void SolveLowerTransposedMany(ReadOnlySpan<double> l, int n, int stride, Span<double> b, int m, bool parallel = false)
    {
        Validate(l, n, stride, b.Length, n * m);
        if (n == 0 || m == 0)
        {
            return;
        }

        fixed (double* lp = l)
        fixed (double* bp = b)
        {
            SolveLowerTransposedMany(lp, n, stride, bp, m, m, parallel);
        }
    }

    /// <summary>Pointer form of <see cref="SolveLowerMany(ReadOnlySpan{double}, int, int, Span{double}, int, bool)"/> with a row stride for B.</summary>
    internal static void SolveLowerMany(double* l, int n, int ldl, double* b, int m, int ldb, bool parallel = false)
    {
        if (n <= BaseOrder)
        {
            LowerUnblocked(l, n, ldl, b, m, ldb);
            return;
        }

        int n1 = Cholesky.Split(n);
        SolveLowerMany(l, n1, ldl, b, m, ldb, parallel);
        Gemm.MultiplySubtract(b + ((long)n1 * ldb), ldb, n - n1, m, n1, l + ((long)n1 * ldl), ldl, false, b, ldb, false, lowerOnly: false, parallel);
        SolveLowerMany(l + ((long)n1 * ldl) + n1, n - n1, ldl, b + ((long)n1 * ldb), m, ldb, parallel);
    }

    /// <summary>Pointer form of <see cref="SolveLowerTransposedMany(ReadOnlySpan{double}, int, int, Span{double}, int, bool)"/> with a row stride for B.</summary>
    internal static void SolveLowerTransposedMany(double* l, int n, int ldl, double* b, int m, int ldb, bool parallel = false)
    {
        if (n <= BaseOrder)
        {
            UpperUnblocked(l, n, ldl, b, m, ldb);
            return;
        }

        int n1 = Cholesky.Split(n);
        double* b2 = b + ((long)n1 * ldb);
        SolveLowerTransposedMany(l + ((long)n1 * ldl) + n1, n - n1, ldl, b2, m, ldb, parallel);

        // B₁ −= L₂₁ᵀ·X₂, with L₂₁ (n₂×n₁) read transposed.
        Gemm.MultiplySubtract(b, ldb, n1, m, n - n1, l + ((long)n1 * ldl), ldl, true, b2, ldb, false, lowerOnly: false, parallel);
        SolveLowerTransposedMany(l, n1, ldl, b, m, ldb, parallel);
    }

    /// <summary>X[i, :] = (B[i, :] − Σ_{p&lt;i} L[i, p]·X[p, :]) / L[i, i], eight right-hand sides per pass in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LowerUnblocked(double* l, int n, int ldl, double* b, int m, int ldb)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 8 <= m; j += 8)
            {
                for (int i = 0; i < n; i++)
                {
                    double* li = l + ((long)i * ldl);
                    double* bi = b + ((long)i * ldb) + j;
                    Vector256<double> s0 = Vector256.Load(bi), s1 = Vector256.Load(bi + 4);
                    for (int p = 0; p < i; p++)
                    {
                        Vector256<double> lp = Vector256.Create(-li[p]);
                        double* xp = b + ((long)p * ldb) + j;
                        s0 = Vector256.MultiplyAddEstimate(lp, Vector256.Load(xp), s0);
                        s1 = Vector256.MultiplyAddEstimate(lp, Vector256.Load(xp + 4), s1);
                    }

                    Vector256<double> inverse = Vector256.Create(1.0 / li[i]);
                    Vector256.Store(s0 * inverse, bi);
                    Vector256.Store(s1 * inverse, bi + 4);
                }
            }
        }

        for (; j < m; j++)
        {
            for (int i = 0; i < n; i++)
            {
                double* li = l + ((long)i * ldl);
                double s = b[((long)i * ldb) + j];
                for (int p = 0; p < i; p++)
                {
                    s -= li[p] * b[((long)p * ldb) + j];
                }

                b[((long)i * ldb) + j] = s / li[i];
            }
        }
    }

    /// <summary>X[i, :] = (B[i, :] − Σ_{p&gt;i} L[p, i]·X[p, :]) / L[i, i] for i from the bottom, eight right-hand sides per pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpperUnblocked(double* l, int n, int ldl, double* b, int m, int ldb)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 8 <= m; j += 8)
            {
                for (int i = n - 1; i >= 0; i--)
                {
                    double* bi = b + ((long)i * ldb) + j;
                    Vector256<double> s0 = Vector256.Load(bi), s1 = Vector256.Load(bi + 4);
                    for (int p = i + 1; p < n; p++)
                    {
                        Vector256<double> lp = Vector256.Create(-l[((long)p * ldl) + i]);
                        double* xp = b + ((long)p * ldb) + j;
                        s0 = Vector256.MultiplyAddEstimate(lp, Vector256.Load(xp), s0);
                        s1 = Vector256.MultiplyAddEstimate(lp, Vector256.Load(xp + 4), s1);
                    }

                    Vector256<double> inverse = Vector256.Create(1.0 / l[((long)i * ldl) + i]);
                    Vector256.Store(s0 * inverse, bi);
                    Vector256.Store(s1 * inverse, bi + 4);
                }
            }
        }

        for (; j < m; j++)
        {
            for (int i = n - 1; i >= 0; i--)
            {
                double s = b[((long)i * ldb) + j];
                for (int p = i + 1; p < n; p++)
                {
                    s -= l[((long)p * ldl) + i] * b[((long)p * ldb) + j];
                }

                b[((long)i * ldb) + j] = s / l[((long)i * ldl) + i];
            }
        }
    }

    private static void Validate(ReadOnlySpan<double> l, int n, int stride, int rightLength, int rightNeeded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, Math.Max(n, 1));
        if (n > 0 && l.Length < ((n - 1) * stride) + n)
        {
            throw new ArgumentException("The factor is smaller than its order and stride say.", nameof(l));
        }

        if (rightLength < rightNeeded)
        {
            throw new ArgumentException($"Expected at least {rightNeeded} right-hand-side values, got {rightLength}.", nameof(rightLength));
        }
    }
}
