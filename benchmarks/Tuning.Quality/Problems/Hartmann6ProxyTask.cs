namespace Tuning.Quality.Problems;

/// <summary>
/// A two-task problem on [0, 1]⁶ whose target (cost 1) is Hartmann-6 and whose proxy task (cost 0.1) is a variant of
/// it that a subclass defines. The pruner methods run the proxy first and then the target.
/// </summary>
internal abstract class Hartmann6ProxyTask : IFidelityProblem
{
    public abstract string Name { get; }

    public SearchSpace Space { get; } = Build();

    public double Budget => 60;

    public double Optimum => Hartmann6.Minimum;

    /// <summary>Gets the pruner methods' reports: the proxy's value first (cost 0.1), then the target's.</summary>
    public IReadOnlyList<(long Step, double Fidelity)> Reports { get; } = [(1, 0.1), (2, 1)];

    public virtual bool CheapFidelityIsInformative => true;

    public double TargetFidelity => 1;

    public double FidelityOf(ParameterValues x) => x.Task == "proxy" ? 0.1 : 1;

    public double CostAt(double fidelity) => fidelity;

    public double TrueValue(ParameterValues x, double fidelity)
    {
        double[] point = [.. Enumerable.Range(1, 6).Select(j => x.GetDouble($"x{j}"))];
        return fidelity >= 1 ? Hartmann6.Value(point) : Proxy(point);
    }

    /// <summary>The proxy task's value at a point of [0, 1]⁶.</summary>
    protected abstract double Proxy(double[] x);

    private static SearchSpace Build()
    {
        var builder = new SearchSpaceBuilder();
        for (int j = 1; j <= 6; j++)
        {
            builder.Float($"x{j}", 0, 1);
        }

        return builder.Tasks("task", new FidelityTask("proxy", 0.1), new FidelityTask("target", 1)).Build();
    }
}
