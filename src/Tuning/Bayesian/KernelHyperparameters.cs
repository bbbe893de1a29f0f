namespace Tuning.Bayesian;

/// <summary>
/// The hyperparameters of the Gaussian process, and their packing into the vector the fit optimizes:
/// θ = [log ℓ_1 … log ℓ_P, log σ_f², log(σ_n² − floor)], one lengthscale per parameter of the space.
/// </summary>
internal sealed record KernelHyperparameters(double[] Lengthscales, double SignalVariance, double NoiseVariance)
{
    public int Count => Lengthscales.Length + 2;

    public static KernelHyperparameters FromVector(ReadOnlySpan<double> theta, double noiseFloor)
    {
        int p = theta.Length - 2;
        double[] lengthscales = new double[p];
        for (int i = 0; i < p; i++)
        {
            lengthscales[i] = Math.Exp(theta[i]);
        }

        return new KernelHyperparameters(lengthscales, Math.Exp(theta[p]), noiseFloor + Math.Exp(theta[p + 1]));
    }

    public void ToVector(Span<double> theta, double noiseFloor)
    {
        int p = Lengthscales.Length;
        for (int i = 0; i < p; i++)
        {
            theta[i] = Math.Log(Lengthscales[i]);
        }

        theta[p] = Math.Log(SignalVariance);
        theta[p + 1] = Math.Log(Math.Max(NoiseVariance - noiseFloor, 1e-12 * Math.Max(noiseFloor, 1e-300)));
    }
}
