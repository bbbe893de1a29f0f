using Tuning.Bayesian;

namespace Tuning.MultiFidelity;

/// <summary>
/// The multi-fidelity suggester's acquisition over (x, s): the expected improvement at the target fidelity that an
/// evaluation at fidelity s buys, per unit of cost, in log form:
/// <c>a(x, s) = log EI_target(x) + log |ρ(x, s)| − log cost(s)</c>.
/// </summary>
/// <remarks>
/// <para>
/// EI_target is LogEI (Ament et al., NeurIPS 2023) of the posterior at (x, target) against the incumbent (the best
/// posterior mean at the target among the configurations tried). ρ(x, s) is the posterior correlation between the
/// noisy observation y(x, s) and the latent target f(x, target), cov(f(x, s), f(x, t)) / √((σ²(x, s) + σ_n²)·σ²(x, t)):
/// the share of what an evaluation at s tells about the target at x. This is the augmented expected improvement of
/// Huang, Allen, Notz and Miller ("Sequential kriging optimization using multiple-fidelity evaluations", 2006), whose
/// correlation and noise factors it folds into one correlation, with the cost ratio of their third factor.
/// </para>
/// <para>
/// Because ρ is posterior, not prior, the acquisition balances itself: once cheap evaluations near x have told what
/// they can, the remaining uncertainty at the target is the bias between fidelities, which only a costlier evaluation
/// resolves; ρ at low fidelity drops and the target (where ρ is 1 but for noise) wins. Cheap fidelities win while
/// they are well correlated with the target and cost much less. The gradient is analytic in x and in a continuous
/// fidelity; int fidelities and tasks are searched as discrete values by the optimizer.
/// </para>
/// </remarks>
internal sealed class CostAwareImprovement : IAcquisition
{
    private readonly MultiFidelityModel _model;
    private readonly FidelityAxis _axis;
    private readonly double _incumbent;
    private readonly int _xColumns;
    private readonly JointGradient _gradient;
    private readonly MultiFidelityModel.BatchBuffers _buffers = new();
    private double[] _s = [], _targetVariances = [], _variances = [], _covariances = [], _raw = [];

    public CostAwareImprovement(MultiFidelityModel model, FidelityAxis axis, double incumbent, int xColumns)
    {
        _model = model;
        _axis = axis;
        _incumbent = incumbent;
        _xColumns = xColumns;
        _gradient = new JointGradient(xColumns);
    }

    public double Value(ReadOnlySpan<double> x, Span<double> gradient)
    {
        bool wantGradient = !gradient.IsEmpty;
        (double s, double slope, double raw) = _axis.FromFeatures(x);
        JointPrediction p = _model.PredictJoint(x[.._xColumns], s, wantGradient ? _gradient : null);
        double noise = _model.NoiseVariance;
        double sdT = Math.Sqrt(p.TargetVariance);
        double z = (_incumbent - p.TargetMean) / sdT;
        double covariance = Math.Abs(p.Covariance);
        bool clamped = covariance < Tiny;
        double observed = p.Variance + noise;
        double value = Math.Log(sdT) + LogExpectedImprovement.LogH(z)
            + Math.Log(Math.Max(covariance, Tiny)) - (0.5 * Math.Log(observed)) - (0.5 * Math.Log(p.TargetVariance))
            - Math.Log(_axis.Declaration.Cost(raw));
        if (!wantGradient)
        {
            return value;
        }

        gradient.Clear();
        double h = LogExpectedImprovement.LogHDerivative(z);
        double sign = p.Covariance >= 0 ? 1 : -1;
        for (int c = 0; c < _xColumns; c++)
        {
            double dSd = _gradient.TargetVariance[c] / (2 * sdT);
            double dz = (-_gradient.TargetMean[c] / sdT) - (z * dSd / sdT);
            double logEi = (dSd / sdT) + (h * dz);
            double logRho = (clamped ? 0 : sign * _gradient.Covariance[c] / covariance)
                - (0.5 * _gradient.Variance[c] / observed) - (0.5 * _gradient.TargetVariance[c] / p.TargetVariance);
            gradient[c] = logEi + logRho;
        }

        if (slope != 0)
        {
            double bySlope = (clamped ? 0 : sign * _gradient.CovarianceBySlope / covariance)
                - (0.5 * _gradient.VarianceBySlope / observed) - _axis.LogCostSlope(raw);
            gradient[_xColumns] = bySlope * slope;
        }

        return value;
    }

    public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch)
    {
        int columns = points.Length / m;
        EnsureCapacity(m);
        double[] xs = scratch.Buffer(m * _xColumns);
        for (int j = 0; j < m; j++)
        {
            ReadOnlySpan<double> row = points.Slice(j * columns, columns);
            row[.._xColumns].CopyTo(xs.AsSpan(j * _xColumns, _xColumns));
            (_s[j], _, _raw[j]) = _axis.FromFeatures(row);
        }

        _model.PredictMany(xs.AsSpan(0, m * _xColumns), m, _s.AsSpan(0, m), scratch.Means, _targetVariances, _variances, _covariances, _buffers);
        double noise = _model.NoiseVariance;
        for (int j = 0; j < m; j++)
        {
            double sdT = Math.Sqrt(_targetVariances[j]);
            double z = (_incumbent - scratch.Means[j]) / sdT;
            values[j] = Math.Log(sdT) + LogExpectedImprovement.LogH(z)
                + Math.Log(Math.Max(Math.Abs(_covariances[j]), Tiny)) - (0.5 * Math.Log(_variances[j] + noise)) - (0.5 * Math.Log(_targetVariances[j]))
                - Math.Log(_axis.Declaration.Cost(_raw[j]));
        }
    }

    private double Tiny => 1e-12 * _model.Hyperparameters.SignalVariance;

    private void EnsureCapacity(int m)
    {
        if (_s.Length < m)
        {
            _s = new double[m];
            _raw = new double[m];
            _targetVariances = new double[m];
            _variances = new double[m];
            _covariances = new double[m];
        }
    }
}
