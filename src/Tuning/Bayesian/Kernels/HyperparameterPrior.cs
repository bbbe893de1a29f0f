namespace Tuning.Bayesian.Kernels;

/// <summary>
/// The prior of the MAP fit, on standardized outputs and unit-cube inputs.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Lengthscales: log ℓ ~ N(√2 − 1.5 + ½·log D, 3). This is the dimension-scaled prior of Hvarfner, Hellsten and
/// Nardi ("Vanilla Bayesian Optimization Performs Great in High Dimensions", ICML 2024), whose median lengthscale grows
/// like √D so that the model does not assume every dimension matters and GP-BO stays sample-efficient in many
/// dimensions; BoTorch adopted it with the centre √2 + ½·log D. We keep the √D scaling but centre it 1.5 lower
/// (median 0.92·√D instead of 4.1·√D on the unit cube): with the higher centre, MAP fits to the first few dozen points
/// were too smooth and the search over-exploited, most visibly on the validation problems outside the quality suite
/// (measured in <c>benchmarks/Tuning.Quality/results.md</c>).</item>
/// <item>Signal variance: a Gamma(2, 1) density, mode 1 (the standardized output's variance).</item>
/// <item>Noise variance: a Gamma(1.1, 30) density, nearly flat near 0 so a deterministic objective can fit its data
/// exactly, and against noise larger than a fraction of the output's variance. (These two are Optuna's GPSampler choices.)</item>
/// </list>
/// Densities are taken on the variances themselves, without the change-of-variables term, as Optuna does.
/// </remarks>
internal sealed class HyperparameterPrior(int dimension)
{
    private const double LengthscaleLogSd = 1.7320508075688772; // √3

    public double LengthscaleLogMean { get; } = Math.Sqrt(2) + (0.5 * Math.Log(Math.Max(dimension, 1))) - 1.5;

    /// <summary>The noise variance a fit starts from, on standardized outputs.</summary>
    public const double InitialNoise = 1e-3;

    /// <summary>Adds the signal variance's log prior to its gradient entry and returns it: Gamma(2, 1) on σ_f² = e^θ.</summary>
    public static double AddSignal(double theta, ref double gradient)
    {
        // log p = log σ_f² − σ_f², so ∂/∂θ = 1 − σ_f².
        double signal = Math.Exp(theta);
        gradient += 1 - signal;
        return theta - signal;
    }

    /// <summary>
    /// Adds the noise variance's log prior to its gradient entry and returns it: Gamma(1.1, 30) on σ_n² = floor + e^η,
    /// so log p = 0.1·log σ_n² − 30σ_n² and ∂σ_n²/∂η = e^η.
    /// </summary>
    public static double AddNoise(double eta, double noiseFloor, ref double gradient)
    {
        double excess = Math.Exp(eta);
        double noise = noiseFloor + excess;
        gradient += ((0.1 / noise) - 30) * excess;
        return (0.1 * Math.Log(noise)) - (30 * noise);
    }

    /// <summary>Adds the log-lengthscale prior of <paramref name="logLengthscales"/> to the value and ∂ log p/∂θ to the gradient.</summary>
    public double AddLengthscales(ReadOnlySpan<double> logLengthscales, Span<double> gradient)
    {
        double logPrior = 0;
        for (int i = 0; i < logLengthscales.Length; i++)
        {
            double t = (logLengthscales[i] - LengthscaleLogMean) / LengthscaleLogSd;
            logPrior -= 0.5 * t * t;
            gradient[i] += -t / LengthscaleLogSd;
        }

        return logPrior;
    }
}
