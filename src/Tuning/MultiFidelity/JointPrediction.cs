namespace Tuning.MultiFidelity;

/// <summary>
/// The posterior at one x for a fidelity s and for the target: the target's mean and variance, the mean and variance at
/// s, and the covariance between f(x, s) and f(x, target). All latent (without observation noise).
/// </summary>
internal readonly record struct JointPrediction(double TargetMean, double TargetVariance, double Mean, double Variance, double Covariance);

/// <summary>The gradients of a <see cref="JointPrediction"/> with respect to the x-features and to a continuous fidelity coordinate.</summary>
internal sealed class JointGradient(int features)
{
    public double[] TargetMean { get; } = new double[features];

    public double[] Mean { get; } = new double[features];

    public double[] TargetVariance { get; } = new double[features];

    public double[] Variance { get; } = new double[features];

    public double[] Covariance { get; } = new double[features];

    /// <summary>Gets or sets ∂Variance/∂s (0 for tasks).</summary>
    public double VarianceBySlope { get; set; }

    /// <summary>Gets or sets ∂Covariance/∂s (0 for tasks).</summary>
    public double CovarianceBySlope { get; set; }

    public void Clear()
    {
        Array.Clear(TargetMean);
        Array.Clear(Mean);
        Array.Clear(TargetVariance);
        Array.Clear(Variance);
        Array.Clear(Covariance);
        VarianceBySlope = 0;
        CovarianceBySlope = 0;
    }
}
