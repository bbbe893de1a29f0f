namespace Tuning.Quality.Problems;

/// <summary>Styblinski–Tang in 4-D on [−5, 5]⁴; minimum −39.16617·4 at x_i = −2.903534. Validation only.</summary>
internal sealed class StyblinskiTang : IProblem
{
    public string Name => "Styblinski-Tang-4 (validation)";

    public SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("x1", -5, 5).Float("x2", -5, 5).Float("x3", -5, 5).Float("x4", -5, 5).Build();

    public int Budget => 60;

    public double? BoTorchMedianRegret => 7.04;

    public double Optimum => -39.16616570377142 * 4;

    public double TrueValue(ParameterValues x)
    {
        double sum = 0;
        foreach (string name in new[] { "x1", "x2", "x3", "x4" })
        {
            double a = x.GetDouble(name);
            sum += (Math.Pow(a, 4) - (16 * a * a) + (5 * a)) / 2;
        }

        return sum;
    }
}
