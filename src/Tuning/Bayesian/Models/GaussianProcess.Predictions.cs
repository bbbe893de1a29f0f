using System.Numerics.Tensors;
using Tuning.Bayesian.Kernels;
using Tuning.Numerics;

namespace Tuning.Bayesian.Models;

/// <summary>The predictions of <see cref="GaussianProcess"/>: for many points at once, for one with gradients, and for a pair with their covariance.</summary>
internal sealed partial class GaussianProcess
{
    /// <summary>Predicts the latent mean and variance at m points (m×width) at once, SIMD across the points.</summary>
    /// <param name="points">The points.</param>
    /// <param name="m">Their number.</param>
    /// <param name="means">Receives the means.</param>
    /// <param name="variances">Receives the variances.</param>
    /// <param name="scratch">Room for n×m values.</param>
    public void PredictMany(ReadOnlySpan<double> points, int m, Span<double> means, Span<double> variances, double[] scratch)
    {
        int n = Count;
        PredictMeans(points, m, means, scratch);
        Span<double> kt = scratch.AsSpan(0, n * m); // n×m: column j is k(X, z_j), as the means left it
        _factor.SolveLowerMany(kt, m);
        Span<double> variance = variances[..m];
        CholeskyFactor.ColumnSumsOfSquares(kt, n, m, variance);
        PosteriorVariances(points, m, variance);
    }

    /// <summary>
    /// Predicts the latent mean at m points and an upper bound on each one's variance, in O(nm) after the cross
    /// covariance: the variance given the single most correlated conditioning point, which no other observation can
    /// raise (σ²(z | all) ≤ σ²(z | x_i) = k(z, z) − k(z, x_i)²/(k(x_i, x_i) + noise)). It screens candidates before
    /// the O(n²m) exact variances.
    /// </summary>
    /// <param name="points">The points.</param>
    /// <param name="m">Their number.</param>
    /// <param name="means">Receives the means.</param>
    /// <param name="varianceBounds">Receives the upper bounds on the variances.</param>
    /// <param name="scratch">Room for n×m values.</param>
    public void PredictWithVarianceBounds(ReadOnlySpan<double> points, int m, Span<double> means, Span<double> varianceBounds, double[] scratch)
    {
        int n = Count;
        Span<double> kt = scratch.AsSpan(0, n * m);
        Kernel.Cross(_x.AsSpan(0, n * _width), n, points, m, kt);
        Span<double> mean = means[..m], bound = varianceBounds[..m];
        mean.Clear();
        bound.Clear();

        // The largest noise any row was given: the model's, the factor's jitter, and what Append adds for a repeat.
        double noise = NoiseVariance + _factor.Jitter + (1e-6 * Kernel.SignalVariance);
        for (int i = 0; i < n; i++)
        {
            Span<double> row = kt.Slice(i * m, m);
            TensorPrimitives.MultiplyAdd(row, _alpha[i], mean, mean);
            double inverse = 1 / (Kernel.PriorVariance(_x.AsSpan(i * _width, _width)) + noise);
            for (int j = 0; j < m; j++)
            {
                bound[j] = Math.Max(bound[j], row[j] * row[j] * inverse);
            }
        }

        TensorPrimitives.Add(mean, Mean, mean);
        PosteriorVariances(points, m, bound);
    }

    /// <summary>
    /// Turns what the observations explain of each point's variance into its posterior variance: the prior variance
    /// k(z, z) minus it, and at least <see cref="MinimumVariance"/>.
    /// </summary>
    private void PosteriorVariances(ReadOnlySpan<double> points, int m, Span<double> explained)
    {
        if (_prior.Length < m)
        {
            _prior = new double[m];
        }

        Span<double> prior = _prior.AsSpan(0, m);
        Kernel.PriorVariances(points, m, prior);
        for (int j = 0; j < m; j++)
        {
            explained[j] = Math.Max(prior[j] - explained[j], MinimumVariance);
        }
    }

    /// <summary>Predicts the latent mean alone at m points (m×width), in O(nm) after the cross covariance, without the O(n²m) of the variances.</summary>
    /// <param name="points">The points.</param>
    /// <param name="m">Their number.</param>
    /// <param name="means">Receives the means.</param>
    /// <param name="scratch">Room for n×m values; it holds the cross covariance k(X, z_j) (n×m, column j) afterwards.</param>
    public void PredictMeans(ReadOnlySpan<double> points, int m, Span<double> means, double[] scratch)
    {
        int n = Count;
        Span<double> kt = scratch.AsSpan(0, n * m);
        Kernel.Cross(_x.AsSpan(0, n * _width), n, points, m, kt);
        Span<double> mean = means[..m];
        mean.Clear();
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.MultiplyAdd(kt.Slice(i * m, m), _alpha[i], mean, mean);
        }

        TensorPrimitives.Add(mean, Mean, mean);
    }

    /// <summary>
    /// Predicts the latent mean and variance at one point, and their gradients with respect to its feature columns
    /// (unless the spans are empty).
    /// </summary>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> z, Span<double> meanGradient, Span<double> varianceGradient)
    {
        int n = Count;
        Span<double> k = _k.AsSpan(0, n), v = _v.AsSpan(0, n);
        _rows.Covariances(z, k);
        double mean = Mean + TensorPrimitives.Dot(_alpha.AsSpan(0, n), k);
        k.CopyTo(v);
        _factor.SolveLower(v);
        double variance = Math.Max(Kernel.PriorVariance(z) - TensorPrimitives.Dot(v, v), MinimumVariance);
        if (meanGradient.IsEmpty)
        {
            return (mean, variance);
        }

        // ∂μ/∂z = Σ_i α_i ∂k_i/∂z and ∂σ²/∂z = −2 Σ_i (K⁻¹k)_i ∂k_i/∂z.
        _factor.SolveLowerTransposed(v);
        Span<double> a = _a.AsSpan(0, n);
        _alpha.AsSpan(0, n).CopyTo(a);
        meanGradient.Clear();
        varianceGradient.Clear();
        _rows.AddSlopeSums(a, v, meanGradient, varianceGradient);
        TensorPrimitives.Multiply(varianceGradient, -2, varianceGradient);
        return (mean, variance);
    }

    /// <summary>
    /// Predicts at two points with their posterior covariance: the means and variances at <paramref name="first"/>
    /// and <paramref name="second"/>, and cov(f(first), f(second)) = k(first, second) − k₁ᵀK⁻¹k₂. With
    /// <paramref name="observed"/>, the two points are observations of another process whose covariance with the data
    /// and with each other that kernel gives (K stays the model's).
    /// </summary>
    public PosteriorPair PredictPair(ReadOnlySpan<double> first, ReadOnlySpan<double> second, IKernel? observed = null)
    {
        int n = Count;
        IKernel kernel = observed ?? Kernel;
        Span<double> k1 = _a.AsSpan(0, n), k2 = _k.AsSpan(0, n);
        if (observed is null)
        {
            _rows.Covariances(first, k1);
            _rows.Covariances(second, k2);
        }
        else
        {
            observed.Cross(_x.AsSpan(0, n * _width), n, first, 1, k1);
            observed.Cross(_x.AsSpan(0, n * _width), n, second, 1, k2);
        }

        double mean1 = Mean + TensorPrimitives.Dot(_alpha.AsSpan(0, n), k1);
        double mean2 = Mean + TensorPrimitives.Dot(_alpha.AsSpan(0, n), k2);
        _factor.SolveLower(k1);
        _factor.SolveLower(k2);
        Span<double> prior = stackalloc double[1];
        kernel.Cross(first, 1, second, 1, prior);
        return new PosteriorPair(
            mean1,
            Math.Max(kernel.PriorVariance(first) - TensorPrimitives.Dot(k1, k1), MinimumVariance),
            mean2,
            Math.Max(kernel.PriorVariance(second) - TensorPrimitives.Dot(k2, k2), MinimumVariance),
            prior[0] - TensorPrimitives.Dot(k1, k2));
    }
}
