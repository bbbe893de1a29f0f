using System.Runtime.Intrinsics;
using Tuning.Numerics;

namespace Tuning.Tests.Numerics;

public class VectorExpTests
{
    [Fact]
    public void Agrees_with_Math_Exp_to_a_few_ulps_over_the_whole_range_for_every_width()
    {
        var random = new Random(1);
        double[] special = [0.0, -0.0, 1e-300, -1e-300, 1.0, -1.0, Math.Log(2), -Math.Log(2) / 2, -700, -708, 700, 709];
        double[] values = [.. special, .. NumericsData.Uniform(random, 4000, -708, 709), .. NumericsData.Uniform(random, 2000, -5, 0)];
        foreach (double x in values)
        {
            double expected = Math.Exp(x);
            double tolerance = 4 * (Math.BitIncrement(expected) - expected);
            Assert.True(Math.Abs(VectorExp.Exp(Vector128.Create(x)).GetElement(1) - expected) <= tolerance, $"128 at {x}");
            Assert.True(Math.Abs(VectorExp.Exp(Vector256.Create(x)).GetElement(3) - expected) <= tolerance, $"256 at {x}");
            Assert.True(Math.Abs(VectorExp.Exp(Vector512.Create(x)).GetElement(7) - expected) <= tolerance, $"512 at {x}");
        }
    }

    [Fact]
    public void Clamps_far_arguments_to_finite_results()
    {
        Assert.Equal(Math.Exp(-708), VectorExp.Exp(Vector256.Create(-1e6)).GetElement(0), 1e-320);
        Assert.True(double.IsFinite(VectorExp.Exp(Vector256.Create(1e6)).GetElement(0)));
    }
}
