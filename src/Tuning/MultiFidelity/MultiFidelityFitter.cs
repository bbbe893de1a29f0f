using Tuning.Bayesian;
using Tuning.Optimization;

namespace Tuning.MultiFidelity;

/// <summary>
/// Fits the multi-fidelity GP's hyperparameters by MAP with L-BFGS-B on <see cref="MultiFidelityLikelihood"/>, as
/// <see cref="GaussianProcessFitter"/> does for one fidelity: warm-started from the previous fit when there is one, with
/// cold starts from the prior while data are few (or when the warm start fails), on a random subset above
/// <see cref="MultiFidelityOptions.MaxFitPoints"/>; then conditions the model on all the data.
/// </summary>
internal static class MultiFidelityFitter
{
    private const double MinLogLengthscale = -4.6, MaxLogLengthscale = 4.6;
    private const double MinLogSignal = -4.6, MaxLogSignal = 4.6;
    private const double MinLogNoiseExcess = -23, MaxLogNoiseExcess = 0.7;
    private const int WarmIterations = 25, ColdIterations = 60, ColdRestartsBelow = 50;

    public static (MultiFidelityModel? Model, double[] Theta) Fit(
        FeatureMap map, IFidelityKernel template, double[] x, double[] s, double[] y, double[]? warmStart, MultiFidelityOptions options, Random random)
    {
        int f = map.Columns, p = map.Parameters, q = template.ParameterCount;
        int dimension = MultiFidelityHyperparameters.Count(p, template);
        (double[] fitX, double[] fitS, double[] fitY) = Subset(x, s, y, f, options.MaxFitPoints, random);
        var likelihood = new MultiFidelityLikelihood(fitX, fitS, fitY, map, template, options.NoiseFloor);
        var prior = new HyperparameterPrior(p);

        double[] lower = new double[dimension], upper = new double[dimension];
        for (int i = 0; i < p; i++)
        {
            (lower[i], upper[i]) = (MinLogLengthscale, MaxLogLengthscale);
        }

        template.Bounds(lower.AsSpan(p, q), upper.AsSpan(p, q));
        (lower[p + q], upper[p + q]) = (MinLogSignal, MaxLogSignal);
        (lower[p + q + 1], upper[p + q + 1]) = (MinLogNoiseExcess, MaxLogNoiseExcess);
        for (int i = p + q + 2; i < dimension; i++)
        {
            (lower[i], upper[i]) = (MinLogLengthscale, MaxLogLengthscale);
        }

        var lbfgs = new BoundedLbfgs(dimension);
        (double[] Theta, double Value)? Run(double[] theta, int iterations)
        {
            (double value, _) = lbfgs.Minimize(likelihood.Evaluate, theta, lower, upper, iterations, 1e-4);
            return double.IsFinite(value) ? (theta, value) : null;
        }

        double[] FromPrior(double lengthscaleShift, int fidelityVariant)
        {
            double[] single = new double[p + 2];
            prior.Initial(single, lengthscaleShift);
            double[] theta = new double[dimension];
            single.AsSpan(0, p).CopyTo(theta);
            template.Initial(theta.AsSpan(p, q), fidelityVariant);
            theta[p + q] = single[p];
            theta[p + q + 1] = single[p + 1];
            for (int i = p + q + 2; i < dimension; i++)
            {
                theta[i] = single[i - p - q - 2]; // the bias starts from the target's lengthscales
            }

            return theta;
        }

        (double[] Theta, double Value)? fitted = null;
        if (warmStart is not null && warmStart.Length == dimension)
        {
            fitted = Run((double[])warmStart.Clone(), WarmIterations);
        }

        if (fitted is null || fitY.Length < ColdRestartsBelow)
        {
            foreach ((double shift, int variant) in new[] { (0.0, 0), (-1.5, 0), (0.0, 1) })
            {
                if (Run(FromPrior(shift, variant), ColdIterations) is { } candidate && (fitted is null || candidate.Value < fitted.Value.Value))
                {
                    fitted = candidate;
                }
            }
        }

        double[] best = fitted?.Theta ?? FromPrior(0, 0);
        MultiFidelityHyperparameters h = MultiFidelityHyperparameters.FromVector(best, p, template, options.NoiseFloor);
        return (MultiFidelityModel.Create(map, h, x, s, y), best);
    }

    private static (double[] X, double[] S, double[] Y) Subset(double[] x, double[] s, double[] y, int f, int max, Random random)
    {
        int n = y.Length;
        if (n <= max)
        {
            return (x, s, y);
        }

        int[] chosen = [.. Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(max).Order()];
        double[] sx = new double[max * f], ss = new double[max], sy = new double[max];
        for (int i = 0; i < max; i++)
        {
            x.AsSpan(chosen[i] * f, f).CopyTo(sx.AsSpan(i * f, f));
            ss[i] = s[chosen[i]];
            sy[i] = y[chosen[i]];
        }

        return (sx, ss, sy);
    }
}
