namespace Tuning.Quality.Problems;

/// <summary>A minimization problem with a known optimum.</summary>
internal interface IProblem
{
    string Name { get; }

    SearchSpace Space { get; }

    int Budget { get; }

    double Optimum { get; }

    /// <summary>
    /// Gets a value indicating whether <see cref="Optimum"/> is the true minimum; when it is not (a real objective),
    /// it is 0 and the "regret" is the value itself, so ratios to random search mean nothing.
    /// </summary>
    bool OptimumKnown => true;

    /// <summary>The noise-free value, used for regret.</summary>
    double TrueValue(ParameterValues x);

    /// <summary>The value the suggester is told (noisy for noisy problems).</summary>
    double Observe(ParameterValues x, Random noise) => TrueValue(x);

    /// <summary>The best value Optuna 4.6's GPSampler reached on this machine at the same budget (median of 10 seeds), if known.</summary>
    double? OptunaMedianRegret => null;

    /// <summary>
    /// The median regret BoTorch 0.11.3 reached at the same budget over seeds 0–9 (SingleTaskGP, Matérn-5/2 ARD, LogEI,
    /// <c>optimize_acqf</c> with 10 restarts × 512 raw samples, one thread), measured on this machine, if known.
    /// </summary>
    double? BoTorchMedianRegret => null;
}
