using Tuning.Quality.Problems;

namespace Tuning.Quality.Tests;

/// <summary>A compass search in a problem's unit cube: the lowest value it reaches from a start, feasible points only.</summary>
internal static class LocalSearch
{
    /// <summary>
    /// Steps of 0.05 along each coordinate in turn (clamped to the cube), moving to any better point and halving the step
    /// when none is, down to 1e-12: on a smooth function it converges to the local minimum near <paramref name="start"/>.
    /// </summary>
    public static double Minimum(IProblem problem, double[] start)
    {
        double[] at = (double[])start.Clone();
        double best = Value(problem, at);
        for (double step = 0.05; step > 1e-12;)
        {
            bool moved = false;
            for (int k = 0; k < at.Length; k++)
            {
                foreach (double direction in (ReadOnlySpan<double>)[1, -1])
                {
                    double[] next = (double[])at.Clone();
                    next[k] = Math.Clamp(next[k] + (direction * step), 0, 1);
                    double value = Value(problem, next);
                    if (value < best)
                    {
                        (at, best, moved) = (next, value, true);
                    }
                }
            }

            step = moved ? step : step / 2;
        }

        return best;
    }

    /// <summary>The problem's value at a point of its unit cube, or +∞ where a constraint is not met.</summary>
    public static double Value(IProblem problem, double[] unit)
    {
        ParameterValues x = problem.Space.Decode(unit);
        return problem is IConstrainedProblem constrained && !Feasible(constrained, x) ? double.PositiveInfinity : problem.TrueValue(x);
    }

    private static bool Feasible(IConstrainedProblem problem, ParameterValues x)
    {
        double[] g = problem.ConstraintValues(x);
        return problem.Constraints.Select((c, i) => c.IsSatisfiedBy(g[i])).All(ok => ok);
    }
}
