namespace Tuning.Quality.Problems;

/// <summary>
/// Branin whose runs with x1 &gt; 7 or x2 &gt; 13 "diverge" and are told as 1e300, as users often report a failed training
/// run instead of failing the trial: 31% of the space (x1 &gt; 7 alone is a fifth), the optimum at (9.42, 2.47) among it,
/// so the best reachable values are the other two minima (0.397887). The regret of a diverged run is 1e300.
/// </summary>
internal sealed class DivergedRuns : IProblem
{
    private readonly Branin _branin = new();

    public string Name => "Branin, runs beyond x1 > 7 or x2 > 13 told as 1e300 (held out)";

    public SearchSpace Space => _branin.Space;

    public int Budget => 40;

    public double Optimum => _branin.Optimum;

    public double TrueValue(ParameterValues x) =>
        x.GetDouble("x1") > 7 || x.GetDouble("x2") > 13 ? 1e300 : _branin.TrueValue(x);
}
