using Tuning.Quality.Problems;

namespace Tuning.Quality.Tests;

/// <summary>
/// Each single-objective problem's stated optimum is its true minimum: the function at the minimizer the literature
/// publishes is the optimum (else no run's regret can reach 0, or a regret goes negative and is clipped to 0), and a
/// local search from there finds nothing below it.
/// </summary>
public sealed class KnownOptimumTests
{
    /// <summary>
    /// The published minimizers (Surjanovic and Bingham's Virtual Library of Simulation Experiments, and the sources
    /// cited beside each constrained problem), by problem name, with the parameters named as the problem declares them.
    /// </summary>
    public static TheoryData<string, Dictionary<string, object>> Minimizers => new()
    {
        { "Branin", Box(Math.PI, 2.275) },
        { "Hartmann-3", Box(0.114614, 0.555649, 0.852547) },
        { "Hartmann-3 (noise sd 0.05)", Box(0.114614, 0.555649, 0.852547) },
        { "Six-hump camel", Box(0.0898420131003, -0.712656403020) },
        { "Goldstein-Price", Box(0, -1) },
        { "Rosenbrock-3", Box(1, 1, 1) },
        { "Mixed (log float, int, categorical)", new() { ["learning_rate"] = Math.Pow(10, -2.5), ["depth"] = 6, ["optimizer"] = "adamw" } },
        { "Hartmann-6 (validation)", Box(0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573) },
        { "Ackley-4 (validation)", Box(0, 0, 0, 0) },
        { "Styblinski-Tang-4 (validation)", Box(-2.903534, -2.903534, -2.903534, -2.903534) },
        { "Training surface 5-D (validation)", new() { ["lr"] = Math.Pow(10, -2.5), ["l2"] = 1e-4, ["batch"] = 64, ["momentum"] = 0.9, ["layers"] = 3 } },
        { "Levy-5 (validation)", Box(1, 1, 1, 1, 1) },
        { "Rastrigin-4 (validation)", Box(0, 0, 0, 0) },
        { "Michalewicz-5 (validation)", Box(2.202906, 1.570796, 1.284992, 1.923058, 1.720470) },
        { "Schwefel-4 (held out)", Box(420.9687, 420.9687, 420.9687, 420.9687) },
        { "Shekel-10 (4-D, held out)", Box(4.000747, 3.999509, 4.000747, 3.999509) }, // "near (4, 4, 4, 4)": that point is 1.6e-4 above
        { "Griewank-6 (held out)", Box(0, 0, 0, 0, 0, 0) },
        { "Levy-10 (held out)", Box(1, 1, 1, 1, 1, 1, 1, 1, 1, 1) },
        { "Rosenbrock-12 (held out)", Box(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1) },
        { "Ackley-20 (held out)", Box(new double[20]) },
        { "Conditional model choice (3 models, 8 parameters, held out)", new() { ["model"] = "net", ["learning_rate"] = Math.Pow(10, -2.7), ["width"] = 128, ["dropout"] = 0.2, ["scale"] = 0.3, ["batch"] = 64 } },
        { "Categorical-heavy (6 categoricals, 2 floats, held out)", new() { ["a"] = "a1", ["b"] = "b2", ["c"] = "c3", ["d"] = true, ["e"] = false, ["f"] = "f0", ["x"] = 0.5, ["y"] = 0.5 } },
        { "Branin, runs beyond x1 > 7 or x2 > 13 told as 1e300 (held out)", Box(-Math.PI, 12.275) },
        { "Gardner-2 (one constraint)", Box(3 * Math.PI / 2, 0) },
        { "Gramacy-2 (two constraints)", Box(0.1951227, 0.4046654) },
        { "Hartmann-6, sum ≤ 3 (one constraint)", Box(0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573) },
        { "Simionescu-2 (held out)", Box(0.848528137, -0.848528137) },
        { "Rosen-Suzuki-4 (held out)", Box(0, 1, 2, -1) },
    };

    [Theory]
    [MemberData(nameof(Minimizers))]
    public void The_function_at_the_published_minimizer_is_the_optimum(string name, Dictionary<string, object> minimizer)
    {
        IProblem problem = Problem(name);
        double value = problem.TrueValue(problem.Space.CreateValues(minimizer));

        // The published coordinates have 6–7 digits; at an interior minimum the value they miss by is of second order.
        Assert.InRange(value - problem.Optimum, -Tolerance(problem), 1e-6 * Math.Max(1, Math.Abs(problem.Optimum)));
    }

    [Theory]
    [MemberData(nameof(Minimizers))]
    public void A_local_search_from_the_published_minimizer_finds_nothing_below_the_optimum(string name, Dictionary<string, object> minimizer)
    {
        IProblem problem = Problem(name);
        double[] start = problem.Space.Encode(problem.Space.CreateValues(minimizer));

        double lowest = LocalSearch.Minimum(problem, start);

        Assert.True(lowest >= problem.Optimum - Tolerance(problem), $"{name}: {lowest:R} is below the stated optimum {problem.Optimum:R}");
    }

    [Fact]
    public void Every_problem_with_a_known_optimum_has_a_published_minimizer_here()
    {
        string[] covered = [.. Minimizers.Select(row => (string)row[0])];

        // The recorded problems' optimum is the best mean of their grid, which RecordedTableTests check.
        Assert.Empty(AllProblems().Where(p => p.OptimumKnown && !p.Name.Contains("recorded", StringComparison.Ordinal)).Select(p => p.Name).Except(covered));
    }

    /// <summary>How far below the optimum a value may lie from rounding alone (the smallest regrets measured are near 1e-8).</summary>
    internal static double Tolerance(IProblem problem) => 1e-12 * Math.Max(1, Math.Abs(problem.Optimum));

    internal static IProblem[] AllProblems() =>
        [.. RegretSuite.Groups.SelectMany(g => g.Problems()).DistinctBy(p => p.Name)];

    private static IProblem Problem(string name) => AllProblems().Single(p => p.Name == name);

    /// <summary>A point of a box problem, whose parameters are x1 … xd.</summary>
    private static Dictionary<string, object> Box(params double[] x) =>
        x.Select((v, i) => (Name: $"x{i + 1}", Value: (object)v)).ToDictionary(p => p.Name, p => p.Value);
}
