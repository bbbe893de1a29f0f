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
    /// <summary>
    /// Below this many rows every ask refits the hyperparameters; above, a fit is kept until the rows have grown by
    /// <see cref="RefitGrowth"/> of their number at that fit, and meanwhile each ask only extends the factor.
    /// </summary>
    public const int RefitEveryAskBelow = 100;

    /// <summary>The growth of the data, as a share of the rows at the last fit, that calls for a new fit.</summary>
    public const double RefitGrowth = 0.05;

    /// <summary>A new row whose standardized residual under the kept model exceeds this calls for a new fit at once.</summary>
    public const double SurpriseLimit = 4;

    /// <summary>A cold fit on more rows than this first fits on a nested subset of this many, then polishes on all of them.</summary>
    public const int StagedAbove = 100;

    private const double MinLogNoiseExcess = -23, MaxLogNoiseExcess = 0.7;
    private const int WarmIterations = 20, ColdIterations = 50, ColdRestartsBelow = 50;

    /// <summary>
    /// The model of a role on this ask's rows: the kept model extended by the new rows when its hyperparameters are
    /// still fresh (<see cref="RefitEveryAskBelow"/>, <see cref="RefitGrowth"/>, <see cref="SurpriseLimit"/>), else a
    /// new fit warm-started from the kept one. Extending costs O(n²) per new row; a fit O(n³) per iteration.
    /// </summary>
    /// <param name="memory">The suggester's memory, which keeps the result.</param>
    /// <param name="role">The model's role.</param>
    /// <param name="family">The kernel family.</param>
    /// <param name="x">The rows, n×width.</param>
    /// <param name="y">The targets.</param>
    /// <param name="keys">
    /// A key (trial number) per row, which identifies a row from one ask to the next; null when rows are not stable
    /// (the model is then fitted anew each ask, warm-started).
    /// </param>
    /// <param name="settings">The model settings; without <see cref="ModelSettings.WarmStart"/> every ask fits anew from the prior.</param>
    /// <param name="forceFit">Whether to fit even if the kept model is fresh (to compare the posteriors of several fits).</param>
    /// <param name="borrowed">Hyperparameters to start from when the role has no fit of its own yet (another warping's, say).</param>
    /// <param name="ranked">Whether smaller targets are better (an objective), which decides the rows kept above <see cref="ModelSettings.MaxModelPoints"/>.</param>
    public static FitResult Update(
        FitMemory memory, ModelRole role, IKernelFamily family, double[] x, double[] y, int[]? keys, ModelSettings settings,
        bool forceFit = false, double[]? borrowed = null, bool ranked = true)
    {
        memory.Fits.TryGetValue(role, out CachedFit? kept);
        memory.Fits.Remove(role);
        bool[]? chosen = ConditioningSet.Choose(y, keys, settings.MaxModelPoints, ranked);
        if (settings.WarmStart && keys is not null && kept is not null && !forceFit
            && y.Length - kept.FittedAt < RefitInterval(kept.FittedAt)
            && Extend(kept, family.Width, x, y, keys, chosen) is CachedFit extended)
        {
            memory.Fits[role] = extended;
            var rowOf = new Dictionary<int, int>(keys.Length);
            for (int i = 0; i < keys.Length; i++)
            {
                rowOf[keys[i]] = i;
            }

            return new FitResult(extended.Model, extended.Theta, extended.NegativeLogPosterior, [.. extended.Keys.Select(k => rowOf[k])]);
        }

        int[]? rows = null;
        if (chosen is not null)
        {
            (x, y, keys) = Select(x, y, keys, family.Width, chosen);
            rows = [.. Enumerable.Range(0, chosen.Length).Where(i => chosen[i])];
        }

        FitResult fit = Fit(family, x, y, settings.WarmStart ? kept?.Theta ?? borrowed : null, settings, keys) with { Rows = rows };
        if (fit.Model is not null)
        {
            memory.Fits[role] = new CachedFit(fit.Theta, keys ?? [], fit.Model, y.Length, fit.NegativeLogPosterior);
        }

        return fit;
    }

    /// <summary>The rows marked in <paramref name="chosen"/>.</summary>
    private static (double[] X, double[] Y, int[]? Keys) Select(double[] x, double[] y, int[]? keys, int width, bool[] chosen)
    {
        int count = chosen.Count(c => c);
        double[] sx = new double[count * width], sy = new double[count];
        int[]? sk = keys is null ? null : new int[count];
        for (int i = 0, k = 0; i < chosen.Length; i++)
        {
            if (chosen[i])
            {
                x.AsSpan(i * width, width).CopyTo(sx.AsSpan(k * width, width));
                sy[k] = y[i];
                if (sk is not null)
                {
                    sk[k] = keys![i];
                }

                k++;
            }
        }

        return (sx, sy, sk);
    }

    /// <summary>How many new rows a fit made with <paramref name="rows"/> rows stays fresh for.</summary>
    public static int RefitInterval(int rows) => rows < RefitEveryAskBelow ? 1 : (int)Math.Ceiling(RefitGrowth * rows);

    /// <summary>Fits the hyperparameters and conditions the model on (x, y).</summary>
    /// <param name="family">The kernel family.</param>
    /// <param name="x">The training rows, n×width.</param>
    /// <param name="y">The standardized targets.</param>
    /// <param name="warmStart">The previous fit's θ, or null.</param>
    /// <param name="settings">The model settings.</param>
    /// <returns>The conditioned model (null if it cannot be factored), its θ, and the fitted negative log posterior.</returns>
    /// <param name="keys">A stable key per row (trial numbers), which chooses the fit subset; null to key rows by their index.</param>
    public static FitResult Fit(IKernelFamily family, double[] x, double[] y, double[]? warmStart, ModelSettings settings, int[]? keys = null)
    {
        (double[] fitX, double[] fitY) = Subset(x, y, keys, family.Width, settings.MaxFitPoints);
        if (warmStart is null && fitY.Length > StagedAbove)
        {
            // A cold fit on many rows: its long search runs on a nested subset, where an iteration costs (300/100)³ less,
            // and the result starts a short one on every row of the fit.
            (double[] smallX, double[] smallY) = Subset(x, y, keys, family.Width, StagedAbove);
            warmStart = Optimize(family, smallX, smallY, null, settings).Theta;
        }

        (double[] best, double objective) = Optimize(family, fitX, fitY, warmStart, settings);
        IKernel kernel = family.Create(best.AsSpan(0, family.Count));
        return new FitResult(GaussianProcess.Condition(kernel, settings.NoiseFloor + Math.Exp(best[family.Count]), x, y, settings.Threads > 1), best, objective);
    }

    /// <summary>Maximizes the posterior of θ on (x, y): from the warm start, and from the family's starting points when cold or with few rows.</summary>
    private static (double[] Theta, double NegativeLogPosterior) Optimize(IKernelFamily family, double[] fitX, double[] fitY, double[]? warmStart, ModelSettings settings)
    {
        var likelihood = new MarginalLikelihood(fitX, fitY, family, settings.NoiseFloor, settings.Deterministic, settings.Threads > 1);
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
            // Few data (when MAP fits are least reliable and cheapest): also start from each of the family's starting
            // points, and keep the best posterior. A cold fit on many data starts from the prior's centre, and from the
            // alternatives only if that fails: the data pin the posterior's mode down, and each start costs O(n³) per step.
            bool few = fitY.Length < ColdRestartsBelow;
            for (int variant = 0; variant < family.Starts && (few || fitted is null); variant++)
            {
                if (Run(FromPrior(variant), ColdIterations) is { } candidate && (fitted is null || candidate.Value < fitted.Value.Value))
                {
                    fitted = candidate;
                }
            }
        }

        return fitted is { } f ? (f.Theta, f.Value) : (FromPrior(0), double.PositiveInfinity);
    }

    /// <summary>
    /// The kept model on this ask's rows: its rows first, in its order, with this ask's targets, then the new rows
    /// appended; null if a kept row is gone, or a new row surprises the model (<see cref="SurpriseLimit"/>) or cannot
    /// be added.
    /// </summary>
    private static CachedFit? Extend(CachedFit kept, int width, double[] x, double[] y, int[] keys, bool[]? chosen)
    {
        int n = y.Length, m = kept.Keys.Length;
        if (m > n || kept.Model.Kernel.Width != width)
        {
            return null;
        }

        var rowOf = new Dictionary<int, int>(n);
        for (int i = 0; i < n; i++)
        {
            rowOf[keys[i]] = i;
        }

        int[] order = new int[n];
        bool[] placed = new bool[n];
        for (int i = 0; i < m; i++)
        {
            if (!rowOf.TryGetValue(kept.Keys[i], out int row))
            {
                return null;
            }

            order[i] = row;
            placed[row] = true;
        }

        int rows = m;
        for (int i = 0; i < n; i++)
        {
            if (!placed[i] && (chosen is null || chosen[i]))
            {
                order[rows++] = i;
            }
        }

        GaussianProcess model = kept.Model;
        model.Truncate(m);
        double[] targets = new double[m];
        for (int i = 0; i < m; i++)
        {
            targets[i] = y[order[i]];
        }

        model.SetTargets(targets);
        for (int i = m; i < rows; i++)
        {
            ReadOnlySpan<double> row = x.AsSpan(order[i] * width, width);
            if (Math.Abs(model.Surprise(row, y[order[i]])) > SurpriseLimit || !model.Append(row, y[order[i]]))
            {
                return null;
            }
        }

        return kept with { Keys = [.. order.Take(rows).Select(i => keys[i])], Model = model };
    }

    /// <summary>
    /// A subset of at most <paramref name="max"/> rows for the fit. A row is kept when a hash of its key (or index)
    /// falls below the keep-fraction, so the subset changes little from one ask to the next and warm starts stay close.
    /// </summary>
    internal static (double[] X, double[] Y) Subset(double[] x, double[] y, int[]? keys, int width, int max)
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
            if (ConditioningSet.Keeps(keys?[i] ?? i, keep))
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
