namespace Tuning.Numerics;

/// <summary>
/// Plain twin of <see cref="Cholesky"/>: the textbook Cholesky–Banachiewicz loop, one element at a time, with the
/// same contract (lower triangle in place, failures reported with their column).
/// </summary>
internal static class CholeskyScalar
{
    /// <summary>Factors the n×n row-major matrix in place: L[i, j] = (A[i, j] − Σ_{p&lt;j} L[i, p]·L[j, p]) / L[j, j].</summary>
    /// <param name="a">The matrix; its lower triangle becomes L.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride.</param>
    /// <returns>Success, or the failing column and why.</returns>
    public static CholeskyResult Factor(Span<double> a, int n, int stride)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[(i * stride) + j];
                for (int p = 0; p < j; p++)
                {
                    sum -= a[(i * stride) + p] * a[(j * stride) + p];
                }

                if (j < i)
                {
                    a[(i * stride) + j] = sum / a[(j * stride) + j];
                }
                else if (sum > 0 && double.IsFinite(sum))
                {
                    a[(i * stride) + i] = Math.Sqrt(sum);
                }
                else
                {
                    bool finite = double.IsFinite(sum);
                    for (int p = 0; p < i; p++)
                    {
                        finite &= double.IsFinite(a[(i * stride) + p]);
                    }

                    return new CholeskyResult(finite ? CholeskyStatus.NotPositiveDefinite : CholeskyStatus.NonFinite, i);
                }
            }
        }

        return CholeskyResult.Success;
    }
}
