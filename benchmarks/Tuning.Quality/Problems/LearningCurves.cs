using MathNet.Numerics.Optimization;

namespace Tuning.Quality.Problems;

/// <summary>
/// A simulated training run: the validation loss after e epochs of a configuration x ∈ [0, 1]⁵ is
/// <c>f(x) + a(x)·e^(−b(x)) + noise</c>, a power-law learning curve (Domhan et al. 2015; the freeze-thaw form of
/// Swersky et al. 2014) falling towards the asymptote f(x). Epochs run from 1 to 100 (the target), cost ∝ epochs.
/// </summary>
/// <remarks>
/// <para>
/// f has a wide basin at x₁ ≈ 0.3 and a second one at x₁ ≈ 0.8. The decay rate b grows with x₁ (a larger learning
/// rate learns faster), and a with x₂ and x₄, so curves cross: after a few epochs the fast configurations of the
/// second basin look best, while after 100 epochs the best loss balances the asymptote against the part still to
/// learn. The target optimum (in the first basin) is found numerically (Nelder–Mead from the best of 4096 Sobol
/// points). Noise sd 0.003.
/// </para>
/// <para>
/// The second basin's depth sets how deceptive cheap runs are. By default (depth 0.10) it looks best up to about 11
/// epochs and is clearly worse from 33 on (best 0.260 at 100 epochs against the optimum 0.203). The deceptive variant
/// (depth 0.15) looks best at every fidelity below the target and loses only at 100 epochs, by 0.010 (0.211 against
/// 0.202): only full runs can tell the basins apart, the worst case for any method that learns from partial runs.
/// </para>
/// </remarks>
internal sealed class LearningCurves : IFidelityProblem
{
    private const double NoiseSd = 0.003;

    private readonly double _secondDepth;

    public LearningCurves(bool deceptive = false)
    {
        _secondDepth = deceptive ? 0.15 : 0.10;
        Name = deceptive ? "Learning curves, deceptive (5-D, epochs 1-100)" : "Learning curves (5-D, epochs 1-100)";
        Optimum = FindOptimum();
    }

    public string Name { get; }

    public SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("x1", 0, 1).Float("x2", 0, 1).Float("x3", 0, 1).Float("x4", 0, 1).Float("x5", 0, 1)
        .IntFidelity("epochs", 1, 100, log: true).Build();

    public double Budget => 30;

    public double Optimum { get; }

    public bool ReportsAreFidelities => true;

    /// <summary>Gets a value indicating whether cheap runs inform: not in the deceptive variant, where they point to the wrong basin.</summary>
    public bool CheapFidelityIsInformative => _secondDepth < 0.15;

    public IReadOnlyList<(long Step, double Fidelity)> Reports { get; } = [(1, 1), (3, 3), (9, 9), (27, 27), (81, 81), (100, 100)];

    public double TrueValue(ParameterValues x, double fidelity) =>
        Loss([x.GetDouble("x1"), x.GetDouble("x2"), x.GetDouble("x3"), x.GetDouble("x4"), x.GetDouble("x5")], fidelity);

    public double Observe(ParameterValues x, double fidelity, Random noise) => TrueValue(x, fidelity) + (NoiseSd * Gaussian(noise));

    private double Loss(ReadOnlySpan<double> x, double epochs)
    {
        double q1 = (4 * Sq(x[0] - 0.3)) + (3 * Sq(x[1] - 0.7)) + (5 * Sq(x[2] - 0.4)) + (2 * Sq(x[3] - 0.55)) + (3 * Sq(x[4] - 0.25));
        double q2 = (6 * Sq(x[0] - 0.8)) + (5 * Sq(x[1] - 0.2)) + (4 * Sq(x[2] - 0.8)) + (5 * Sq(x[3] - 0.3)) + (4 * Sq(x[4] - 0.7));
        double asymptote = 0.35 - (0.25 * Math.Exp(-q1)) - (_secondDepth * Math.Exp(-q2));
        double a = 0.5 + (0.3 * x[1]) + (0.2 * Math.Sin(Math.PI * x[3]));
        double b = 0.2 + (0.7 * x[0]);
        return asymptote + (a * Math.Pow(epochs, -b));
    }

    private static double Sq(double v) => v * v;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private double FindOptimum()
    {
        double Target(MathNet.Numerics.LinearAlgebra.Vector<double> v)
        {
            double[] x = [.. v.Select(c => Math.Clamp(c, 0, 1))];
            double outside = v.Sum(c => Sq(c - Math.Clamp(c, 0, 1)));
            return Loss(x, 100) + (100 * outside);
        }

        var sobol = new SobolSuggester(seed: 1);
        var space = new SearchSpaceBuilder().Float("x1", 0, 1).Float("x2", 0, 1).Float("x3", 0, 1).Float("x4", 0, 1).Float("x5", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), sobol);
        var starts = new List<(double Value, double[] X)>();
        foreach (Trial t in study.Ask(4096))
        {
            double[] x = [t.GetDouble("x1"), t.GetDouble("x2"), t.GetDouble("x3"), t.GetDouble("x4"), t.GetDouble("x5")];
            starts.Add((Loss(x, 100), x));
        }

        double best = double.PositiveInfinity;
        foreach ((_, double[] start) in starts.OrderBy(s => s.Value).Take(20))
        {
            MinimizationResult result = new NelderMeadSimplex(1e-12, 20000).FindMinimum(
                ObjectiveFunction.Value(Target), MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(start));
            best = Math.Min(best, Target(result.MinimizingPoint));
        }

        return best;
    }
}
