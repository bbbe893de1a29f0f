namespace Tuning.Quality.Problems;

/// <summary>
/// The most informative cheap task there can be: the proxy (cost 0.1) is Hartmann-6 itself, the target (cost 1) too.
/// Whatever a method learns from proxy runs holds at the target, so this problem measures what cheap runs buy when
/// nothing about them misleads: a method that uses them well should end in the optimum's basin at least as often as a
/// target-only search, for less cost.
/// </summary>
internal sealed class ExactProxy : Hartmann6ProxyTask
{
    public override string Name => "Exact proxy task (Hartmann-6; proxy at cost 0.1 equals the target)";

    protected override double Proxy(double[] x) => Hartmann6.Value(x);
}
