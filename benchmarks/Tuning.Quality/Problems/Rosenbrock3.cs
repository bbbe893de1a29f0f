namespace Tuning.Quality.Problems;

/// <summary>Rosenbrock in 3-D on [−2.048, 2.048]³; global minimum 0 at (1, 1, 1).</summary>
internal sealed class Rosenbrock3 : IProblem
{
    public string Name => "Rosenbrock-3";

    public SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("x1", -2.048, 2.048).Float("x2", -2.048, 2.048).Float("x3", -2.048, 2.048).Build();

    public int Budget => 60;

    public double? BoTorchMedianRegret => 0.499;

    public double Optimum => 0;

    public double? OptunaMedianRegret => 0.26;

    public double TrueValue(ParameterValues x) =>
        HighDimensionalFunctions.Rosenbrock([x.GetDouble("x1"), x.GetDouble("x2"), x.GetDouble("x3")]);
}
