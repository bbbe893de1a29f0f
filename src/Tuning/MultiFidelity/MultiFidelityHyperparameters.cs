namespace Tuning.MultiFidelity;

/// <summary>
/// The hyperparameters of the multi-fidelity GP and their packing into the vector the fit optimizes:
/// θ = [log ℓ_1 … log ℓ_P, φ_1 … φ_F, log σ_f², log(σ_n² − floor)], one lengthscale per parameter of the space and
/// the fidelity kernel's φ.
/// </summary>
internal sealed record MultiFidelityHyperparameters(double[] Lengthscales, IFidelityKernel Fidelity, double SignalVariance, double NoiseVariance)
{
    public static int Count(int parameters, IFidelityKernel fidelity) => parameters + fidelity.ParameterCount + 2;

    public static MultiFidelityHyperparameters FromVector(ReadOnlySpan<double> theta, int parameters, IFidelityKernel template, double noiseFloor)
    {
        double[] lengthscales = new double[parameters];
        for (int i = 0; i < parameters; i++)
        {
            lengthscales[i] = Math.Exp(theta[i]);
        }

        int f = template.ParameterCount, s = parameters + f;
        return new MultiFidelityHyperparameters(
            lengthscales, template.With(theta.Slice(parameters, f)), Math.Exp(theta[s]), noiseFloor + Math.Exp(theta[s + 1]));
    }
}
