using Tuning.Bayesian.Models;

namespace Tuning.Bayesian.Acquisitions;

/// <summary>
/// What the suggester maximizes: LogEI of the objective's model plus log P(feasible) of every constraint's model
/// (constrained EI, Gardner et al. 2014, in log form). Before any feasible trial exists there is no incumbent to
/// improve on, and the acquisition is log P(feasible) alone. A two-sided constraint counts as two one-sided ones.
/// </summary>
internal sealed class ConstrainedLogExpectedImprovement : IBoundedAcquisition
{
    /// <summary>
    /// The fewest conditioning points with which bounds are worth their cost: below, the exact variances (O(n²) per
    /// candidate) cost little more than the bound's pass over the cross covariances, and one batched pass is quicker.
    /// </summary>
    private const int BoundFrom = 200;

    private readonly GaussianProcess? _objective;
    private readonly double _incumbent;
    private readonly IReadOnlyList<ConstraintModel> _constraints;
    private readonly double[] _meanGradient, _varianceGradient;

    /// <param name="objective">The objective's model, or null to maximize the probability of feasibility only.</param>
    /// <param name="incumbent">The best feasible standardized value so far (smaller is better).</param>
    /// <param name="constraints">The constraint models.</param>
    /// <param name="features">The number of features.</param>
    public ConstrainedLogExpectedImprovement(GaussianProcess? objective, double incumbent, IReadOnlyList<ConstraintModel> constraints, int features)
    {
        _objective = objective;
        _incumbent = incumbent;
        _constraints = constraints;
        _meanGradient = new double[features];
        _varianceGradient = new double[features];
    }

    /// <summary>The same acquisition over readers of the same models (<see cref="GaussianProcess.ForAnotherThread"/>), or null if a model's kernel cannot be shared.</summary>
    public IAcquisition? ForAnotherThread()
    {
        GaussianProcess? objective = _objective?.ForAnotherThread();
        return (_objective is null || objective is not null) && ConstraintModel.ForAnotherThread(_constraints) is { } constraints
            ? new ConstrainedLogExpectedImprovement(objective, _incumbent, constraints, _meanGradient.Length)
            : null;
    }

    /// <summary>The acquisition at one point; writes its gradient with respect to the features unless <paramref name="gradient"/> is empty.</summary>
    public double Value(ReadOnlySpan<double> x, Span<double> gradient)
    {
        bool wantGradient = !gradient.IsEmpty;
        if (wantGradient)
        {
            gradient.Clear();
        }

        double value = 0;
        if (_objective is not null)
        {
            (double mean, double variance) = Predict(_objective, x, wantGradient);
            value += LogExpectedImprovement.Of(_incumbent, mean, variance, _meanGradient, _varianceGradient, gradient);
        }

        foreach (ConstraintModel c in _constraints)
        {
            (double mean, double variance) = Predict(c.Model, x, wantGradient);
            if (!double.IsNaN(c.Upper))
            {
                value += LogProbabilityBelow(c.Upper, mean, variance, +1, wantGradient, gradient);
            }

            if (!double.IsNaN(c.Lower))
            {
                value += LogProbabilityBelow(-c.Lower, -mean, variance, -1, wantGradient, gradient);
            }
        }

        return value;
    }

    /// <summary>The acquisition at m points (m×f), batched through each model's SIMD prediction.</summary>
    public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch)
    {
        values[..m].Clear();
        scratch.Reserve(m);
        if (_objective is not null)
        {
            _objective.PredictMany(points, m, scratch.Means, scratch.Variances, scratch.Block(_objective.Count * m));
            for (int j = 0; j < m; j++)
            {
                values[j] += LogExpectedImprovement.Of(_incumbent, scratch.Means[j], scratch.Variances[j]);
            }
        }

        foreach (ConstraintModel c in _constraints)
        {
            c.Model.PredictMany(points, m, scratch.Means, scratch.Variances, scratch.Block(c.Model.Count * m));
            for (int j = 0; j < m; j++)
            {
                double sd = Math.Sqrt(scratch.Variances[j]);
                if (!double.IsNaN(c.Upper))
                {
                    values[j] += NormalFunctions.LogCdf((c.Upper - scratch.Means[j]) / sd);
                }

                if (!double.IsNaN(c.Lower))
                {
                    values[j] += NormalFunctions.LogCdf((scratch.Means[j] - c.Lower) / sd);
                }
            }
        }
    }

    /// <summary>
    /// Bounds LogEI from above with the exact posterior mean and an upper bound on the variance
    /// (<see cref="GaussianProcess.PredictWithVarianceBounds"/>): EI = σ·h(z) grows with σ at a fixed mean (its derivative
    /// in σ is φ(z) &gt; 0). Only without constraints, whose log-probabilities are not monotone in σ.
    /// </summary>
    public bool UpperBounds(ReadOnlySpan<double> points, int m, Span<double> bounds, AcquisitionScratch scratch)
    {
        if (_objective is null || _constraints.Count > 0 || _objective.Count < BoundFrom)
        {
            return false;
        }

        scratch.Reserve(m);
        _objective.PredictWithVarianceBounds(points, m, scratch.Means, scratch.Variances, scratch.Block(_objective.Count * m));
        for (int j = 0; j < m; j++)
        {
            bounds[j] = LogExpectedImprovement.Of(_incumbent, scratch.Means[j], scratch.Variances[j]);
        }

        return true;
    }

    private (double Mean, double Variance) Predict(GaussianProcess model, ReadOnlySpan<double> x, bool wantGradient) =>
        wantGradient ? model.Predict(x, _meanGradient, _varianceGradient) : model.Predict(x, default, default);

    /// <summary>log P(sign·c ≤ threshold) = log Φ((threshold − μ)/σ) for μ = sign·E[c], accumulating its gradient.</summary>
    private double LogProbabilityBelow(double threshold, double mean, double variance, int sign, bool wantGradient, Span<double> gradient)
    {
        double sd = Math.Sqrt(variance);
        double z = (threshold - mean) / sd;
        double logCdf = NormalFunctions.LogCdf(z);
        if (wantGradient)
        {
            double slope = Math.Exp(NormalFunctions.LogPdf(z) - logCdf);
            for (int c = 0; c < gradient.Length; c++)
            {
                double dSd = _varianceGradient[c] / (2 * sd);
                double dz = (-sign * _meanGradient[c] / sd) - (z * dSd / sd);
                gradient[c] += slope * dz;
            }
        }

        return logCdf;
    }
}
