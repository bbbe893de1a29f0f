namespace Tuning.MultiFidelity;

/// <summary>
/// The posterior at one x for a fidelity s and for the target: the target's mean and variance, the mean and variance at
/// s, and the covariance between f(x, s) and f(x, target). All latent (without observation noise).
/// </summary>
internal readonly record struct JointPrediction(double TargetMean, double TargetVariance, double Mean, double Variance, double Covariance);

/// <summary>The gradients of a <see cref="JointPrediction"/>'s means and variances with respect to the x-features.</summary>
internal sealed class JointGradient(int features)
{
    public double[] TargetMean { get; } = new double[features];

    public double[] Mean { get; } = new double[features];

    public double[] TargetVariance { get; } = new double[features];

    public double[] Variance { get; } = new double[features];

    public void Clear()
    {
        Array.Clear(TargetMean);
        Array.Clear(Mean);
        Array.Clear(TargetVariance);
        Array.Clear(Variance);
    }
}
