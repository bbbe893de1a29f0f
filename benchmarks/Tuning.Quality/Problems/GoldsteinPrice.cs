namespace Tuning.Quality.Problems;

/// <summary>Goldstein–Price on [−2, 2]²; global minimum 3 at (0, −1). Its values span five orders of magnitude.</summary>
internal sealed class GoldsteinPrice : IProblem
{
    public string Name => "Goldstein-Price";

    public SearchSpace Space { get; } = new SearchSpaceBuilder().Float("x1", -2, 2).Float("x2", -2, 2).Build();

    public int Budget => 40;

    public double? BoTorchMedianRegret => 11.3;

    public double Optimum => 3;

    public double? OptunaMedianRegret => 6.4;

    public double TrueValue(ParameterValues x)
    {
        double a = x.GetDouble("x1"), b = x.GetDouble("x2");
        double p = 1 + (Math.Pow(a + b + 1, 2) * (19 - (14 * a) + (3 * a * a) - (14 * b) + (6 * a * b) + (3 * b * b)));
        double q = 30 + (Math.Pow((2 * a) - (3 * b), 2) * (18 - (32 * a) + (12 * a * a) + (48 * b) - (36 * a * b) + (27 * b * b)));
        return p * q;
    }
}
