namespace Tuning.Quality.Problems;

/// <summary>Six-hump camel on [−3, 3] × [−2, 2]; global minimum −1.0316285 at (±0.0898, ∓0.7126).</summary>
internal sealed class SixHumpCamel : IProblem
{
    public string Name => "Six-hump camel";

    public SearchSpace Space { get; } = new SearchSpaceBuilder().Float("x1", -3, 3).Float("x2", -2, 2).Build();

    public int Budget => 30;

    public double? BoTorchMedianRegret => 5.78e-2;

    public double Optimum => -1.0316284534898774;

    public double? OptunaMedianRegret => 0.25;

    public double TrueValue(ParameterValues x)
    {
        double a = x.GetDouble("x1"), b = x.GetDouble("x2");
        return ((4 - (2.1 * a * a) + (Math.Pow(a, 4) / 3)) * a * a) + (a * b) + ((-4 + (4 * b * b)) * b * b);
    }
}
