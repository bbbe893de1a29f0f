using Tuning.Bayesian.Models;

namespace Tuning.Bayesian.Acquisitions;

/// <summary>
/// LogEI (Ament et al., NeurIPS 2023) of a Gaussian process over (x, s) at one fidelity coordinate, over x alone: what
/// the multi-fidelity suggester maximizes to choose a configuration (at the target), and what the GP suggester
/// maximizes when it learns from pruned trials (at the step it works at).
/// </summary>
internal sealed class TargetImprovement : IAcquisition
{
    private readonly GaussianProcess _model;
    private readonly double _incumbent;
    private readonly double _level;
    private readonly int _features;
    private readonly double[] _row, _meanGradient, _varianceGradient;
    private double[] _rows = [], _block = [];

    /// <param name="model">The model; its rows are the features followed by the fidelity coordinate.</param>
    /// <param name="incumbent">The best value to improve on, in the model's units (smaller is better).</param>
    /// <param name="level">The fidelity coordinate at which improvement counts.</param>
    public TargetImprovement(GaussianProcess model, double incumbent, double level)
    {
        _model = model;
        _incumbent = incumbent;
        _level = level;
        _features = model.Kernel.Width - 1;
        _row = new double[model.Kernel.Width];
        _meanGradient = new double[model.Kernel.Width];
        _varianceGradient = new double[model.Kernel.Width];
    }

    public double Value(ReadOnlySpan<double> x, Span<double> gradient)
    {
        x[.._features].CopyTo(_row);
        _row[_features] = _level;
        bool wantGradient = !gradient.IsEmpty;
        (double mean, double variance) = wantGradient
            ? _model.Predict(_row, _meanGradient, _varianceGradient)
            : _model.Predict(_row, default, default);
        gradient.Clear();
        return LogExpectedImprovement.Of(_incumbent, mean, variance, _meanGradient, _varianceGradient, gradient);
    }

    public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch)
    {
        int width = _features + 1;
        if (_rows.Length < m * width)
        {
            _rows = new double[m * width];
        }

        FidelityRows.WriteAtLevel(points, m, _features, _level, _rows);

        if (_block.Length < _model.Count * m)
        {
            _block = new double[_model.Count * m];
        }

        _model.PredictMany(_rows, m, scratch.Means, scratch.Variances, _block);
        for (int j = 0; j < m; j++)
        {
            values[j] = LogExpectedImprovement.Of(_incumbent, scratch.Means[j], scratch.Variances[j]);
        }
    }
}
