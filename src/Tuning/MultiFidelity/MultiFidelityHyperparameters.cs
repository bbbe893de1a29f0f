namespace Tuning.MultiFidelity;

/// <summary>
/// The hyperparameters of the multi-fidelity GP and their packing into the vector the fit optimizes:
/// θ = [log ℓ_1 … log ℓ_P, φ_1 … φ_F, log σ_f², log(σ_n² − floor), log ℓ_b,1 … log ℓ_b,P], one lengthscale per
/// parameter of the space, the fidelity kernel's φ, and, for a fidelity kernel with a bias
/// (<see cref="IFidelityKernel.HasBias"/>), the bias's own lengthscales.
/// </summary>
internal sealed record MultiFidelityHyperparameters(double[] Lengthscales, IFidelityKernel Fidelity, double SignalVariance, double NoiseVariance, double[]? BiasLengthscales = null)
{
    /// <summary>Gets the lengthscales of the bias's x-kernel: its own, or the target's when none were given.</summary>
    public double[] BiasOrTargetLengthscales => BiasLengthscales ?? Lengthscales;

    public static int Count(int parameters, IFidelityKernel fidelity) => parameters + fidelity.ParameterCount + 2 + (fidelity.HasBias ? parameters : 0);

    /// <summary>The index in θ of the first bias lengthscale.</summary>
    public static int BiasIndex(int parameters, IFidelityKernel fidelity) => parameters + fidelity.ParameterCount + 2;

    public static MultiFidelityHyperparameters FromVector(ReadOnlySpan<double> theta, int parameters, IFidelityKernel template, double noiseFloor)
    {
        double[] lengthscales = new double[parameters];
        for (int i = 0; i < parameters; i++)
        {
            lengthscales[i] = Math.Exp(theta[i]);
        }

        double[]? bias = null;
        if (template.HasBias)
        {
            int b = BiasIndex(parameters, template);
            bias = new double[parameters];
            for (int i = 0; i < parameters; i++)
            {
                bias[i] = Math.Exp(theta[b + i]);
            }
        }

        int f = template.ParameterCount, s = parameters + f;
        return new MultiFidelityHyperparameters(
            lengthscales, template.With(theta.Slice(parameters, f)), Math.Exp(theta[s]), noiseFloor + Math.Exp(theta[s + 1]), bias);
    }
}
