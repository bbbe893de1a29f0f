using Tuning.Optimization;

namespace Tuning.Tests.Optimization;

public class BoundedLbfgsTests
{
    [Fact]
    public void Minimizes_the_Rosenbrock_function()
    {
        var optimizer = new BoundedLbfgs(2);
        double[] x = [-1.2, 1];
        (double value, _) = optimizer.Minimize(Rosenbrock, x, [-5, -5], [5, 5], maxIterations: 500, gradientTolerance: 1e-10);
        Assert.True(value < 1e-12, $"f = {value}");
        Assert.Equal(1, x[0], 5);
        Assert.Equal(1, x[1], 5);
    }

    [Fact]
    public void Stops_at_an_active_bound()
    {
        var optimizer = new BoundedLbfgs(3);
        double[] x = [0.5, 0.5, 0.5];
        double[] target = [2, -1, 0.25];
        (double value, _) = optimizer.Minimize(
            (p, g) =>
            {
                double f = 0;
                for (int i = 0; i < 3; i++)
                {
                    g[i] = 2 * (p[i] - target[i]);
                    f += (p[i] - target[i]) * (p[i] - target[i]);
                }

                return f;
            },
            x,
            [0, 0, 0],
            [1, 1, 1],
            maxIterations: 100,
            gradientTolerance: 1e-10);

        Assert.Equal([1.0, 0.0, 0.25], x.Select(v => Math.Round(v, 8)));
        Assert.Equal(1 + 1, value, 8);
    }

    private static double Rosenbrock(ReadOnlySpan<double> p, Span<double> g)
    {
        double a = 1 - p[0], b = p[1] - (p[0] * p[0]);
        g[0] = (-2 * a) - (400 * p[0] * b);
        g[1] = 200 * b;
        return (a * a) + (100 * b * b);
    }
}
