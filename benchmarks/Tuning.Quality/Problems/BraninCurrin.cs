namespace Tuning.Quality.Problems;

/// <summary>
/// BraninCurrin as BoTorch defines it, on [0, 1]², both minimized: f₁ is Branin on the rescaled inputs
/// (15x₁ − 5, 15x₂), f₂ is Currin's exponential function
/// (1 − exp(−1/(2x₂)))·(2300x₁³ + 1900x₁² + 2092x₁ + 60)/(100x₁³ + 500x₁² + 4x₁ + 20). Reference point (18, 6) as in
/// BoTorch. The true front and its hypervolume come from dense evaluation (BoTorch quotes 59.36011874867746, from NSGA-II).
/// </summary>
internal sealed class BraninCurrin : IParetoProblem
{
    private const int Grid = 2000;
    private const int Refinements = 2;

    private readonly Lazy<(double Hypervolume, (double, double)[] Front)> _dense;

    public BraninCurrin()
    {
        _dense = new Lazy<(double, (double, double)[])>(DenseFront);
    }

    public string Name => "BraninCurrin";

    public SearchSpace Space { get; } = new SearchSpaceBuilder().Float("x1", 0, 1).Float("x2", 0, 1).Build();

    public int Budget => 60;

    public (double First, double Second) ReferencePoint => (18, 6);

    public double MaxHypervolume => _dense.Value.Hypervolume;

    public string MaxHypervolumeSource =>
        FormattableString.Invariant($"dense {Grid + 1}² grid refined {Refinements} times around its front: {MaxHypervolume:F6}, low by about 0.0006 (BoTorch's NSGA-II value: 59.360119)");

    public IReadOnlyList<(double First, double Second)> TrueFront => _dense.Value.Front;

    public (double First, double Second) Evaluate(ParameterValues x) => Evaluate(x.GetDouble("x1"), x.GetDouble("x2"));

    public static (double First, double Second) Evaluate(double x1, double x2)
    {
        double u = (15 * x1) - 5, v = 15 * x2;
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        double a = v - (b * u * u) + (c * u) - 6;
        double branin = (a * a) + (10 * (1 - t) * Math.Cos(u)) + 10;

        // At x₂ = 0, −1/(2x₂) = −∞ and the factor is 1, as in BoTorch.
        double factor = 1 - Math.Exp(-1 / (2 * x2));
        double numerator = (2300 * x1 * x1 * x1) + (1900 * x1 * x1) + (2092 * x1) + 60;
        double denominator = (100 * x1 * x1 * x1) + (500 * x1 * x1) + (4 * x1) + 20;
        return (branin, factor * numerator / denominator);
    }

    /// <summary>
    /// The front from a dense grid, then refined twice: around every point of the front so far, a 21 × 21 grid of a tenth
    /// of the previous spacing, keeping only the evaluations the previous front does not dominate. The hypervolume goes
    /// 59.1492 (grid), 59.3942, 59.4054: each refinement adds about 1/20 of the previous gain, so the last value is low by
    /// about 0.0006. A third refinement would evaluate some 400 million points.
    /// </summary>
    private static (double, (double, double)[]) DenseFront()
    {
        var inputs = new List<(double X1, double X2)>((Grid + 1) * (Grid + 1));
        for (int i = 0; i <= Grid; i++)
        {
            for (int j = 0; j <= Grid; j++)
            {
                inputs.Add((i / (double)Grid, j / (double)Grid));
            }
        }

        List<Evaluation> front = Front(inputs.Select(x => Evaluation.At(x.X1, x.X2)));
        double spacing = 1.0 / Grid;
        for (int round = 0; round < Refinements; round++)
        {
            spacing /= 10;
            double[] firsts = [.. front.Select(e => e.F1)];
            List<Evaluation> previous = front;
            IEnumerable<Evaluation> Candidates()
            {
                foreach (Evaluation center in previous)
                {
                    for (int a = -10; a <= 10; a++)
                    {
                        for (int b = -10; b <= 10; b++)
                        {
                            var e = Evaluation.At(Math.Clamp(center.X1 + (a * spacing), 0, 1), Math.Clamp(center.X2 + (b * spacing), 0, 1));
                            int k = Array.BinarySearch(firsts, e.F1);
                            int last = k >= 0 ? k : ~k - 1; // the last previous point with F1 <= e.F1
                            if (last < 0 || previous[last].F2 > e.F2 || (previous[last].F1 == e.F1 && previous[last].F2 == e.F2))
                            {
                                yield return e;
                            }
                        }
                    }
                }
            }

            front = Front(Candidates());
        }

        double hypervolume = Pareto.Hypervolume([.. front.Select(e => new[] { e.F1, e.F2 })], [18, 6]);
        int stride = Math.Max(1, front.Count / 2000); // enough points to draw
        return (hypervolume, [.. front.Where((_, k) => k % stride == 0 || k == front.Count - 1).Select(e => (e.F1, e.F2))]);
    }

    /// <summary>The non-dominated evaluations by one sweep: sorted by f₁, each new lowest f₂.</summary>
    private static List<Evaluation> Front(IEnumerable<Evaluation> evaluations)
    {
        var front = new List<Evaluation>();
        double lowest = double.PositiveInfinity;
        foreach (Evaluation e in evaluations.OrderBy(e => e.F1).ThenBy(e => e.F2))
        {
            if (e.F2 < lowest)
            {
                front.Add(e);
                lowest = e.F2;
            }
        }

        return front;
    }

    private readonly record struct Evaluation(double X1, double X2, double F1, double F2)
    {
        public static Evaluation At(double x1, double x2)
        {
            (double f1, double f2) = Evaluate(x1, x2);
            return new Evaluation(x1, x2, f1, f2);
        }
    }
}
