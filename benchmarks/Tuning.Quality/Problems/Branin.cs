namespace Tuning.Quality.Problems;

/// <summary>Branin on [−5, 10] × [0, 15]; global minimum 0.397887 at three points.</summary>
internal sealed class Branin : IProblem
{
    public string Name => "Branin";

    public SearchSpace Space { get; } = new SearchSpaceBuilder().Float("x1", -5, 10).Float("x2", 0, 15).Build();

    public int Budget => 40;

    public double? BoTorchMedianRegret => 1.07e-3;

    public double Optimum => 0.39788735772973816;

    public double? OptunaMedianRegret => 9.2e-5;

    public double TrueValue(ParameterValues x)
    {
        double x1 = x.GetDouble("x1"), x2 = x.GetDouble("x2");
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        double a = x2 - (b * x1 * x1) + (c * x1) - 6;
        return (a * a) + (10 * (1 - t) * Math.Cos(x1)) + 10;
    }
}
