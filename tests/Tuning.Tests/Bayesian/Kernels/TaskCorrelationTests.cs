using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;

namespace Tuning.Tests.Bayesian.Kernels;

/// <summary>
/// The task kernel learns how a cheap task relates to the target from the data: fitted to synthetic tasks of known
/// relation, the scale ρ of the target in the cheap task comes out near the truth.
/// </summary>
public class TaskCorrelationTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 0, 1).Build();

    /// <summary>Fits the two-task model to g(x) at the target and ρ·g(x) + δ(x) at the cheap task; returns the fitted ρ.</summary>
    private static double FittedScale(double rho, double discrepancy, int seed)
    {
        var map = new FeatureMap(Space);
        var random = new Random(seed);
        const int PerTask = 30;
        var rows = new List<double>();
        var y = new List<double>();
        for (int task = 0; task < 2; task++)
        {
            for (int i = 0; i < PerTask; i++)
            {
                double a = random.NextDouble(), b = random.NextDouble();
                double g = Math.Sin(6 * a) + Math.Cos(5 * b);
                double delta = Math.Sin(9 * b + 1) * Math.Cos(7 * a);  // a shape of its own
                rows.AddRange([a, b, task]);
                y.Add(task == 1 ? g : (rho * g) + (discrepancy * delta));
            }
        }

        double[] values = [.. y];
        double mean = values.Average(), sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        var family = new FidelityKernelFamily(map, new TaskFidelityKernel(tasks: 2, target: 1));
        FitResult fit = GaussianProcessFitter.Fit(family, [.. rows], [.. values.Select(v => (v - mean) / sd)], null, new GaussianProcessOptions().Settings);
        var kernel = (FidelityKernel)fit.Model!.Kernel;
        return ((TaskFidelityKernel)kernel.Fidelity).Scales[0];
    }

    [Theory]
    [InlineData(1.0, 0.05)]   // a faithful proxy
    [InlineData(0.0, 1.0)]    // an unrelated one
    [InlineData(-0.8, 0.1)]   // one that ranks the other way round
    public void The_scale_of_the_target_in_a_cheap_task_is_learned(double rho, double discrepancy)
    {
        double fitted = FittedScale(rho, discrepancy, seed: 3);
        Assert.True(Math.Abs(fitted - rho) < 0.25, $"true ρ {rho}, fitted {fitted:F3}");
    }
}
