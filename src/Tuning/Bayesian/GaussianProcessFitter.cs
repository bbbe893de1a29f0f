using Tuning.Optimization;

namespace Tuning.Bayesian;

/// <summary>
/// Fits the hyperparameters by maximum a posteriori estimation with L-BFGS-B on the log marginal likelihood plus
/// <see cref="HyperparameterPrior"/>, warm-started from the previous fit when there is one (and restarted from the
/// prior if the warm start fails), then conditions the model on all the data.
/// </summary>
/// <remarks>
/// While there are fewer than 50 observations, every fit also restarts from the prior (two starts) and keeps the best
/// posterior, since early fits are the least reliable. With more than <see cref="GaussianProcessOptions.MaxFitPoints"/> observations, the hyperparameters are fitted on a
/// stable pseudo-random subset of about that size (the model is still conditioned on every point): the fit costs O(n³) per iteration, and
/// a few hundred points determine smooth hyperparameters well.
/// </remarks>
internal static class GaussianProcessFitter
{
    private const double MinLogLengthscale = -4.6, MaxLogLengthscale = 4.6;   // ℓ in [0.01, 100] on the unit cube
    private const double MinLogSignal = -4.6, MaxLogSignal = 4.6;
    private const double MinLogNoiseExcess = -23, MaxLogNoiseExcess = 0.7;
    private const int WarmIterations = 20, ColdIterations = 50, ColdRestartsBelow = 50;

    /// <summary>Fits the hyperparameters and conditions the model; also returns the fitted negative log posterior.</summary>
    public static (GaussianProcessModel? Model, double[] Theta, double NegativeLogPosterior) Fit(
        FeatureMap map, double[] x, double[] y, double[]? warmStart, GaussianProcessOptions options)
    {
        int f = map.Columns, dimension = map.Parameters + 2;
        (double[] fitX, double[] fitY) = Subset(x, y, f, options.MaxFitPoints);
        var prior = new HyperparameterPrior(map.Parameters);
        var likelihood = new MarginalLikelihood(fitX, fitY, map, prior, options.NoiseFloor, options.Deterministic);

        double[] lower = new double[dimension], upper = new double[dimension];
        for (int i = 0; i < map.Parameters; i++)
        {
            lower[i] = MinLogLengthscale;
            upper[i] = MaxLogLengthscale;
        }

        (lower[dimension - 2], upper[dimension - 2]) = (MinLogSignal, MaxLogSignal);
        (lower[dimension - 1], upper[dimension - 1]) = options.Deterministic
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

        double[] FromPrior(double shift)
        {
            double[] theta = new double[dimension];
            prior.Initial(theta, shift);
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
            // start from the prior's median and from shorter lengthscales, and keep the best posterior.
            foreach (double shift in new[] { 0.0, -1.5 })
            {
                if (Run(FromPrior(shift), ColdIterations) is { } candidate && (fitted is null || candidate.Value < fitted.Value.Value))
                {
                    fitted = candidate;
                }
            }
        }

        double[] best = fitted?.Theta ?? FromPrior(0);
        double objective = fitted?.Value ?? double.PositiveInfinity;
        KernelHyperparameters h = KernelHyperparameters.FromVector(best, options.NoiseFloor);
        return (GaussianProcessModel.Create(map, h, x, y), best, objective);
    }

    /// <summary>
    /// A subset of at most <paramref name="max"/> points for the fit. Point i is kept when a hash of i falls below the
    /// keep-fraction, so the subset changes little from one ask to the next and warm starts stay close.
    /// </summary>
    private static (double[] X, double[] Y) Subset(double[] x, double[] y, int f, int max)
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

        double[] sx = new double[chosen.Count * f], sy = new double[chosen.Count];
        for (int k = 0; k < chosen.Count; k++)
        {
            x.AsSpan(chosen[k] * f, f).CopyTo(sx.AsSpan(k * f, f));
            sy[k] = y[chosen[k]];
        }

        return (sx, sy);
    }
}
