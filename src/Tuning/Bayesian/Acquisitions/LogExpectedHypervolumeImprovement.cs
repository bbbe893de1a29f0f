using Tuning.Bayesian.Models;

namespace Tuning.Bayesian.Acquisitions;

/// <summary>
/// What the suggester maximizes with two objectives: log EHVI (<see cref="ExpectedHypervolumeImprovement"/>) of the two
/// objectives' independent models over the current front's strips, plus log P(feasible) of every constraint's model
/// (as <see cref="ConstrainedLogExpectedImprovement"/> adds it with one objective).
/// </summary>
internal sealed class LogExpectedHypervolumeImprovement : IAcquisition
{
    private readonly GaussianProcess _first, _second;
    private readonly NonDominatedStrips _strips;
    private readonly IReadOnlyList<ConstraintModel> _constraints;
    private readonly ConstrainedLogExpectedImprovement? _feasibility;
    private readonly double[] _meanGradient1, _varianceGradient1, _meanGradient2, _varianceGradient2, _feasibilityGradient;
    private readonly double[] _work;
    private double[] _means1 = [], _variances1 = [], _means2 = [], _variances2 = [];

    /// <param name="first">The first objective's model (standardized, smaller is better).</param>
    /// <param name="second">The second objective's model.</param>
    /// <param name="strips">The region the front does not dominate, in the models' units.</param>
    /// <param name="constraints">The constraint models.</param>
    /// <param name="features">The number of features.</param>
    public LogExpectedHypervolumeImprovement(
        GaussianProcess first, GaussianProcess second, NonDominatedStrips strips, IReadOnlyList<ConstraintModel> constraints, int features)
    {
        _first = first;
        _second = second;
        _strips = strips;
        _constraints = constraints;
        _feasibility = constraints.Count > 0 ? new ConstrainedLogExpectedImprovement(null, 0, constraints, features) : null;
        _meanGradient1 = new double[features];
        _varianceGradient1 = new double[features];
        _meanGradient2 = new double[features];
        _varianceGradient2 = new double[features];
        _feasibilityGradient = new double[features];
        _work = new double[ExpectedHypervolumeImprovement.WorkLength(strips)];
    }

    /// <summary>The same acquisition over readers of the same models and the same strips, or null if a model cannot be shared.</summary>
    public IAcquisition? ForAnotherThread() =>
        _first.ForAnotherThread() is GaussianProcess first && _second.ForAnotherThread() is GaussianProcess second
            && ConstraintModel.ForAnotherThread(_constraints) is { } constraints
            ? new LogExpectedHypervolumeImprovement(first, second, _strips, constraints, _meanGradient1.Length)
            : null;

    /// <inheritdoc />
    public double Value(ReadOnlySpan<double> x, Span<double> gradient)
    {
        bool wantGradient = !gradient.IsEmpty;
        (double mean1, double variance1) = wantGradient ? _first.Predict(x, _meanGradient1, _varianceGradient1) : _first.Predict(x, default, default);
        (double mean2, double variance2) = wantGradient ? _second.Predict(x, _meanGradient2, _varianceGradient2) : _second.Predict(x, default, default);
        double sd1 = Math.Sqrt(variance1), sd2 = Math.Sqrt(variance2);
        Span<double> slopes = stackalloc double[4];
        double value = ExpectedHypervolumeImprovement.Log(_strips, mean1, sd1, mean2, sd2, wantGradient ? slopes : default, _work);
        if (wantGradient)
        {
            for (int c = 0; c < gradient.Length; c++)
            {
                gradient[c] = (slopes[0] * _meanGradient1[c]) + (slopes[1] * _varianceGradient1[c] / (2 * sd1))
                    + (slopes[2] * _meanGradient2[c]) + (slopes[3] * _varianceGradient2[c] / (2 * sd2));
            }
        }

        if (_feasibility is not null)
        {
            value += _feasibility.Value(x, wantGradient ? _feasibilityGradient : default);
            if (wantGradient)
            {
                for (int c = 0; c < gradient.Length; c++)
                {
                    gradient[c] += _feasibilityGradient[c];
                }
            }
        }

        return value;
    }

    /// <inheritdoc />
    public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch)
    {
        scratch.Reserve(m);
        if (_feasibility is not null)
        {
            _feasibility.Values(points, m, values, scratch);
        }
        else
        {
            values[..m].Clear();
        }

        if (_means1.Length < m)
        {
            (_means1, _variances1, _means2, _variances2) = (new double[m], new double[m], new double[m], new double[m]);
        }

        _first.PredictMany(points, m, _means1, _variances1, scratch.Block(_first.Count * m));
        _second.PredictMany(points, m, _means2, _variances2, scratch.Block(_second.Count * m));
        for (int j = 0; j < m; j++)
        {
            values[j] += ExpectedHypervolumeImprovement.Log(_strips, _means1[j], Math.Sqrt(_variances1[j]), _means2[j], Math.Sqrt(_variances2[j]), default, _work);
        }
    }
}
