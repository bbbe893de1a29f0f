using System.Numerics.Tensors;
using Tuning.Bayesian.Models;

namespace Tuning.Bayesian.Acquisitions;

/// <summary>
/// Minus the posterior mean, −μ(x): its maximizer is the point where the model expects the lowest value, the pure
/// exploitation step of a batch (see <see cref="Proposals.SingleObjectiveProposal"/>). For a model over (x, s), the
/// mean at one fidelity coordinate (the pruned-trial model's working step).
/// </summary>
internal sealed class NegativePosteriorMean : IAcquisition
{
    private readonly GaussianProcess _model;
    private readonly int _features;
    private readonly double? _level;
    private readonly double[] _row, _meanGradient, _varianceGradient;
    private double[] _rows = [];

    /// <param name="model">The objective's model (smaller is better).</param>
    /// <param name="features">The number of features.</param>
    /// <param name="level">For a model whose rows end with a fidelity coordinate, the coordinate at which the mean counts; null for a model over x alone.</param>
    public NegativePosteriorMean(GaussianProcess model, int features, double? level = null)
    {
        _model = model;
        _features = features;
        _level = level;
        _row = new double[model.Kernel.Width];
        _meanGradient = new double[model.Kernel.Width];
        _varianceGradient = new double[model.Kernel.Width];
    }

    /// <inheritdoc />
    public IAcquisition? ForAnotherThread() =>
        _model.ForAnotherThread() is GaussianProcess model ? new NegativePosteriorMean(model, _features, _level) : null;

    /// <inheritdoc />
    public double Value(ReadOnlySpan<double> x, Span<double> gradient)
    {
        ReadOnlySpan<double> row = x;
        if (_level is double level)
        {
            x[.._features].CopyTo(_row);
            _row[_features] = level;
            row = _row;
        }

        if (gradient.IsEmpty)
        {
            return -_model.Predict(row, default, default).Mean;
        }

        double mean = _model.Predict(row, _meanGradient, _varianceGradient).Mean;
        TensorPrimitives.Negate(_meanGradient.AsSpan(0, _features), gradient[.._features]);
        return -mean;
    }

    /// <inheritdoc />
    public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch)
    {
        scratch.Reserve(m);
        ReadOnlySpan<double> rows = points;
        if (_level is double level)
        {
            // The candidates' rows at the level, in a buffer kept across calls (the optimizer scores thousands at once).
            int width = _features + 1;
            if (_rows.Length < m * width)
            {
                _rows = new double[m * width];
            }

            FidelityRows.WriteAtLevel(points, m, _features, level, _rows);

            rows = _rows.AsSpan(0, m * width);
        }

        _model.PredictMeans(rows, m, values, scratch.Block(_model.Count * m));
        TensorPrimitives.Negate(values[..m], values[..m]);
    }
}
