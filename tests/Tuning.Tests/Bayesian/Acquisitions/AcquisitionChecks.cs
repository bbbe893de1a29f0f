using Tuning.Bayesian.Acquisitions;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Acquisitions;

/// <summary>What every acquisition owes its optimizer: a gradient that is the derivative of its value, and batched values equal to single ones.</summary>
internal static class AcquisitionChecks
{
    /// <summary>
    /// The analytic gradient at <paramref name="x"/> against central differences with step <paramref name="step"/>,
    /// within <paramref name="tolerance"/> relative to the larger of 1 and the gradient's largest entry; and the value
    /// returned with the gradient is the value returned without it.
    /// </summary>
    public static void GradientMatchesFiniteDifferences(IAcquisition acquisition, double[] x, double step = 1e-6, double tolerance = 1e-4)
    {
        double[] gradient = new double[x.Length];
        double value = acquisition.Value(x, gradient);
        Assert.Equal(acquisition.Value(x, default), value);
        Assert.True(double.IsFinite(value), $"value {value} at ({string.Join(", ", x)})");
        double scale = Math.Max(1, gradient.Max(Math.Abs));
        for (int c = 0; c < x.Length; c++)
        {
            double numeric = FiniteDifference.Central(p => acquisition.Value(p, default), x, c, step);
            Assert.True(
                Math.Abs(numeric - gradient[c]) <= tolerance * scale,
                $"d/dx{c} at ({string.Join(", ", x)}): analytic {gradient[c]:R}, central difference {numeric:R}");
        }
    }

    /// <summary>Both checks: the gradient at every probe (<see cref="GradientMatchesFiniteDifferences"/>), and the probes batched (<see cref="BatchedEqualsSingle"/>).</summary>
    public static void GradientsAndBatch(IAcquisition acquisition, double[][] probes)
    {
        foreach (double[] probe in probes)
        {
            GradientMatchesFiniteDifferences(acquisition, probe);
        }

        BatchedEqualsSingle(acquisition, probes);
    }

    /// <summary>Values of the points at once (through the models' batched prediction) equal to each value alone.</summary>
    public static void BatchedEqualsSingle(IAcquisition acquisition, double[][] points)
    {
        int m = points.Length;
        double[] values = new double[m];
        var scratch = new AcquisitionScratch();
        scratch.Reserve(m); // as the optimizer does: the scratch has room for the m points
        acquisition.Values([.. points.SelectMany(p => p)], m, values, scratch);
        for (int j = 0; j < m; j++)
        {
            double single = acquisition.Value(points[j], default);
            Assert.True(
                Math.Abs(values[j] - single) <= 1e-9 * Math.Max(1, Math.Abs(single)),
                $"point {j} ({string.Join(", ", points[j])}): batched {values[j]:R}, alone {single:R}");
        }
    }
}
