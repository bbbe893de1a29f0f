namespace Tuning.Quality.Problems;

/// <summary>Ackley in 4-D on [−5, 10]⁴ (shifted off-centre so the optimum is not the middle of the box); minimum 0 at the origin. Validation only.</summary>
internal sealed class Ackley : IProblem
{
    public string Name => "Ackley-4 (validation)";

    public SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("x1", -5, 10).Float("x2", -5, 10).Float("x3", -5, 10).Float("x4", -5, 10).Build();

    public int Budget => 80;

    public double? BoTorchMedianRegret => 1.18;

    public double Optimum => 0;

    public double TrueValue(ParameterValues x) =>
        HighDimensionalFunctions.Ackley([x.GetDouble("x1"), x.GetDouble("x2"), x.GetDouble("x3"), x.GetDouble("x4")]);
}
