namespace Tuning.Quality.Problems;

/// <summary>A minimization problem with a known optimum.</summary>
internal interface IProblem
{
    string Name { get; }

    SearchSpace Space { get; }

    int Budget { get; }

    double Optimum { get; }

    /// <summary>The noise-free value, used for regret.</summary>
    double TrueValue(ParameterValues x);

    /// <summary>The value the suggester is told (noisy for noisy problems).</summary>
    double Observe(ParameterValues x, Random noise) => TrueValue(x);

    /// <summary>The best value Optuna 4.6's GPSampler reached on this machine at the same budget (median of 10 seeds), if known.</summary>
    double? OptunaMedianRegret => null;
}
