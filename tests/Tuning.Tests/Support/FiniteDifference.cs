using Tuning.Bayesian.Models;

namespace Tuning.Tests.Support;

/// <summary>Central differences: the reference that the analytic gradients in these tests are checked against.</summary>
internal static class FiniteDifference
{
    /// <summary>
    /// (f(x + h·e_c) − f(x − h·e_c)) / 2h: the derivative of <paramref name="f"/> along coordinate <paramref name="c"/>
    /// at <paramref name="x"/>, with an error of order h².
    /// </summary>
    public static double Central(Func<double[], double> f, double[] x, int c, double h = 1e-6)
    {
        double[] up = (double[])x.Clone(), down = (double[])x.Clone();
        up[c] += h;
        down[c] -= h;
        return (f(up) - f(down)) / (2 * h);
    }

    /// <summary>
    /// Asserts that the analytic gradient of a marginal likelihood at <paramref name="theta"/> matches central
    /// differences of its value, entry by entry, within <paramref name="tolerance"/> relative to max(1, |numeric|).
    /// </summary>
    public static void AssertLikelihoodGradient(MarginalLikelihood likelihood, double[] theta, double tolerance)
    {
        double[] gradient = new double[likelihood.Count], scratch = new double[likelihood.Count];
        likelihood.Evaluate(theta, gradient);
        for (int k = 0; k < theta.Length; k++)
        {
            double numeric = Central(t => likelihood.Evaluate(t, scratch), theta, k);
            Assert.True(Math.Abs(numeric - gradient[k]) <= tolerance * Math.Max(1, Math.Abs(numeric)), $"θ[{k}]: analytic {gradient[k]}, numeric {numeric}");
        }
    }
}
