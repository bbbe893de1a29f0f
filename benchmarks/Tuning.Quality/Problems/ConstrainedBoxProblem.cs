namespace Tuning.Quality.Problems;

/// <summary>
/// A test function on a box [low, high]ᵈ with constraints gᵢ(x) ≤ 0, parameters x1 … xd, a budget, a known
/// constrained optimum and an upper bound of the objective over the box (see <see cref="ConstrainedFunctions"/>).
/// </summary>
internal sealed class ConstrainedBoxProblem : IConstrainedProblem
{
    private readonly Func<double[], double> _objective;
    private readonly Func<double[], double>[] _constraints;

    /// <param name="name">The problem's name.</param>
    /// <param name="dimensions">The number of parameters.</param>
    /// <param name="low">The box's lower bound in every coordinate.</param>
    /// <param name="high">The box's upper bound in every coordinate.</param>
    /// <param name="budget">The number of trials.</param>
    /// <param name="optimum">The objective's minimum over the feasible part of the box.</param>
    /// <param name="upperBound">An upper bound of the objective over the box.</param>
    /// <param name="objective">The objective.</param>
    /// <param name="constraints">The constraint functions; x is feasible when each is ≤ 0.</param>
    public ConstrainedBoxProblem(
        string name, int dimensions, double low, double high, int budget, double optimum, double upperBound,
        Func<double[], double> objective, params Func<double[], double>[] constraints)
    {
        Name = name;
        Budget = budget;
        Optimum = optimum;
        RegretBeforeFeasible = upperBound - optimum;
        _objective = objective;
        _constraints = constraints;
        Space = BoxProblem.Cube(dimensions, low, high);
        Constraints = [.. constraints.Select((_, i) => Metric.Constraint($"g{i + 1}", max: 0))];
    }

    public string Name { get; }

    public SearchSpace Space { get; }

    public int Budget { get; }

    public double Optimum { get; }

    public double RegretBeforeFeasible { get; }

    public IReadOnlyList<Metric> Constraints { get; }

    public double TrueValue(ParameterValues x) => _objective(BoxProblem.Coordinates(x, Space.Count));

    public double[] ConstraintValues(ParameterValues x)
    {
        double[] v = BoxProblem.Coordinates(x, Space.Count);
        return [.. _constraints.Select(g => g(v))];
    }
}
