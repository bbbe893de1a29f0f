using Tuning.Bayesian.Kernels;
using Tuning.Optimization;

namespace Tuning.Bayesian.Models;

/// <summary>
/// Fits a Gaussian process's hyperparameters by maximum a posteriori estimation with L-BFGS-B on the log marginal
/// likelihood plus the priors (<see cref="MarginalLikelihood"/>), warm-started from the previous fit when there is one
/// (and restarted from the prior if the warm start fails), then conditions the model on all the data. The same fitter
/// serves every kernel family: single-fidelity, multi-fidelity, and the pruned-trial model.
/// </summary>
/// <remarks>
/// While there are fewer than 50 observations, every fit also restarts from each of the family's starting points and
/// keeps the best posterior, since early fits are the least reliable. With more than
/// <see cref="ModelSettings.MaxFitPoints"/> observations, the hyperparameters are fitted on a stable pseudo-random
/// subset of about that size (the model is still conditioned on every point): the fit costs O(n³) per iteration, and a
/// few hundred points determine smooth hyperparameters well.
/// </remarks>
internal static class GaussianProcessFitter
{
    private const double MinLogNoiseExcess = -23, MaxLogNoiseExcess = 0.7;
    private const int WarmIterations = 20, ColdIterations = 50, ColdRestartsBelow = 50;

    /// <summary>Fits the hyperparameters and conditions the model on (x, y).</summary>
    /// <param name="family">The kernel family.</param>
    /// <param name="x">The training rows, n×width.</param>
    /// <param name="y">The standardized targets.</param>
    /// <param name="warmStart">The previous fit's θ, or null.</param>
    /// <param name="settings">The model settings.</param>
    /// <returns>The conditioned model (null if it cannot be factored), its θ, and the fitted negative log posterior.</returns>
    public static FitResult Fit(IKernelFamily family, double[] x, double[] y, double[]? warmStart, ModelSettings settings)
    {
        (double[] fitX, double[] fitY) = Subset(x, y, family.Width, settings.MaxFitPoints);
        var likelihood = new MarginalLikelihood(fitX, fitY, family, settings.NoiseFloor, settings.Deterministic);
        int dimension = likelihood.Count, noise = dimension - 1;

        double[] lower = new double[dimension], upper = new double[dimension];
        family.Bounds(lower, upper);
        (lower[noise], upper[noise]) = settings.Deterministic
            ? (MinLogNoiseExcess, MinLogNoiseExcess)
            : (MinLogNoiseExcess, MaxLogNoiseExcess);

        var lbfgs = new BoundedLbfgs(dimension);

        // The log posterior grows with the data, and so does its gradient; hyperparameters (logs) need no more than
        // two or three digits, so the tolerance grows with n too.
        double gradientTolerance = 1e-4 * Math.Max(10, fitY.Length);
        (double[] Theta, double Value)? Run(double[] theta, int iterations)
        {
            (double value, _) = lbfgs.Minimize(likelihood.Evaluate, theta, lower, upper, iterations, gradientTolerance, valueTolerance: 1e-4);
            return double.IsFinite(value) ? (theta, value) : null;
        }

        double[] FromPrior(int variant)
        {
            double[] theta = new double[dimension];
            family.Initial(theta, variant);
            theta[noise] = Math.Log(HyperparameterPrior.InitialNoise);
            return theta;
        }

        (double[] Theta, double Value)? fitted = null;
        if (warmStart is not null && warmStart.Length == dimension)
        {
            fitted = Run((double[])warmStart.Clone(), WarmIterations);
        }

        if (fitted is null || fitY.Length < ColdRestartsBelow)
        {
            // A cold fit, a warm start that failed, or few data (when MAP fits are least reliable and cheapest): also
            // start from each of the family's starting points, and keep the best posterior.
            for (int variant = 0; variant < family.Starts; variant++)
            {
                if (Run(FromPrior(variant), ColdIterations) is { } candidate && (fitted is null || candidate.Value < fitted.Value.Value))
                {
                    fitted = candidate;
                }
            }
        }

        double[] best = fitted?.Theta ?? FromPrior(0);
        double objective = fitted?.Value ?? double.PositiveInfinity;
        IKernel kernel = family.Create(best.AsSpan(0, noise));
        return new FitResult(GaussianProcess.Condition(kernel, settings.NoiseFloor + Math.Exp(best[noise]), x, y), best, objective);
    }

    /// <summary>
    /// A subset of at most <paramref name="max"/> rows for the fit. Row i is kept when a hash of i falls below the
    /// keep-fraction, so the subset changes little from one ask to the next and warm starts stay close.
    /// </summary>
    private static (double[] X, double[] Y) Subset(double[] x, double[] y, int width, int max)
    {
        int n = y.Length;
        if (n <= max)
        {
            return (x, y);
        }

        double keep = (double)max / n;
        var chosen = new List<int>(max + 16);
        for (int i = 0; i < n && chosen.Count < max; i++)
        {
            if ((uint)Seeds.Derive(0x5EB5E7, i) / (double)int.MaxValue < keep)
            {
                chosen.Add(i);
            }
        }

        double[] sx = new double[chosen.Count * width], sy = new double[chosen.Count];
        for (int k = 0; k < chosen.Count; k++)
        {
            x.AsSpan(chosen[k] * width, width).CopyTo(sx.AsSpan(k * width, width));
            sy[k] = y[chosen[k]];
        }

        return (sx, sy);
    }
}
