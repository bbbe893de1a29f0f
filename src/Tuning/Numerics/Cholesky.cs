using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tuning.Numerics;

/// <summary>
/// In-place Cholesky factorization A = L·Lᵀ of a symmetric positive-definite, row-major matrix: only the lower
/// triangle (with the diagonal) is read and overwritten by L; the strict upper triangle is not touched.
/// </summary>
/// <remarks>
/// Recursive (Gustavson 1997; Ahmed &amp; Pingali 2000): split A into 2×2 blocks, factor A₁₁, solve
/// L₂₁ = A₂₁·L₁₁⁻ᵀ, update A₂₂ −= L₂₁·L₂₁ᵀ, factor A₂₂. The triangular solve recurses the same way, so almost all
/// the flops land in <see cref="Gemm"/> with large inner dimensions; small diagonal blocks use a
/// row-oriented (Cholesky–Crout) loop. A failing pivot is reported with its column; NaN and ±∞ are reported as
/// <see cref="CholeskyStatus.NonFinite"/>. The tests compare it with a plain
/// twin, <c>CholeskyScalar</c> in <c>tests/Shared/Numerics</c>, which the product does not ship.
/// </remarks>
internal static unsafe class Cholesky
{
    /// <summary>Diagonal blocks up to this order are factored by the unblocked loop: 16; the benchmarks alone override it (<see cref="BlockSize"/>).</summary>
    internal static readonly int BaseOrder = BlockSize.Read("Cholesky.BaseOrder", 16);

    /// <summary>Triangular solves with up to this many columns are done by the unblocked loop: 8; the benchmarks alone override it (<see cref="BlockSize"/>).</summary>
    internal static readonly int TrsmBaseWidth = BlockSize.Read("Cholesky.TrsmBaseWidth", 8);

    /// <summary>Factors the n×n matrix at <paramref name="matrix"/> (leading dimension <paramref name="stride"/>) in place.</summary>
    /// <param name="matrix">The matrix; its lower triangle becomes L.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The distance between rows (≥ n).</param>
    /// <param name="parallel">Use two threads for the large block products (worth it from n ≈ 500 on).</param>
    /// <returns>Success, or the failing column and why.</returns>
    public static CholeskyResult Factor(Span<double> matrix, int n, int stride, bool parallel = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, Math.Max(n, 1));
        if (n == 0)
        {
            return CholeskyResult.Success;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(matrix.Length, ((n - 1) * stride) + n, nameof(matrix));
        fixed (double* a = matrix)
        {
            return Factor(a, n, stride, parallel);
        }
    }

    /// <summary>Pointer form of <see cref="Factor(Span{double}, int, int, bool)"/>; the caller guarantees the sizes.</summary>
    /// <param name="a">The matrix.</param>
    /// <param name="n">The order.</param>
    /// <param name="lda">The leading dimension.</param>
    /// <param name="parallel">Use two threads for the large block products.</param>
    /// <returns>Success, or the failing column and why.</returns>
    internal static CholeskyResult Factor(double* a, int n, int lda, bool parallel = false)
    {
        if (n <= BaseOrder)
        {
            return FactorUnblocked(a, n, lda);
        }

        int n1 = Split(n);
        int n2 = n - n1;
        CholeskyResult result = Factor(a, n1, lda, parallel);
        if (!result.IsSuccess)
        {
            return result;
        }

        double* a21 = a + ((long)n1 * lda);
        double* a22 = a21 + n1;
        SolveRightLowerTransposed(a, n1, lda, a21, n2, lda, parallel);
        Gemm.MultiplySubtract(a22, lda, n2, n2, n1, a21, lda, false, a21, lda, true, lowerOnly: true, parallel);
        return Factor(a22, n2, lda, parallel).Offset(n1);
    }

    /// <summary>Splits n in two halves, the first a multiple of the micro-tile so the products see full tiles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Split(int n)
    {
        int half = n / 2;
        int rounded = half - (half % Gemm.NR);
        return rounded > 0 ? rounded : half;
    }

    /// <summary>
    /// Solves X·Lᵀ = B in place for the m×w matrix B (leading dimension <paramref name="ldb"/>), with L the w×w lower
    /// triangle at <paramref name="l"/>: the panel step L₂₁ = A₂₁·L₁₁⁻ᵀ of the factorization.
    /// </summary>
    internal static void SolveRightLowerTransposed(double* l, int w, int ldl, double* b, int m, int ldb, bool parallel = false)
    {
        if (w <= TrsmBaseWidth)
        {
            SolveRightLowerTransposedUnblocked(l, w, ldl, b, m, ldb);
            return;
        }

        int w1 = Split(w);
        SolveRightLowerTransposed(l, w1, ldl, b, m, ldb, parallel);
        Gemm.MultiplySubtract(b + w1, ldb, m, w - w1, w1, b, ldb, false, l + ((long)w1 * ldl), ldl, true, lowerOnly: false, parallel);
        SolveRightLowerTransposed(l + ((long)w1 * ldl) + w1, w - w1, ldl, b + w1, m, ldb, parallel);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SolveRightLowerTransposedUnblocked(double* l, int w, int ldl, double* b, int m, int ldb)
    {
        double* inverse = stackalloc double[w];
        for (int j = 0; j < w; j++)
        {
            inverse[j] = 1.0 / l[((long)j * ldl) + j];
        }

        // Two rows at a time: independent dependency chains keep both FMA pipes busy.
        int i = 0;
        for (; i + 2 <= m; i += 2)
        {
            double* x0 = b + ((long)i * ldb);
            double* x1 = x0 + ldb;
            for (int j = 0; j < w; j++)
            {
                double* lj = l + ((long)j * ldl);
                double s0 = x0[j], s1 = x1[j];
                for (int p = 0; p < j; p++)
                {
                    s0 -= x0[p] * lj[p];
                    s1 -= x1[p] * lj[p];
                }

                x0[j] = s0 * inverse[j];
                x1[j] = s1 * inverse[j];
            }
        }

        for (; i < m; i++)
        {
            double* x = b + ((long)i * ldb);
            for (int j = 0; j < w; j++)
            {
                double* lj = l + ((long)j * ldl);
                double s = x[j];
                for (int p = 0; p < j; p++)
                {
                    s -= x[p] * lj[p];
                }

                x[j] = s * inverse[j];
            }
        }
    }

    /// <summary>Row-oriented Cholesky–Crout: L[i, j] = (A[i, j] − L[i, :j]·L[j, :j]) / L[j, j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static CholeskyResult FactorUnblocked(double* a, int n, int lda)
    {
        double* inverse = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            double* rowI = a + ((long)i * lda);
            for (int j = 0; j < i; j++)
            {
                double* rowJ = a + ((long)j * lda);
                rowI[j] = (rowI[j] - Dot(rowI, rowJ, j)) * inverse[j];
            }

            double pivot = rowI[i] - Dot(rowI, rowI, i);
            if (!(pivot > 0 && pivot < double.PositiveInfinity))
            {
                return Failure(rowI, i, pivot);
            }

            double root = Math.Sqrt(pivot);
            rowI[i] = root;
            inverse[i] = 1.0 / root;
        }

        return CholeskyResult.Success;
    }

    /// <summary>Classifies a failed pivot: non-finite if it or anything already computed in its row is.</summary>
    private static CholeskyResult Failure(double* row, int column, double pivot)
    {
        bool finite = double.IsFinite(pivot);
        for (int j = 0; j < column && finite; j++)
        {
            finite = double.IsFinite(row[j]);
        }

        return new CholeskyResult(finite ? CholeskyStatus.NotPositiveDefinite : CholeskyStatus.NonFinite, column);
    }

    /// <summary>Σ_{p&lt;length} x[p]·y[p], vectorized with two accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Dot(double* x, double* y, int length)
    {
        int p = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && length >= 8)
        {
            Vector256<double> s0 = Vector256<double>.Zero, s1 = Vector256<double>.Zero;
            for (; p + 8 <= length; p += 8)
            {
                s0 = Vector256.MultiplyAddEstimate(Vector256.Load(x + p), Vector256.Load(y + p), s0);
                s1 = Vector256.MultiplyAddEstimate(Vector256.Load(x + p + 4), Vector256.Load(y + p + 4), s1);
            }

            sum = Vector256.Sum(s0 + s1);
        }

        for (; p < length; p++)
        {
            sum += x[p] * y[p];
        }

        return sum;
    }
}
