namespace Tuning.Quality.Problems;

/// <summary>
/// A test function on a box [low, high]ᵈ, with parameters x1 … xd, a budget and a known optimum; the multimodal
/// validation and held-out problems are instances of it (see <see cref="MultimodalFunctions"/>).
/// </summary>
internal sealed class BoxProblem : IProblem
{
    private readonly Func<double[], double> _function;

    public BoxProblem(string name, int dimensions, double low, double high, int budget, double optimum, Func<double[], double> function)
    {
        Name = name;
        Dimensions = dimensions;
        Budget = budget;
        Optimum = optimum;
        _function = function;
        Space = Cube(dimensions, low, high);
    }

    /// <summary>The space of parameters x1 … xd, each a float in [low, high].</summary>
    public static SearchSpace Cube(int dimensions, double low, double high)
    {
        var builder = new SearchSpaceBuilder();
        for (int j = 1; j <= dimensions; j++)
        {
            builder.Float($"x{j}", low, high);
        }

        return builder.Build();
    }

    public string Name { get; }

    public int Dimensions { get; }

    public SearchSpace Space { get; }

    public int Budget { get; }

    public double Optimum { get; }

    public double TrueValue(ParameterValues x) => _function(Coordinates(x, Dimensions));

    /// <summary>The values of parameters x1 … xd as a point.</summary>
    public static double[] Coordinates(ParameterValues x, int dimensions)
    {
        double[] v = new double[dimensions];
        for (int j = 0; j < v.Length; j++)
        {
            v[j] = x.GetDouble($"x{j + 1}");
        }

        return v;
    }
}
