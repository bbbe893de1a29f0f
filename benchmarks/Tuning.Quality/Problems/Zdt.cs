namespace Tuning.Quality.Problems;

/// <summary>
/// ZDT1 and ZDT2 (Zitzler, Deb and Thiele 2000) on [0, 1]^d as BoTorch defines them: f₁ = x₁, g = 1 + 9·mean(x₂…x_d),
/// f₂ = g·(1 − √(f₁/g)) for ZDT1 (convex front f₂ = 1 − √f₁) or g·(1 − (f₁/g)²) for ZDT2 (concave front f₂ = 1 − f₁²),
/// both at g = 1. Reference point (11, 11) (Yang et al. 2019, as in BoTorch), so the best hypervolume is 121 minus the
/// area under the front: 120 + 2/3 for ZDT1 and 120 + 1/3 for ZDT2.
/// </summary>
internal sealed class Zdt : IParetoProblem
{
    private readonly bool _concave;
    private readonly int _dimension;

    private Zdt(bool concave, int dimension)
    {
        _concave = concave;
        _dimension = dimension;
        var builder = new SearchSpaceBuilder();
        for (int i = 1; i <= dimension; i++)
        {
            builder.Float($"x{i}", 0, 1);
        }

        Space = builder.Build();
        TrueFront = [.. Enumerable.Range(0, 201).Select(k => k / 200.0).Select(f => (f, concave ? 1 - (f * f) : 1 - Math.Sqrt(f)))];
    }

    public string Name => $"ZDT{(_concave ? 2 : 1)} (d = {_dimension})";

    public SearchSpace Space { get; }

    public int Budget => 60;

    public (double First, double Second) ReferencePoint => (11, 11);

    public double MaxHypervolume => 121 - (_concave ? 2.0 / 3 : 1.0 / 3);

    public string MaxHypervolumeSource => "121 minus the area under the front (exact)";

    public IReadOnlyList<(double First, double Second)> TrueFront { get; }

    public static Zdt Zdt1(int dimension) => new(concave: false, dimension);

    public static Zdt Zdt2(int dimension) => new(concave: true, dimension);

    public (double First, double Second) Evaluate(ParameterValues x)
    {
        double f1 = x.GetDouble("x1"), sum = 0;
        for (int i = 2; i <= _dimension; i++)
        {
            sum += x.GetDouble($"x{i}");
        }

        double g = 1 + (9 * sum / (_dimension - 1)), ratio = f1 / g;
        return (f1, g * (1 - (_concave ? ratio * ratio : Math.Sqrt(ratio))));
    }
}
