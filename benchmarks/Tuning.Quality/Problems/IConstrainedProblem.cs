namespace Tuning.Quality.Problems;

/// <summary>
/// A minimization problem with black-box constraints: each trial measures the objective and every constraint, and a
/// trial counts only if it meets them all (SigOpt's metric thresholds, <see cref="Metric.Constraint"/>).
/// </summary>
internal interface IConstrainedProblem : IProblem
{
    /// <summary>Gets the constraint metrics, each with its threshold.</summary>
    IReadOnlyList<Metric> Constraints { get; }

    /// <summary>
    /// Gets the regret charged while no feasible trial has been found: an upper bound of the objective over the box,
    /// minus the optimum.
    /// </summary>
    double RegretBeforeFeasible { get; }

    /// <summary>The constraint metrics' values at x, in the order of <see cref="Constraints"/>.</summary>
    double[] ConstraintValues(ParameterValues x);
}
