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
}
