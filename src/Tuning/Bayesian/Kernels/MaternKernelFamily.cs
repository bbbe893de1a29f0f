using Tuning.Bayesian.Models;

namespace Tuning.Bayesian.Kernels;

/// <summary>
/// The Matérn-5/2 ARD kernels of a feature map: θ = [log ℓ_1 … log ℓ_P, log σ²], one lengthscale per parameter, with
/// the priors of <see cref="HyperparameterPrior"/>.
/// </summary>
internal sealed class MaternKernelFamily(FeatureMap map) : IKernelFamily
{
    /// <summary>The log bounds of every lengthscale: ℓ in [0.01, 100] on the unit cube.</summary>
    public const double MinLogLengthscale = -4.6, MaxLogLengthscale = 4.6;

    /// <summary>The log bounds of the signal variance.</summary>
    public const double MinLogSignal = -4.6, MaxLogSignal = 4.6;

    private static readonly double[] StartShifts = [0.0, -1.5];

    private readonly HyperparameterPrior _prior = new(map.Parameters);

    public FeatureMap Map => map;

    public int Count => map.Parameters + 1;

    public int Starts => StartShifts.Length;

    public int Width => map.Columns;

    public IKernel Create(ReadOnlySpan<double> theta) => Create(theta, map);

    /// <summary>The kernel with θ = [log ℓ_1 … log ℓ_P, log σ²] over <paramref name="features"/>.</summary>
    public static MaternKernel Create(ReadOnlySpan<double> theta, FeatureMap features)
    {
        int p = features.Parameters;
        double[] lengthscales = new double[p];
        for (int i = 0; i < p; i++)
        {
            lengthscales[i] = Math.Exp(theta[i]);
        }

        return new MaternKernel(features, lengthscales, Math.Exp(theta[p]));
    }

    public void Bounds(Span<double> lower, Span<double> upper)
    {
        int p = map.Parameters;
        lower[..p].Fill(MinLogLengthscale);
        upper[..p].Fill(MaxLogLengthscale);
        (lower[p], upper[p]) = (MinLogSignal, MaxLogSignal);
    }

    /// <summary>Variant 0: the prior's median lengthscales and unit signal; variant 1: lengthscales e^1.5 times shorter.</summary>
    public void Initial(Span<double> theta, int variant)
    {
        int p = map.Parameters;
        theta[..p].Fill(_prior.LengthscaleLogMean + StartShifts[variant]);
        theta[p] = 0;
    }

    public double AddLogPrior(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int p = map.Parameters;
        double logPrior = _prior.AddLengthscales(theta[..p], gradient[..p]);
        return logPrior + HyperparameterPrior.AddSignal(theta[p], ref gradient[p]);
    }
}
