using Tuning.Bayesian;

namespace Tuning.MultiFidelity;

/// <summary>
/// LogEI (Ament et al., NeurIPS 2023) of the multi-fidelity model at one fidelity (the target unless told otherwise),
/// over x alone: what the multi-fidelity suggester maximizes to choose a configuration, and what the GP suggester
/// maximizes when it learns from pruned trials.
/// </summary>
internal sealed class TargetImprovement : IAcquisition
{
    private readonly MultiFidelityModel _model;
    private readonly double _incumbent;
    private readonly double _level;
    private readonly JointGradient _gradient;
    private readonly MultiFidelityModel.BatchBuffers _buffers = new();

    public TargetImprovement(MultiFidelityModel model, double incumbent, int columns, double? level = null)
    {
        _model = model;
        _incumbent = incumbent;
        _level = level ?? model.Fidelity.Target;
        _gradient = new JointGradient(columns);
    }

    public double Value(ReadOnlySpan<double> x, Span<double> gradient)
    {
        bool wantGradient = !gradient.IsEmpty;
        JointPrediction p = _model.PredictJoint(x, _level, wantGradient ? _gradient : null);
        bool atTarget = _level == _model.Fidelity.Target;
        double mean = atTarget ? p.TargetMean : p.Mean, variance = atTarget ? p.TargetVariance : p.Variance;
        double sd = Math.Sqrt(variance);
        double z = (_incumbent - mean) / sd;
        if (wantGradient)
        {
            double h = LogExpectedImprovement.LogHDerivative(z);
            double[] meanGradient = atTarget ? _gradient.TargetMean : _gradient.Mean;
            double[] varianceGradient = atTarget ? _gradient.TargetVariance : _gradient.Variance;
            for (int c = 0; c < gradient.Length; c++)
            {
                double dSd = varianceGradient[c] / (2 * sd);
                double dz = (-meanGradient[c] / sd) - (z * dSd / sd);
                gradient[c] = (dSd / sd) + (h * dz);
            }
        }

        return Math.Log(sd) + LogExpectedImprovement.LogH(z);
    }

    public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch)
    {
        _model.PredictLevelMany(points, m, _level, scratch.Means, scratch.Variances, _buffers);
        for (int j = 0; j < m; j++)
        {
            double sd = Math.Sqrt(scratch.Variances[j]);
            values[j] = Math.Log(sd) + LogExpectedImprovement.LogH((_incumbent - scratch.Means[j]) / sd);
        }
    }
}
