using Tuning.Bayesian;

namespace Tuning.MultiFidelity;

/// <summary>
/// LogEI (Ament et al., NeurIPS 2023) of the multi-fidelity model at the target fidelity, over x alone: what the
/// suggester maximizes when it confirms configurations at the target (the end of a budget), and what the GP suggester
/// maximizes when it learns from pruned trials.
/// </summary>
internal sealed class TargetImprovement : IAcquisition
{
    private readonly MultiFidelityModel _model;
    private readonly double _incumbent;
    private readonly JointGradient _gradient;
    private readonly MultiFidelityModel.BatchBuffers _buffers = new();

    public TargetImprovement(MultiFidelityModel model, double incumbent, int columns)
    {
        _model = model;
        _incumbent = incumbent;
        _gradient = new JointGradient(columns);
    }

    public double Value(ReadOnlySpan<double> x, Span<double> gradient)
    {
        bool wantGradient = !gradient.IsEmpty;
        JointPrediction p = _model.PredictJoint(x, _model.Fidelity.Target, wantGradient ? _gradient : null);
        double sd = Math.Sqrt(p.TargetVariance);
        double z = (_incumbent - p.TargetMean) / sd;
        if (wantGradient)
        {
            double h = LogExpectedImprovement.LogHDerivative(z);
            for (int c = 0; c < gradient.Length; c++)
            {
                double dSd = _gradient.TargetVariance[c] / (2 * sd);
                double dz = (-_gradient.TargetMean[c] / sd) - (z * dSd / sd);
                gradient[c] = (dSd / sd) + (h * dz);
            }
        }

        return Math.Log(sd) + LogExpectedImprovement.LogH(z);
    }

    public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch)
    {
        _model.PredictMany(points, m, default, scratch.Means, scratch.Variances, default, default, _buffers);
        for (int j = 0; j < m; j++)
        {
            double sd = Math.Sqrt(scratch.Variances[j]);
            values[j] = Math.Log(sd) + LogExpectedImprovement.LogH((_incumbent - scratch.Means[j]) / sd);
        }
    }
}
