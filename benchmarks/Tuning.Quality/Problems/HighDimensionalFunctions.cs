namespace Tuning.Quality.Problems;

/// <summary>
/// Classic functions in any dimension (definitions as in Surjanovic and Bingham's Virtual Library of Simulation
/// Experiments, sfu.ca/~ssurjano), and the held-out group that poses them in 12 and 20 dimensions, where a model has few
/// trials per dimension: a search space as wide as a network's or a boosted ensemble's. No default is chosen against
/// <see cref="HeldOut"/> (run and report it separately).
/// </summary>
internal static class HighDimensionalFunctions
{
    /// <summary>Gets the held-out problems.</summary>
    public static IProblem[] HeldOut =>
    [
        new BoxProblem("Rosenbrock-12 (held out)", 12, -2.048, 2.048, 100, 0, Rosenbrock),
        new BoxProblem("Ackley-20 (held out)", 20, -5, 10, 100, 0, Ackley),
    ];

    /// <summary>Ackley: minimum 0 at the origin, in a shallow bowl covered with ripples.</summary>
    public static double Ackley(double[] x)
    {
        double squares = x.Sum(a => a * a) / x.Length, cosines = x.Sum(a => Math.Cos(2 * Math.PI * a)) / x.Length;
        return (-20 * Math.Exp(-0.2 * Math.Sqrt(squares))) - Math.Exp(cosines) + 20 + Math.E;
    }

    /// <summary>Rosenbrock: minimum 0 at xᵢ = 1, at the end of a curved valley.</summary>
    public static double Rosenbrock(double[] x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            sum += (100 * Math.Pow(x[i + 1] - (x[i] * x[i]), 2)) + Math.Pow(1 - x[i], 2);
        }

        return sum;
    }
}
