namespace Tuning.Numerics;

/// <content>Solves, inverse and extension.</content>
internal sealed partial class CholeskyFactor
{
    /// <summary>Below this many new rows, <see cref="Extend"/> substitutes row by row instead of the blocked solve.</summary>
    private const int ExtendBlockedThreshold = 16;

    /// <summary>Solves L·x = b in place.</summary>
    /// <param name="x">b on entry (length ≥ <see cref="Order"/>), x on return.</param>
    public void SolveLower(Span<double> x) => TriangularSolve.SolveLower(_data, Order, _stride, x);

    /// <summary>Solves Lᵀ·x = b in place.</summary>
    /// <param name="x">b on entry (length ≥ <see cref="Order"/>), x on return.</param>
    public void SolveLowerTransposed(Span<double> x) => TriangularSolve.SolveLowerTransposed(_data, Order, _stride, x);

    /// <summary>Writes x = K⁻¹·b (two triangular solves). <paramref name="b"/> and <paramref name="x"/> may be the same span.</summary>
    /// <param name="b">The right-hand side (length <see cref="Order"/>).</param>
    /// <param name="x">Receives K⁻¹·b.</param>
    public void Solve(ReadOnlySpan<double> b, Span<double> x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(b.Length, Order, nameof(b));
        ArgumentOutOfRangeException.ThrowIfLessThan(x.Length, Order, nameof(x));
        b[..Order].CopyTo(x);
        SolveLower(x);
        SolveLowerTransposed(x);
    }

    /// <summary>Returns K⁻¹·b, e.g. α = K⁻¹y.</summary>
    /// <param name="b">The right-hand side (length <see cref="Order"/>).</param>
    /// <returns>A new array holding K⁻¹·b.</returns>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var x = new double[Order];
        Solve(b, x);
        return x;
    }

    /// <summary>
    /// Solves L·X = B in place for B n×m row-major: the hot path of the posterior variance of m candidates
    /// (B = K(X, X*), then var_j = k(x*_j, x*_j) − Σ_i X[i, j]², see <see cref="ColumnSumsOfSquares"/>).
    /// </summary>
    /// <param name="b">B on entry (n×m row-major), X on return.</param>
    /// <param name="columns">The number m of right-hand sides.</param>
    public void SolveLowerMany(Span<double> b, int columns) => TriangularSolve.SolveLowerMany(_data, Order, _stride, b, columns, UseParallelism);

    /// <summary>Solves Lᵀ·X = B in place for B n×m row-major.</summary>
    /// <param name="b">B on entry (n×m row-major), X on return.</param>
    /// <param name="columns">The number m of right-hand sides.</param>
    public void SolveLowerTransposedMany(Span<double> b, int columns) => TriangularSolve.SolveLowerTransposedMany(_data, Order, _stride, b, columns, UseParallelism);

    /// <summary>Overwrites B (n×m row-major) with K⁻¹·B.</summary>
    /// <param name="b">B on entry, K⁻¹·B on return.</param>
    /// <param name="columns">The number m of right-hand sides.</param>
    public void SolveMany(Span<double> b, int columns)
    {
        SolveLowerMany(b, columns);
        SolveLowerTransposedMany(b, columns);
    }

    /// <summary>Writes sums[j] = Σ_i B[i, j]² for B n×m row-major (the explained variance after <see cref="SolveLowerMany"/>).</summary>
    /// <param name="b">B, n×m row-major.</param>
    /// <param name="rows">n.</param>
    /// <param name="columns">m.</param>
    /// <param name="sums">Receives the m column sums.</param>
    public static void ColumnSumsOfSquares(ReadOnlySpan<double> b, int rows, int columns, Span<double> sums)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(b.Length, rows * columns, nameof(b));
        ArgumentOutOfRangeException.ThrowIfLessThan(sums.Length, columns, nameof(sums));
        Span<double> target = sums[..columns];
        target.Clear();
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<double> row = b.Slice(i * columns, columns);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(row, row, target, target);
        }
    }

    /// <summary>Writes K⁻¹ (n×n row-major, exactly symmetric) into <paramref name="destination"/>, e.g. for W = ααᵀ − K⁻¹.</summary>
    /// <param name="destination">Receives K⁻¹ (length ≥ n²).</param>
    /// <remarks>
    /// K⁻¹ = L⁻ᵀL⁻¹ in two triangular passes that skip the zeros (LAPACK's dtrtri and dlauum): X = L⁻¹ by blocks of
    /// columns, each a forward solve that starts at its own diagonal, then the lower triangle of XᵀX by blocks of rows,
    /// each summing only where X is not zero — n³/3 multiply-adds in all, against n³ for two full solves against the
    /// identity.
    /// </remarks>
    public void Inverse(Span<double> destination)
    {
        int n = Order;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, n * n, nameof(destination));
        Span<double> inverse = destination[..(n * n)];
        double[] x = System.Buffers.ArrayPool<double>.Shared.Rent(Math.Max(1, n * n));
        try
        {
            unsafe
            {
                fixed (double* l = _data)
                fixed (double* xp = x)
                fixed (double* c = inverse)
                {
                    InvertLower(l, _stride, xp, n, UseParallelism);
                    GramOfLower(xp, c, n, UseParallelism);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(x);
        }

        KernelMatrix.MirrorLowerToUpper(inverse, n);
    }

    /// <summary>The block width of the triangular passes of <see cref="Inverse(Span{double})"/>.</summary>
    private const int InverseBlock = 64;

    /// <summary>The smallest order whose inverse is split over two threads when <see cref="UseParallelism"/> asks for it.</summary>
    private const int ParallelInverseFrom = 4 * InverseBlock;

    /// <summary>X = L⁻¹ (n×n, row stride n, zero above the diagonal), a block of columns at a time.</summary>
    private static unsafe void InvertLower(double* l, int ldl, double* x, int n, bool parallel)
    {
        new Span<double>(x, n * n).Clear();
        nint lp = (nint)l, xp = (nint)x;
        ForEachBlock(n, parallel, j0 =>
        {
            int width = Math.Min(InverseBlock, n - j0);
            double* block = (double*)xp + ((long)j0 * n) + j0;
            for (int j = 0; j < width; j++)
            {
                block[((long)j * n) + j] = 1.0;
            }

            // Columns j0.. of X are zero above row j0, and below it solve L[j0:, j0:]·X[j0:, block] = I[j0:, block].
            TriangularSolve.SolveLowerMany((double*)lp + ((long)j0 * ldl) + j0, n - j0, ldl, block, width, n);
        });
    }

    /// <summary>The lower triangle of C = XᵀX for X lower triangular (n×n, stride n), a block of rows at a time.</summary>
    private static unsafe void GramOfLower(double* x, double* c, int n, bool parallel)
    {
        new Span<double>(c, n * n).Clear();
        nint xp = (nint)x, cp = (nint)c;
        ForEachBlock(n, parallel, i0 =>
        {
            int rows = Math.Min(InverseBlock, n - i0);
            double* a = (double*)xp + ((long)i0 * n) + i0; // X[i0.., i0..]: op(A)[i, p] = X[i0 + p, i0 + i]
            double* b = (double*)xp + ((long)i0 * n);      // X[i0.., 0..]:  op(B)[p, j] = X[i0 + p, j]
            double* rowsOfC = (double*)cp + ((long)i0 * n);

            // C[I, j] = Σ_{p ≥ i0} X[p, i]·X[p, j]: X[p, i] is zero for p < i0 ≤ i. Gemm subtracts, so C ends up −XᵀX.
            if (i0 > 0)
            {
                Gemm.MultiplySubtract(rowsOfC, n, rows, i0, n - i0, a, n, true, b, n, false, lowerOnly: false);
            }

            Gemm.MultiplySubtract(rowsOfC + i0, n, rows, rows, n - i0, a, n, true, b + i0, n, false, lowerOnly: true);
        });

        for (int i = 0; i < n; i++)
        {
            Span<double> row = new(c + ((long)i * n), i + 1);
            System.Numerics.Tensors.TensorPrimitives.Negate(row, row);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/>(first index) for each block of <see cref="InverseBlock"/> columns or rows, on two
    /// threads when <paramref name="parallel"/> and the matrix is large enough to pay: each block writes its own part of
    /// the result with the same arithmetic on either thread, so the result does not depend on it.
    /// </summary>
    private static void ForEachBlock(int n, bool parallel, Action<int> body)
    {
        int blocks = (n + InverseBlock - 1) / InverseBlock;
        if (!parallel || n < ParallelInverseFrom)
        {
            for (int block = 0; block < blocks; block++)
            {
                body(block * InverseBlock);
            }

            return;
        }

        // The threads take the blocks in order from a shared counter, so the large ones spread over both.
        int next = -1;
        Parallel.For(0, 2, _ =>
        {
            for (int block = Interlocked.Increment(ref next); block < blocks; block = Interlocked.Increment(ref next))
            {
                body(block * InverseBlock);
            }
        });
    }

    /// <summary>Returns K⁻¹ as a new n×n row-major array.</summary>
    /// <returns>K⁻¹.</returns>
    public double[] Inverse()
    {
        var inverse = new double[Order * Order];
        Inverse(inverse);
        return inverse;
    }

    /// <summary>
    /// Extends the factor of K (n×n) to the factor of [[K, C], [Cᵀ, N]] + <see cref="Jitter"/>·I in O(n²k):
    /// L₂₁ = Cᵀ·L⁻ᵀ and L₂₂ = chol(N + Jitter·I − L₂₁·L₂₁ᵀ). Used for new observations and pending "fantasy" points.
    /// On failure the factor is left as it was (order n).
    /// </summary>
    /// <param name="cross">C = K(X_old, X_new), n×k row-major.</param>
    /// <param name="newBlock">N = K(X_new, X_new), k×k row-major (only its lower triangle is read), with any noise already added.</param>
    /// <param name="k">The number of new points.</param>
    /// <returns>Success, or the failing column (in the extended matrix) and why.</returns>
    public CholeskyResult Extend(ReadOnlySpan<double> cross, ReadOnlySpan<double> newBlock, int k)
    {
        int n = Order;
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfLessThan(cross.Length, n * k, nameof(cross));
        ArgumentOutOfRangeException.ThrowIfLessThan(newBlock.Length, k * k, nameof(newBlock));
        if (k == 0)
        {
            return CholeskyResult.Success with { Jitter = Jitter };
        }

        EnsureCapacity(n + k, preserve: n);
        int stride = _stride;
        Span<double> data = _data;

        // New rows: L₂₁ᵀ = L⁻¹·C, i.e. row r of L₂₁ solves L·y = C[:, r].
        for (int r = 0; r < k; r++)
        {
            Span<double> row = data.Slice((n + r) * stride, n + r + 1);
            for (int i = 0; i < n; i++)
            {
                row[i] = cross[(i * k) + r];
            }

            newBlock.Slice(r * k, r + 1).CopyTo(row[n..]);
            row[n + r] += Jitter;
        }

        CholeskyResult result;
        unsafe
        {
            fixed (double* a = data)
            {
                double* l21 = a + ((long)n * stride);
                if (k < ExtendBlockedThreshold)
                {
                    for (int r = 0; r < k; r++)
                    {
                        TriangularSolve.SolveLower(data, n, stride, data.Slice((n + r) * stride, n));
                    }
                }
                else
                {
                    Cholesky.SolveRightLowerTransposed(a, n, stride, l21, k, stride, UseParallelism);
                }

                Gemm.MultiplySubtract(l21 + n, stride, k, k, n, l21, stride, false, l21, stride, true, lowerOnly: true, UseParallelism);
                result = Cholesky.Factor(l21 + n, k, stride, UseParallelism).Offset(n);
            }
        }

        if (result.IsSuccess)
        {
            Order = n + k;
        }

        return result with { Jitter = Jitter };
    }
}
