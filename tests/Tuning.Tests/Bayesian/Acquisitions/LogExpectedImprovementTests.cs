using Tuning.Bayesian.Acquisitions;

namespace Tuning.Tests.Bayesian.Acquisitions;

public class LogExpectedImprovementTests
{
    // Reference values computed with mpmath at 60 significant digits:
    // log h(z) = log(φ(z) + zΦ(z)), its derivative Φ(z)/h(z), and log Φ(z).
    [Theory]
    [InlineData(5, 1.6094379231264313851, 0.19999994053122004649, -2.8665161296376359338e-7)]
    [InlineData(1, 0.080026218849306940029, 0.77663872520173925975, -0.17275377902344988953)]
    [InlineData(0, -0.91893853320467274178, 1.2533141373155002512, -0.69314718055994530942)]
    [InlineData(-0.5, -1.6205162643873199193, 1.5598731483480796712, -1.1759117615936186089)]
    [InlineData(-1, -2.4851210257126413368, 1.9042712333296918229, -1.8410216450092635058)]
    [InlineData(-1.5, -3.5299359208057098515, 2.2795806941564461644, -2.705944400823889807)]
    [InlineData(-2, -4.7687835239171141569, 2.6794168839555859839, -3.7831843336820319488)]
    [InlineData(-5, -16.744301162660990143, 5.3618162412880885298, -15.064998393988725736)]
    [InlineData(-10, -55.553122036122355927, 10.194383033412553306, -53.231285150512470578)]
    [InlineData(-20, -206.91783850942509785, 20.099262811101281775, -203.91715537109726394)]
    [InlineData(-30, -457.72465376059800405, 30.066446154162418902, -454.32124395634319711)]
    [InlineData(-38, -730.19618340211373916, 38.052522760041328294, -726.5572160188201301)]
    [InlineData(-40, -808.29856835661996024, 40.049906657648518193, -804.60844201375378817)]
    [InlineData(-100, -5010.1295788002497923, 100.01999400419586505, -5005.5242086942050886)]
    [InlineData(-1000, -500014.73445209115845, 1000.001999994000042, -500007.82669481218431)]
    [InlineData(-1e4, -50000019.339619307157, 10000.000199999994, -50000010.129278915181)]
    [InlineData(-1e5, -5000000023.9447894634, 100000.00001999999999, -5000000012.4318639983)]
    [InlineData(-1e6, -500000000028.54995965, 1000000.000002, -500000000014.73444909)]
    [InlineData(-1e7, -50000000000033.15513, 10000000.0000002, -50000000000017.037034)]
    [InlineData(-1e8, -5000000000000037.7603, 100000000.00000002, -5000000000000019.3396)]
    [InlineData(-1e10, -50000000000000000047.0, 10000000000.0, -50000000000000000024.0)]
    public void Matches_high_precision_reference_values(double z, double logH, double derivative, double logCdf)
    {
        AssertClose(logH, LogExpectedImprovement.LogH(z), 1e-13);
        AssertClose(derivative, LogExpectedImprovement.LogHDerivative(z), z < -1e4 ? 1e-6 : 1e-11);
        AssertClose(logCdf, NormalFunctions.LogCdf(z), 1e-13);
    }

    [Fact]
    public void Is_finite_and_strictly_increasing_down_to_minus_a_million()
    {
        double previous = double.NegativeInfinity;
        for (double t = -6; t < 0; t += 0.0005)
        {
            double z = -Math.Pow(10, -t);
            double value = LogExpectedImprovement.LogH(z);
            Assert.True(double.IsFinite(value), $"log h({z}) = {value}");
            Assert.True(value > previous, $"log h is not increasing at z = {z}");
            previous = value;
        }

        for (double z = -1; z <= 8; z += 1e-3)
        {
            double value = LogExpectedImprovement.LogH(z);
            Assert.True(value > previous, $"log h is not increasing at z = {z}");
            previous = value;
        }
    }

    [Fact]
    public void The_derivative_matches_finite_differences_across_the_regimes()
    {
        foreach (double z in new[] { 3.0, 0.3, -0.999, -1.001, -7.5, -42.0, -1234.5 })
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(z));
            double numeric = (LogExpectedImprovement.LogH(z + h) - LogExpectedImprovement.LogH(z - h)) / (2 * h);
            AssertClose(numeric, LogExpectedImprovement.LogHDerivative(z), 1e-5);
        }
    }

    [Fact]
    public void Erfcx_is_continuous_where_its_method_changes()
    {
        AssertClose(NormalFunctions.Erfcx(2 - 1e-12), NormalFunctions.Erfcx(2), 1e-11);
        AssertClose(1 / (1e8 * Math.Sqrt(Math.PI)), NormalFunctions.Erfcx(1e8), 1e-15);
    }

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(
            Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)),
            $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Max(1, Math.Abs(expected)):E2})");
}
