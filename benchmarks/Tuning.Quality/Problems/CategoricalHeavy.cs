namespace Tuning.Quality.Problems;

/// <summary>
/// A space of mostly categorical parameters (four categoricals of 3–5 values, two booleans) and two floats whose best
/// values depend on two of the categoricals; the booleans pay only together (one on, the other off). Minimum 0 at
/// a = a1, b = b2, c = c3, f = f0, d ≠ e, x = 0.5, y = 0.5. Held out.
/// </summary>
internal sealed class CategoricalHeavy : IProblem
{
    private static readonly double[] A = [0.3, 0.0, 0.5, 0.2], B = [0.1, 0.25, 0.0], C = [0.4, 0.3, 0.2, 0.0, 0.6], F = [0.0, 0.15, 0.3];

    public string Name => "Categorical-heavy (6 categoricals, 2 floats, held out)";

    public SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Categorical("a", "a0", "a1", "a2", "a3")
        .Categorical("b", "b0", "b1", "b2")
        .Categorical("c", "c0", "c1", "c2", "c3", "c4")
        .Bool("d")
        .Bool("e")
        .Categorical("f", "f0", "f1", "f2")
        .Float("x", 0, 1)
        .Float("y", -2, 2)
        .Build();

    public int Budget => 80;

    public double Optimum => 0;

    public double TrueValue(ParameterValues v)
    {
        int a = Level(v, "a"), b = Level(v, "b"), c = Level(v, "c"), f = Level(v, "f");
        double x = v.GetDouble("x"), y = v.GetDouble("y");
        double together = v.GetBool("d") ^ v.GetBool("e") ? 0 : 0.2;
        double floats = Math.Pow(x - (0.3 + (0.1 * b)), 2) + (0.25 * Math.Pow(y - (a == 1 ? 0.5 : -0.5), 2));
        return A[a] + B[b] + C[c] + F[f] + together + floats;
    }

    /// <summary>The index of a categorical's value ("c3" is 3).</summary>
    private static int Level(ParameterValues v, string name) => int.Parse(v.GetString(name)[1..], System.Globalization.CultureInfo.InvariantCulture);
}
