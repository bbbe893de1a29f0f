using MathNet.Numerics.Optimization;

namespace Tuning.Quality.Problems;

/// <summary>
/// Multimodal test functions (definitions as in Surjanovic and Bingham's Virtual Library of Simulation Experiments,
/// sfu.ca/~ssurjano) on boxes placed so that the optimum is not the box's centre, in 4–6 dimensions (and Levy in 10):
/// many basins, where a model that trusts its first good basin stalls. <see cref="Validation"/> joins the validation group;
/// <see cref="HeldOut"/> is the held-out group, which no default is chosen against (run and report it separately).
/// </summary>
internal static class MultimodalFunctions
{
    /// <summary>Gets the validation problems added to Hartmann-6, Ackley-4 and Styblinski–Tang-4.</summary>
    public static IProblem[] Validation =>
    [
        new BoxProblem("Levy-5 (validation)", 5, -10, 10, 100, 0, Levy),
        new BoxProblem("Rastrigin-4 (validation)", 4, -2.5, 7.5, 80, 0, Rastrigin),
        new BoxProblem("Michalewicz-5 (validation)", 5, 0, Math.PI, 100, MichalewiczOptimum.Value, Michalewicz),
    ];

    /// <summary>Gets the held-out problems.</summary>
    public static IProblem[] HeldOut =>
    [
        new BoxProblem("Schwefel-4 (held out)", 4, -500, 500, 80, SchwefelOptimum.Value, Schwefel),
        new BoxProblem("Shekel-10 (4-D, held out)", 4, 0, 10, 80, ShekelOptimum.Value, Shekel),
        new BoxProblem("Griewank-6 (held out)", 6, -8, 16, 100, 0, Griewank),
        new BoxProblem("Levy-10 (held out)", 10, -10, 10, 100, 0, Levy),
    ];

    private static readonly Lazy<double> MichalewiczOptimum = new(() => Polish(Michalewicz, [2.202906, 1.570796, 1.284992, 1.923058, 1.720470], 0, Math.PI));

    // Not 0: the definition's constant 418.9829 is rounded from the maximum of v·sin(√|v|), 418.98288727…, so the minimum is
    // 4 × 1.27e-5 ≈ 5.09e-5, which no run could get below.
    private static readonly Lazy<double> SchwefelOptimum = new(() => Polish(Schwefel, [420.968746, 420.968746, 420.968746, 420.968746], -500, 500));

    private static readonly Lazy<double> ShekelOptimum = new(() => Polish(Shekel, [4, 4, 4, 4], 0, 10));

    private static readonly double[] ShekelBeta = [0.1, 0.2, 0.2, 0.4, 0.4, 0.6, 0.3, 0.7, 0.5, 0.5];

    private static readonly double[,] ShekelC =
    {
        { 4, 1, 8, 6, 3, 2, 5, 8, 6, 7 },
        { 4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6 },
        { 4, 1, 8, 6, 3, 2, 5, 8, 6, 7 },
        { 4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6 },
    };

    /// <summary>Levy: minimum 0 at xᵢ = 1.</summary>
    public static double Levy(double[] x)
    {
        static double W(double v) => 1 + ((v - 1) / 4);
        int d = x.Length;
        double sum = Math.Pow(Math.Sin(Math.PI * W(x[0])), 2);
        for (int i = 0; i < d - 1; i++)
        {
            double w = W(x[i]);
            sum += (w - 1) * (w - 1) * (1 + (10 * Math.Pow(Math.Sin((Math.PI * w) + 1), 2)));
        }

        double last = W(x[d - 1]);
        return sum + ((last - 1) * (last - 1) * (1 + Math.Pow(Math.Sin(2 * Math.PI * last), 2)));
    }

    /// <summary>Rastrigin: minimum 0 at the origin.</summary>
    public static double Rastrigin(double[] x) => (10 * x.Length) + x.Sum(v => (v * v) - (10 * Math.Cos(2 * Math.PI * v)));

    /// <summary>Michalewicz with steepness m = 10: minimum −4.687658 in 5-D.</summary>
    public static double Michalewicz(double[] x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum -= Math.Sin(x[i]) * Math.Pow(Math.Sin((i + 1) * x[i] * x[i] / Math.PI), 20);
        }

        return sum;
    }

    /// <summary>
    /// Schwefel: minimum 1.27e-5 per dimension (0 with the unrounded constant) at xᵢ = 420.9687, near a corner of the box,
    /// far from the second-best basins.
    /// </summary>
    public static double Schwefel(double[] x) => (418.9829 * x.Length) - x.Sum(v => v * Math.Sin(Math.Sqrt(Math.Abs(v))));

    /// <summary>Shekel with 10 basins in 4-D: minimum −10.5364 near (4, 4, 4, 4).</summary>
    public static double Shekel(double[] x)
    {
        double sum = 0;
        for (int i = 0; i < ShekelBeta.Length; i++)
        {
            double inner = ShekelBeta[i];
            for (int j = 0; j < 4; j++)
            {
                inner += (x[j] - ShekelC[j, i]) * (x[j] - ShekelC[j, i]);
            }

            sum -= 1 / inner;
        }

        return sum;
    }

    /// <summary>Griewank: minimum 0 at the origin, a bowl covered in small basins.</summary>
    public static double Griewank(double[] x)
    {
        double product = 1;
        for (int i = 0; i < x.Length; i++)
        {
            product *= Math.Cos(x[i] / Math.Sqrt(i + 1));
        }

        return 1 + (x.Sum(v => v * v) / 4000) - product;
    }

    /// <summary>The minimum near a published minimizer, refined by Nelder–Mead inside the box (the published values have 6–7 digits).</summary>
    private static double Polish(Func<double[], double> f, double[] start, double low, double high)
    {
        double Inside(MathNet.Numerics.LinearAlgebra.Vector<double> v) => f([.. v.Select(c => Math.Clamp(c, low, high))]);
        MinimizationResult result = new NelderMeadSimplex(1e-14, 20000).FindMinimum(
            ObjectiveFunction.Value(Inside), MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(start));
        return Math.Min(Inside(result.MinimizingPoint), f(start));
    }
}
