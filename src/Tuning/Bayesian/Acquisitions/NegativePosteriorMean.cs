using System.Numerics.Tensors;
using Tuning.Bayesian.Models;

namespace Tuning.Bayesian.Acquisitions;

/// <summary>
/// Minus the posterior mean, −μ(x): its maximizer is the point where the model expects the lowest value, the pure
/// exploitation step of a batch (see <see cref="Proposals.SingleObjectiveProposal"/>).
/// </summary>
internal sealed class NegativePosteriorMean : IAcquisition
{
    private readonly GaussianProcess _model;
    private readonly double[] _varianceGradient;

    /// <param name="model">The objective's model (smaller is better).</param>
    /// <param name="features">The number of features.</param>
    public NegativePosteriorMean(GaussianProcess model, int features)
    {
        _model = model;
        _varianceGradient = new double[features];
    }

    /// <inheritdoc />
    public double Value(ReadOnlySpan<double> x, Span<double> gradient)
    {
        if (gradient.IsEmpty)
        {
            return -_model.Predict(x, default, default).Mean;
        }

        double mean = _model.Predict(x, gradient, _varianceGradient).Mean;
        TensorPrimitives.Negate(gradient, gradient);
        return -mean;
    }

    /// <inheritdoc />
    public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch)
    {
        scratch.Reserve(m);
        _model.PredictMeans(points, m, values, scratch.Block(_model.Count * m));
        TensorPrimitives.Negate(values[..m], values[..m]);
    }
}
