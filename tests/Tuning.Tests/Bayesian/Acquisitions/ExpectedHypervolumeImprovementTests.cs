using FsCheck.Fluent;
using FsCheck;
using Tuning.Bayesian.Acquisitions;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Acquisitions;

public class ExpectedHypervolumeImprovementTests
{
    private static Gen<double> Grid(int low, int high) => Gen.Choose(low, high).Select(k => k / 1000.0);

    /// <summary>A front of 0 to 8 points in [0, 1]², a reference point beyond it, and a Gaussian prediction near it; failures shrink to fewer points and plainer predictions.</summary>
    private static readonly Arbitrary<Case> Cases = Arb.From(
        from n in Gen.Choose(0, 8)
        from points in Gen.Zip(Grid(0, 1000), Grid(0, 1000)).Select(p => new[] { p.Item1, p.Item2 }).ArrayOf(n)
        from r1 in Grid(1000, 1300)
        from r2 in Grid(1000, 1300)
        from mean1 in Grid(-200, 1200)
        from sd1 in Grid(20, 520)
        from mean2 in Grid(-200, 1200)
        from sd2 in Grid(20, 520)
        select Case.Of(points, r1, r2, mean1, sd1, mean2, sd2),
        c => Shrink.Array(c.Points, Shrink.None).Select(p => Case.Of(p, c.Strips.FirstReference, c.Strips.SecondReference, c.Mean1, c.Sd1, c.Mean2, c.Sd2))
            .Concat(Shrink.Toward(c.Mean1, 0.5).Select(m => c with { Mean1 = m }))
            .Concat(Shrink.Toward(c.Mean2, 0.5).Select(m => c with { Mean2 = m }))
            .Concat(Shrink.Toward(c.Sd1, 0.25).Select(sd => c with { Sd1 = sd }))
            .Concat(Shrink.Toward(c.Sd2, 0.25).Select(sd => c with { Sd2 = sd })));

    [Fact]
    public void Strips_give_the_hypervolume_improvement_of_a_point()
    {
        PropertyCheck.ForAll(
            Arb.Zip(Cases, Arb.From(Gen.Zip(Grid(-200, 1400), Grid(-200, 1400)), y => Shrink.Toward(y.Item1, 0.5).Select(v => (v, y.Item2))))
                .Convert(t => (t.Item1, t.Item2.Item1, t.Item2.Item2), t => (t.Item1, (t.Item2, t.Item3))),
            t =>
            {
                (Case c, double y1, double y2) = t;
                double[] reference = [c.Strips.FirstReference, c.Strips.SecondReference];
                double expected = Pareto.Hypervolume([.. c.Points, [y1, y2]], reference) - Pareto.Hypervolume(c.Points, reference);
                Assert.Equal(expected, c.Strips.Improvement(y1, y2), 12);
            },
            maxTest: 300);
    }

    [Fact]
    public void Strips_of_a_hand_made_front()
    {
        var strips = new NonDominatedStrips(4, 4);
        strips.Add(2, 2);
        strips.Add(1, 3);
        strips.Add(3, 3);   // dominated by (2, 2)
        strips.Add(3, 1);
        strips.Add(2, 2);   // a duplicate
        strips.Add(5, 0);   // beyond the reference in the first objective
        Assert.Equal([1.0, 2, 3, 4], strips.RightEdges);
        Assert.Equal([4.0, 3, 2, 1], strips.Ceilings);
        Assert.Equal(10, strips.Improvement(0, 0)); // 16 − the 6 the front already covers
        Assert.Equal(0, strips.Improvement(2.5, 2.5));
        Assert.Equal(0.25, strips.Improvement(1.5, 2.5));
    }

    [Fact]
    public void Exact_EHVI_matches_a_Monte_Carlo_estimate_within_its_error()
    {
        PropertyCheck.ForAll(
            Cases,
            c =>
            {
                double exact = Math.Exp(ExpectedHypervolumeImprovement.Log(c.Strips, c.Mean1, c.Sd1, c.Mean2, c.Sd2, default, Work(c.Strips)));
                var random = new Random(17);
                const int Samples = 40_000;
                double sum = 0, sumSquares = 0;
                int improved = 0;
                for (int s = 0; s < Samples; s++)
                {
                    double improvement = c.Strips.Improvement(c.Mean1 + (c.Sd1 * Gaussian(random)), c.Mean2 + (c.Sd2 * Gaussian(random)));
                    sum += improvement;
                    sumSquares += improvement * improvement;
                    improved += improvement > 0 ? 1 : 0;
                }

                double mean = sum / Samples;
                double standardError = Math.Sqrt(Math.Max((sumSquares / Samples) - (mean * mean), 0) / Samples);
                if (improved >= 30)
                {
                    Assert.True(Math.Abs(exact - mean) <= 4.5 * standardError, $"exact {exact:R}, Monte Carlo {mean:R} ± {standardError:R}");
                }
                else
                {
                    // Too rare an improvement for the estimate's error to be judged: the exact value must be as small.
                    double largest = (c.Strips.FirstReference + 1) * (c.Strips.SecondReference + 1);
                    Assert.True(exact <= (improved + 10.0) / Samples * largest, $"exact {exact:R} with {improved} of {Samples} samples improving");
                }
            },
            maxTest: 40);
    }

    [Fact]
    public void The_gradient_matches_finite_differences()
    {
        PropertyCheck.ForAll(
            Cases,
            c =>
            {
                double[] work = Work(c.Strips);
                double[] at = [c.Mean1, c.Sd1, c.Mean2, c.Sd2];
                double Log(double[] p) => ExpectedHypervolumeImprovement.Log(c.Strips, p[0], p[1], p[2], p[3], default, work);
                double[] gradient = new double[4];
                ExpectedHypervolumeImprovement.Log(c.Strips, at[0], at[1], at[2], at[3], gradient, work);
                for (int k = 0; k < 4; k++)
                {
                    double h = 1e-6 * Math.Max(1, Math.Abs(at[k]));
                    double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
                    plus[k] += h;
                    minus[k] -= h;
                    double numeric = (Log(plus) - Log(minus)) / (2 * h);
                    Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-5 * Math.Max(1, Math.Abs(numeric)), $"d{k}: analytic {gradient[k]:R}, numeric {numeric:R}");
                }
            },
            maxTest: 100);
    }

    [Fact]
    public void The_log_form_equals_the_plain_formula_where_that_does_not_underflow()
    {
        PropertyCheck.ForAll(
            Cases,
            c =>
            {
                double plain = 0, left = double.NegativeInfinity;
                for (int i = 0; i < c.Strips.Count; i++)
                {
                    double hu = H((c.Strips.RightEdges[i] - c.Mean1) / c.Sd1), hl = i == 0 ? 0 : H((left - c.Mean1) / c.Sd1);
                    plain += c.Sd1 * c.Sd2 * (hu - hl) * H((c.Strips.Ceilings[i] - c.Mean2) / c.Sd2);
                    left = c.Strips.RightEdges[i];
                }

                double log = ExpectedHypervolumeImprovement.Log(c.Strips, c.Mean1, c.Sd1, c.Mean2, c.Sd2, default, Work(c.Strips));
                Assert.Equal(plain, Math.Exp(log), 1e-10 * Math.Max(plain, 1e-3));
            },
            maxTest: 200);
    }

    [Fact]
    public void Far_from_the_front_log_EHVI_stays_finite_and_keeps_falling()
    {
        var strips = new NonDominatedStrips(1.1, 1.1);
        strips.Add(0, 1);
        strips.Add(0.5, 0.5);
        strips.Add(1, 0);
        double[] work = Work(strips);
        double previous = double.PositiveInfinity;
        foreach (double distance in new[] { 1.0, 5, 20, 40, 100, 1000 })
        {
            double[] gradient = new double[4];
            double value = ExpectedHypervolumeImprovement.Log(strips, 1 + distance, 0.1, 1 + distance, 0.1, gradient, work);
            Assert.True(double.IsFinite(value) && value < previous, $"log EHVI {value} at distance {distance}");
            Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
            Assert.True(gradient[0] < 0 && gradient[2] < 0, "moving the means toward the front must raise log EHVI");
            previous = value;
        }

        // Exactly on a front point with no spread left, nothing can improve.
        double onFront = ExpectedHypervolumeImprovement.Log(strips, 0.5, 1e-9, 0.5, 1e-9, default, work);
        Assert.True(onFront < -20);
    }

    [Fact]
    public void A_narrow_strip_is_continuous_across_the_midpoint_switch()
    {
        foreach (double middle in new[] { -30.0, -5, -1, 0, 2, 10 })
        {
            foreach (double width in new[] { 0.9e-3, 1.1e-3, 1e-4, 1e-2 })
            {
                double w = width / (1 + Math.Abs(middle));
                double upper = middle + (w / 2), lower = middle - (w / 2);
                double value = ExpectedHypervolumeImprovement.LogHDifference(upper, lower, LogExpectedImprovement.LogH(upper), LogExpectedImprovement.LogH(lower));
                double reference = Math.Log(Integral(lower, upper));
                Assert.True(Math.Abs(value - reference) < 1e-7, $"m {middle}, w {w}: {value:R} vs {reference:R}");
            }
        }

        // ∫Φ over [lower, upper] by Simpson's rule on Φ computed in log space (values far in the tail stay representable).
        static double Integral(double lower, double upper)
        {
            double shift = NormalFunctions.LogCdf(upper), sum = 0;
            const int Steps = 200;
            for (int k = 0; k <= Steps; k++)
            {
                double t = lower + ((upper - lower) * k / Steps);
                sum += (k == 0 || k == Steps ? 1 : k % 2 == 1 ? 4 : 2) * Math.Exp(NormalFunctions.LogCdf(t) - shift);
            }

            return sum * (upper - lower) / (3 * Steps) * Math.Exp(shift);
        }
    }

    private static double[] Work(NonDominatedStrips strips) => new double[ExpectedHypervolumeImprovement.WorkLength(strips)];

    private static double H(double z) => Math.Exp(NormalFunctions.LogPdf(z)) + (z * NormalFunctions.Cdf(z));

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    internal sealed record Case(double[][] Points, NonDominatedStrips Strips, double Mean1, double Sd1, double Mean2, double Sd2)
    {
        public static Case Of(double[][] points, double firstReference, double secondReference, double mean1, double sd1, double mean2, double sd2)
        {
            var strips = new NonDominatedStrips(firstReference, secondReference);
            foreach (double[] p in points)
            {
                strips.Add(p[0], p[1]);
            }

            return new Case(points, strips, mean1, sd1, mean2, sd2);
        }

        public override string ToString() =>
            $"front [{string.Join(" ", Points.Select(p => $"({p[0]:G4}, {p[1]:G4})"))}], r ({Strips.FirstReference:G4}, {Strips.SecondReference:G4}), N({Mean1:G4}, {Sd1:G4}²) × N({Mean2:G4}, {Sd2:G4}²)";
    }
}
