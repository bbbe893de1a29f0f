namespace Tuning.Numerics;

/// <summary>
/// Plain, obviously correct twins of <see cref="KernelMatrix"/> and <see cref="KernelGradient"/>: one pair at a time,
/// formulas written out as in the textbook. Tests compare the vectorized code against these; benchmarks measure the
/// speed-up over them.
/// </summary>
internal static class KernelMatrixScalar
{
    /// <summary>k(x_a, x_b) for the points at rows <paramref name="a"/> of <paramref name="xa"/> and <paramref name="b"/> of <paramref name="xb"/>.</summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="xa">First set of points, row-major with d columns.</param>
    /// <param name="a">Row in <paramref name="xa"/>.</param>
    /// <param name="xb">Second set of points, row-major with d columns.</param>
    /// <param name="b">Row in <paramref name="xb"/>.</param>
    /// <param name="d">The number of dimensions.</param>
    /// <param name="lengthscales">The lengthscales (length d).</param>
    /// <param name="signalVariance">σ².</param>
    /// <returns>The covariance.</returns>
    public static double Value(KernelKind kind, ReadOnlySpan<double> xa, int a, ReadOnlySpan<double> xb, int b, int d,
        ReadOnlySpan<double> lengthscales, double signalVariance)
    {
        double r2 = 0;
        for (int c = 0; c < d; c++)
        {
            double u = (xa[(a * d) + c] - xb[(b * d) + c]) / lengthscales[c];
            r2 += u * u;
        }

        if (kind == KernelKind.SquaredExponential)
        {
            return signalVariance * Math.Exp(-0.5 * r2);
        }

        double s = Math.Sqrt(5.0 * r2);
        return signalVariance * (1.0 + s + (s * s / 3.0)) * Math.Exp(-s);
    }

    /// <summary>Scalar twin of <see cref="KernelMatrix.Symmetric"/>: lower triangle pair by pair, then mirrored.</summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="x">The points, n×d.</param>
    /// <param name="n">The number of points.</param>
    /// <param name="d">The number of dimensions.</param>
    /// <param name="lengthscales">The lengthscales.</param>
    /// <param name="signalVariance">σ².</param>
    /// <param name="k">Receives K, n×n.</param>
    public static void Symmetric(KernelKind kind, ReadOnlySpan<double> x, int n, int d, ReadOnlySpan<double> lengthscales,
        double signalVariance, Span<double> k)
    {
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double value = Value(kind, x, a, x, b, d, lengthscales, signalVariance);
                k[(a * n) + b] = value;
                k[(b * n) + a] = value;
            }
        }
    }

    /// <summary>Scalar twin of <see cref="KernelMatrix.Cross"/>.</summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="rows">Row points, m×d.</param>
    /// <param name="m">The number of row points.</param>
    /// <param name="columns">Column points, n×d.</param>
    /// <param name="n">The number of column points.</param>
    /// <param name="d">The number of dimensions.</param>
    /// <param name="lengthscales">The lengthscales.</param>
    /// <param name="signalVariance">σ².</param>
    /// <param name="k">Receives the m×n matrix.</param>
    public static void Cross(KernelKind kind, ReadOnlySpan<double> rows, int m, ReadOnlySpan<double> columns, int n, int d,
        ReadOnlySpan<double> lengthscales, double signalVariance, Span<double> k)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                k[(i * n) + j] = Value(kind, rows, i, columns, j, d, lengthscales, signalVariance);
            }
        }
    }

    /// <summary>
    /// Scalar twin of <see cref="KernelGradient.LogHyperparameterGradient"/>: ½ Σ_ab W_ab ∂K_ab/∂θ over every pair,
    /// with ∂K/∂log ℓ_c = −2 (dk/dr²) u_c² written out per kernel.
    /// </summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="x">The points, n×d.</param>
    /// <param name="n">The number of points.</param>
    /// <param name="d">The number of dimensions.</param>
    /// <param name="lengthscales">The lengthscales.</param>
    /// <param name="signalVariance">σ².</param>
    /// <param name="w">W, n×n (symmetric).</param>
    /// <param name="gradient">Receives ∂L/∂log ℓ_c.</param>
    /// <returns>∂L/∂log σ².</returns>
    public static double LogHyperparameterGradient(KernelKind kind, ReadOnlySpan<double> x, int n, int d,
        ReadOnlySpan<double> lengthscales, double signalVariance, ReadOnlySpan<double> w, Span<double> gradient)
    {
        gradient[..d].Clear();
        double signalGradient = 0;
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                double r2 = 0;
                for (int c = 0; c < d; c++)
                {
                    double u = (x[(a * d) + c] - x[(b * d) + c]) / lengthscales[c];
                    r2 += u * u;
                }

                double k, dkdr2;
                if (kind == KernelKind.SquaredExponential)
                {
                    k = signalVariance * Math.Exp(-0.5 * r2);
                    dkdr2 = -0.5 * k;
                }
                else
                {
                    double s = Math.Sqrt(5.0 * r2);
                    k = signalVariance * (1.0 + s + (s * s / 3.0)) * Math.Exp(-s);
                    dkdr2 = -signalVariance * (5.0 / 6.0) * (1.0 + s) * Math.Exp(-s);
                }

                double weight = w[(a * n) + b];
                signalGradient += 0.5 * weight * k;
                for (int c = 0; c < d; c++)
                {
                    double u = (x[(a * d) + c] - x[(b * d) + c]) / lengthscales[c];
                    gradient[c] += 0.5 * weight * dkdr2 * (-2.0 * u * u);
                }
            }
        }

        return signalGradient;
    }
}
