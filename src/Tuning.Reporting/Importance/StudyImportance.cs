namespace Tuning.Reporting;

/// <summary>
/// Estimates how much each hyperparameter matters to a metric, from the completed trials of a study: a model-free
/// first-order variance decomposition in the spirit of fANOVA.
/// </summary>
/// <remarks>
/// A parameter's importance is the share of the metric's variance across the completed trials that the means of the
/// metric within bins of that parameter explain (one bin per choice of a categorical, equal-count bins of a numeric
/// parameter), corrected for the scatter that bins show by chance (ω²). A conditional parameter is measured on the
/// trials in which it is active. Only main effects are measured: interactions and noise make up the rest, so the
/// importances need not sum to 1. Trials clustered by a Bayesian optimizer give less faithful estimates than random or
/// Sobol trials, and a few extreme values dominate the variance.
/// </remarks>
/// <example>
/// <code>
/// foreach (ParameterImportance p in StudyImportance.Compute(study))
///     Console.WriteLine($"{p.Name,-16} {p.Importance:P0}");
/// </code>
/// </example>
public static class StudyImportance
{
    /// <summary>The fewest completed trials an estimate needs; with fewer, every importance is 0.</summary>
    public const int MinimumTrials = 3;

    /// <summary>The estimator behind <see cref="Compute"/>; the seam for other estimators (such as GP lengthscales).</summary>
    internal static IImportanceEstimator Estimator { get; } = new MainEffectImportance();

    /// <summary>Estimates the importance of every parameter of the study for one metric.</summary>
    /// <param name="study">The study; its completed trials at the target fidelity are used (pruned, failed and running ones are not).</param>
    /// <param name="metric">The metric's name; the default, <see langword="null"/>, is the study's first objective.</param>
    /// <returns>
    /// One entry per parameter, most important first (ties in declaration order). With fewer than three completed
    /// trials, or when every completed trial has the same value, every importance is 0.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The study has no metric named <paramref name="metric"/>.</exception>
    public static IReadOnlyList<ParameterImportance> Compute(Study study, string? metric = null) =>
        ComputeFor(new StudySnapshot(study), metric);

    internal static IReadOnlyList<ParameterImportance> ComputeFor(StudySnapshot snapshot, string? metric)
    {
        ImportanceSample sample = ImportanceSample.From(snapshot, ChosenMetric.Find(snapshot.Study, metric, nameof(metric)));
        IReadOnlyList<ParameterImportance> estimates = sample.Count >= MinimumTrials
            ? Estimator.Estimate(sample)
            : [.. snapshot.Study.Space.Parameters.Select((p, j) => new ParameterImportance(p.Name, 0, sample.Parameters.Count(row => !double.IsNaN(row[j]))))];

        // A stable sort keeps ties in declaration order.
        return [.. estimates.OrderByDescending(e => e.Importance)];
    }
}
