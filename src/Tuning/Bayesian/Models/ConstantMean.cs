using System.Numerics.Tensors;
using Tuning.Numerics;

namespace Tuning.Bayesian.Models;

/// <summary>
/// The constant prior mean of every Gaussian process here, estimated from the data rather than fixed at the targets'
/// average: m̂ = 1ᵀK⁻¹y / 1ᵀK⁻¹1, the generalized-least-squares estimate, which is also the mean that maximizes the
/// marginal likelihood for given hyperparameters (Rasmussen and Williams 2006, §2.7; BoTorch's models learn the same
/// constant by maximum likelihood). It is kept within the range of the targets.
/// </summary>
/// <remarks>
/// The average of the targets is a biased estimate of where the objective sits away from the data, because an
/// optimizer samples good regions densely: a dozen points near the incumbent outvote a few far-off bad ones. With
/// that average as the prior mean, every unexplored region (the corners of the box first, where the variance is
/// largest) looks about as good as a typical observation, and expected improvement keeps visiting them. The
/// generalized-least-squares weights count a cluster of correlated points about once, so the mean rises toward the
/// values seen away from the clusters. Measured in <c>benchmarks/Tuning.Quality/results.md</c> (the measurements behind
/// the defaults) and <c>results-validation.md</c>.
/// </remarks>
internal static class ConstantMean
{
    /// <summary>
    /// Estimates the mean from the factor of K, the targets y, and K⁻¹y, and turns K⁻¹y into K⁻¹(y − m̂) in place.
    /// </summary>
    /// <param name="factor">The Cholesky factor of K (noise included), of order n.</param>
    /// <param name="y">The n targets.</param>
    /// <param name="alpha">K⁻¹y on entry, K⁻¹(y − m̂) on return.</param>
    /// <param name="scratch">Room for n values.</param>
    /// <returns>The mean m̂ (0 without targets).</returns>
    public static double Estimate(CholeskyFactor factor, ReadOnlySpan<double> y, Span<double> alpha, Span<double> scratch)
    {
        int n = y.Length;
        if (n == 0)
        {
            return 0;
        }

        Span<double> ones = scratch[..n];
        ones.Fill(1);
        factor.SolveLower(ones);
        factor.SolveLowerTransposed(ones);
        double mean = Math.Clamp(TensorPrimitives.Sum(alpha[..n]) / TensorPrimitives.Sum(ones), TensorPrimitives.Min(y), TensorPrimitives.Max(y));
        TensorPrimitives.MultiplyAdd(ones, -mean, alpha[..n], alpha[..n]);
        return mean;
    }
}
