namespace Tuning.Numerics;

/// <summary>Plain twins of <see cref="TriangularSolve"/>: textbook substitutions, one element at a time.</summary>
internal static class TriangularSolveScalar
{
    /// <summary>Solves L·x = b in place.</summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride.</param>
    /// <param name="x">b on entry, x on return.</param>
    public static void SolveLower(ReadOnlySpan<double> l, int n, int stride, Span<double> x)
    {
        for (int i = 0; i < n; i++)
        {
            double s = x[i];
            for (int p = 0; p < i; p++)
            {
                s -= l[(i * stride) + p] * x[p];
            }

            x[i] = s / l[(i * stride) + i];
        }
    }

    /// <summary>Solves Lᵀ·x = b in place.</summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride.</param>
    /// <param name="x">b on entry, x on return.</param>
    public static void SolveLowerTransposed(ReadOnlySpan<double> l, int n, int stride, Span<double> x)
    {
        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int p = i + 1; p < n; p++)
            {
                s -= l[(p * stride) + i] * x[p];
            }

            x[i] = s / l[(i * stride) + i];
        }
    }

    /// <summary>Solves L·X = B in place for B n×m row-major, row by row: X[i, :] = (B[i, :] − Σ_{p&lt;i} L[i, p]·X[p, :]) / L[i, i].</summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride.</param>
    /// <param name="b">B on entry, X on return.</param>
    /// <param name="m">The number of right-hand sides.</param>
    public static void SolveLowerMany(ReadOnlySpan<double> l, int n, int stride, Span<double> b, int m)
    {
        for (int i = 0; i < n; i++)
        {
            for (int p = 0; p < i; p++)
            {
                double lip = l[(i * stride) + p];
                for (int j = 0; j < m; j++)
                {
                    b[(i * m) + j] -= lip * b[(p * m) + j];
                }
            }

            double lii = l[(i * stride) + i];
            for (int j = 0; j < m; j++)
            {
                b[(i * m) + j] /= lii;
            }
        }
    }

    /// <summary>Solves Lᵀ·X = B in place for B n×m row-major, from the bottom row up: X[i, :] = (B[i, :] − Σ_{p&gt;i} L[p, i]·X[p, :]) / L[i, i].</summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride.</param>
    /// <param name="b">B on entry, X on return.</param>
    /// <param name="m">The number of right-hand sides.</param>
    public static void SolveLowerTransposedMany(ReadOnlySpan<double> l, int n, int stride, Span<double> b, int m)
    {
        for (int i = n - 1; i >= 0; i--)
        {
            for (int p = i + 1; p < n; p++)
            {
                double lpi = l[(p * stride) + i];
                for (int j = 0; j < m; j++)
                {
                    b[(i * m) + j] -= lpi * b[(p * m) + j];
                }
            }

            double lii = l[(i * stride) + i];
            for (int j = 0; j < m; j++)
            {
                b[(i * m) + j] /= lii;
            }
        }
    }
}
