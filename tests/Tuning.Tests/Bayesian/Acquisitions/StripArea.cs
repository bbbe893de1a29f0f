using Tuning.Bayesian.Acquisitions;

namespace Tuning.Tests.Bayesian.Acquisitions;

/// <summary>The deterministic counterpart of EHVI, which the tests compare the strips and the expectation with.</summary>
internal static class StripArea
{
    /// <summary>The hypervolume improvement of a point y: the area of [y, r] inside the strips.</summary>
    public static double Improvement(this NonDominatedStrips strips, double first, double second)
    {
        double area = 0, left = double.NegativeInfinity;
        for (int i = 0; i < strips.Count; i++)
        {
            double width = strips.RightEdges[i] - Math.Max(first, left);
            double height = strips.Ceilings[i] - second;
            if (width > 0 && height > 0)
            {
                area += width * height;
            }

            left = strips.RightEdges[i];
        }

        return area;
    }
}
