using FsCheck.Fluent;
using FsCheck;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Models;

/// <summary>
/// The output warpings: every candidate transform is monotone in the values (ties stay tied), finite, standardized,
/// invariant to shifting and scaling the values, and reports the log-Jacobian of the map it fitted.
/// </summary>
public class OutputTransformTests
{
    private static readonly OutputWarping[] Warpings = [OutputWarping.None, OutputWarping.PowerTransform, OutputWarping.Rank];

    /// <summary>Values m·10^e: integer mantissas (ties likely when they are small) times one power of ten.</summary>
    internal sealed record Sample(int[] Mantissas, int Exponent)
    {
        public double[] Values => [.. Mantissas.Select(m => m * Math.Pow(10, Exponent))];

        public override string ToString() => $"[{string.Join(", ", Mantissas)}]·1e{Exponent}";
    }

    /// <summary>Between 2 and 40 values; mantissas up to <paramref name="largest"/>, exponents in [<paramref name="lowest"/>, <paramref name="highest"/>].</summary>
    private static Arbitrary<Sample> Samples(int largest, int lowest, int highest, bool distinct = false) => Arb.From(
        Gen.Choose(2, 40).SelectMany(n => Gen.OneOf(Gen.Choose(-largest, largest), Gen.Choose(-5, 5)).ArrayOf(n))
            .Where(m => !distinct || m.Distinct().Count() == m.Length)
            .SelectMany(m => Gen.Choose(lowest, highest).Select(e => new Sample(m, e))),
        s => Shrink.Array(s.Mantissas, m => Shrink.Toward(m, 0), minLength: 2)
                .Where(m => !distinct || m.Distinct().Count() == m.Length)
                .Select(m => s with { Mantissas = m })
            .Concat(Shrink.Toward(s.Exponent, Math.Clamp(0, lowest, highest)).Select(e => s with { Exponent = e })));

    private static IEnumerable<WarpedValues> AllCandidates(double[] values) =>
        Warpings.SelectMany(w => OutputTransform.Candidates(values, w));

    /// <summary>
    /// Ordinary values (integers up to ±1000) with one to three values 10⁷ to 10³⁰⁰ times larger: diverged runs
    /// reported as a huge number, as users do where a failed trial would be right.
    /// </summary>
    private static Arbitrary<double[]> WithOutliers() => Arb.From(
        from n in Gen.Choose(5, 30)
        from ordinary in Gen.Choose(-1000, 1000).ArrayOf(n)
        from count in Gen.Choose(1, 3)
        from exponent in Gen.Choose(7, 300)
        select (double[])[.. ordinary.Select(m => (double)m), .. Enumerable.Repeat(Math.Pow(10, exponent), count)],
        values => Enumerable.Range(0, values.Length).Where(i => values[i] < 1e7 && values.Count(v => v < 1e7) > 5)
            .Select(i => (double[])[.. values.Where((_, k) => k != i)]));

    [Fact]
    public void A_few_huge_values_leave_the_others_apart_in_order_and_with_their_log_jacobian()
    {
        PropertyCheck.ForAll(WithOutliers(), y =>
        {
            double[] ordinary = [.. y.Where(v => v < 1e7).Distinct().Order()];
            if (ordinary.Length < 2)
            {
                return;
            }

            foreach (WarpedValues w in OutputTransform.Candidates(y, OutputWarping.PowerTransform))
            {
                AssertMonotone(y, w.Values, strict: false);
                Assert.True(double.IsFinite(w.LogJacobian), $"log-Jacobian {w.LogJacobian}");

                // Linearly, 1e300 against values below 1000 left their differences in the 297th digit: all of them
                // one value to the model. Each distinct ordinary value must stay apart from the next by more than the
                // model's noise floor could hide.
                Func<double, double> warp = w.Warp!;
                double smallestGap = ordinary.Zip(ordinary.Skip(1), (a, b) => warp(b) - warp(a)).Min();
                Assert.True(smallestGap > 1e-4, $"distinct values {smallestGap:G3} apart after the warping");

                double h = 1e-7;
                double numeric = y.Sum(v => Math.Log((warp(v + (h * Math.Max(1, Math.Abs(v)))) - warp(v - (h * Math.Max(1, Math.Abs(v))))) / (2 * h * Math.Max(1, Math.Abs(v)))));
                Assert.True(
                    Math.Abs(numeric - w.LogJacobian) <= (1e-3 * y.Length) + (1e-7 * Math.Abs(w.LogJacobian)),
                    $"log-Jacobian {w.LogJacobian:R}, from central differences {numeric:R}");
            }
        });
    }

    [Fact]
    public void Every_candidate_is_monotone_keeps_ties_and_stays_finite()
    {
        PropertyCheck.ForAll(Samples(1000, -6, 6), sample =>
        {
            double[] y = sample.Values;
            foreach (WarpedValues w in AllCandidates(y))
            {
                AssertMonotone(y, w.Values, strict: false);
                Assert.True(double.IsFinite(w.LogJacobian), $"log-Jacobian {w.LogJacobian}");
            }
        });
    }

    [Fact]
    public void Distinct_values_stay_distinct_and_in_order()
    {
        PropertyCheck.ForAll(Samples(1000, -6, 6, distinct: true), sample =>
        {
            foreach (WarpedValues w in AllCandidates(sample.Values))
            {
                AssertMonotone(sample.Values, w.Values, strict: true);
            }
        });
    }

    [Fact]
    public void Values_near_the_largest_doubles_give_finite_monotone_results()
    {
        PropertyCheck.ForAll(Samples(179, 300, 306), sample =>
        {
            double[] y = sample.Values;
            foreach (WarpedValues w in AllCandidates(y))
            {
                AssertMonotone(y, w.Values, strict: false);
                Assert.True(double.IsFinite(w.LogJacobian));
            }

            (double[] linear, Func<double, double> map) = OutputTransform.Linear(y);
            AssertMonotone(y, linear, strict: false);
            Assert.All(y, v => Assert.True(double.IsFinite(map(v))));
        });
    }

    [Fact]
    public void Every_candidate_except_rank_scores_is_the_map_it_reports_and_is_standardized()
    {
        PropertyCheck.ForAll(Samples(1000, -6, 6), sample =>
        {
            double[] y = sample.Values;
            bool constant = y.Distinct().Count() == 1;
            foreach (WarpedValues w in AllCandidates(y))
            {
                if (w.Warp is { } warp)
                {
                    for (int i = 0; i < y.Length; i++)
                    {
                        Assert.Equal(w.Values[i], warp(y[i]));
                    }
                }

                double mean = w.Values.Average(), sd = Math.Sqrt(w.Values.Average(v => (v - mean) * (v - mean)));
                Assert.Equal(0, mean, 1e-9);
                Assert.Equal(constant ? 0 : 1, sd, 1e-9);
            }

            (double[] linear, Func<double, double> map) = OutputTransform.Linear(y);
            for (int i = 0; i < y.Length; i++)
            {
                Assert.Equal(linear[i], map(y[i]));
            }
        });
    }

    /// <summary>
    /// The warped model's likelihood of the raw values is that of the warped values times Π |dz/dy| (Snelson et al.
    /// 2004), with the transform's fitted parameters held fixed: the log-Jacobian must be the sum of the logs of the
    /// fitted map's slopes, here by central differences.
    /// </summary>
    [Fact]
    public void The_log_jacobian_is_the_sum_of_the_log_slopes_of_the_fitted_map()
    {
        PropertyCheck.ForAll(Samples(1000, -6, 6), sample =>
        {
            double[] y = sample.Values;
            double median = y.Order().ElementAt(y.Length / 2);
            double spread = y.Max(v => Math.Abs(v - median)) is double s and > 0 ? s : 1;
            double h = 1e-7 * spread;
            foreach (WarpedValues w in AllCandidates(y))
            {
                if (w.Warp is not { } warp)
                {
                    continue; // rank scores: no smooth map (and a single candidate, never compared by its evidence)
                }

                double numeric = y.Sum(v => Math.Log((warp(v + h) - warp(v - h)) / (2 * h)));
                Assert.True(
                    Math.Abs(numeric - w.LogJacobian) <= (1e-4 * y.Length) + (1e-7 * Math.Abs(w.LogJacobian)),
                    $"log-Jacobian {w.LogJacobian:R}, from central differences {numeric:R}");
            }
        });
    }

    [Fact]
    public void Scaling_by_a_power_of_two_changes_only_the_log_jacobian()
    {
        Arbitrary<(Sample Sample, int Power)> cases = Arb.Zip(Samples(1000, -6, 6), Arb.From(Gen.Choose(-20, 20), p => Shrink.Toward(p, 1)));
        PropertyCheck.ForAll(cases, c =>
        {
            double[] y = c.Sample.Values, scaled = [.. y.Select(v => Math.ScaleB(v, c.Power))];
            foreach (OutputWarping warping in Warpings)
            {
                IReadOnlyList<WarpedValues> original = OutputTransform.Candidates(y, warping), transformed = OutputTransform.Candidates(scaled, warping);
                for (int k = 0; k < original.Count; k++)
                {
                    Assert.Equal(original[k].Values, transformed[k].Values);
                    double expected = original[k].LogJacobian - (warping == OutputWarping.Rank ? 0 : y.Length * c.Power * Math.Log(2));
                    Assert.Equal(expected, transformed[k].LogJacobian, 1e-9 * Math.Max(1, Math.Abs(expected)));
                }
            }
        });
    }

    [Fact]
    public void Shifting_and_scaling_the_values_leaves_the_warped_values()
    {
        Gen<(double Scale, double Shift)> affine = Gen.Choose(-30, 30).SelectMany(k => Gen.Choose(-100, 100).Select(b => (Math.Pow(10, k / 10.0), b / 10.0)));
        Arbitrary<(Sample Sample, (double Scale, double Shift) Map)> cases = Arb.Zip(
            Samples(1000, 0, 0),
            Arb.From(affine, m => Shrink.Toward(m.Shift, 0).Select(b => (m.Scale, b))));
        PropertyCheck.ForAll(cases, c =>
        {
            double[] y = c.Sample.Values;
            double spread = y.Max() - y.Min();
            double[] moved = [.. y.Select(v => (c.Map.Scale * v) + (c.Map.Shift * spread))];
            foreach (OutputWarping warping in Warpings)
            {
                IReadOnlyList<WarpedValues> original = OutputTransform.Candidates(y, warping), transformed = OutputTransform.Candidates(moved, warping);
                for (int k = 0; k < original.Count; k++)
                {
                    for (int i = 0; i < y.Length; i++)
                    {
                        Assert.Equal(original[k].Values[i], transformed[k].Values[i], 1e-6);
                    }

                    double expected = original[k].LogJacobian - (warping == OutputWarping.Rank ? 0 : y.Length * Math.Log(c.Map.Scale));
                    Assert.Equal(expected, transformed[k].LogJacobian, 1e-6 * Math.Max(1, Math.Abs(expected)));
                }
            }
        });
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.5e7)]
    [InlineData(1e308)]
    [InlineData(-1.7976931348623157e308)]
    public void A_constant_gives_zeros(double value)
    {
        double[] y = [value, value, value, value, value];
        foreach (WarpedValues w in AllCandidates(y))
        {
            Assert.All(w.Values, v => Assert.Equal(0, v));
            Assert.True(double.IsFinite(w.LogJacobian));
        }
    }

    [Fact]
    public void The_extreme_doubles_together_stay_finite_and_in_order()
    {
        double[] y = [double.MaxValue, -double.MaxValue, 0, 1e308, -1e308, double.Epsilon, 5, double.MaxValue];
        foreach (WarpedValues w in AllCandidates(y))
        {
            AssertMonotone(y, w.Values, strict: false);
            Assert.True(double.IsFinite(w.LogJacobian));
            Assert.Equal(w.Values[0], w.Values[^1]);
            Assert.True(w.Values[1] < w.Values[4] && w.Values[4] < w.Values[2] && w.Values[3] < w.Values[0]);
        }
    }

    [Fact]
    public void Rank_scores_give_ties_their_average_rank()
    {
        double[] scores = OutputTransform.Apply([3.0, 1.0, 3.0, 2.0], OutputWarping.Rank);
        Assert.Equal(scores[0], scores[2]);
        Assert.True(scores[1] < scores[3] && scores[3] < scores[0]);

        // Normal scores Φ⁻¹((rank − ½)/n) of ranks 1, 2 and the shared 3.5, then standardized.
        double[] raw = [.. new[] { 3.5, 1, 3.5, 2 }.Select(r => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (r - 0.5) / 4))];
        double mean = raw.Average(), sd = Math.Sqrt(raw.Average(v => (v - mean) * (v - mean)));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal((raw[i] - mean) / sd, scores[i], 12);
        }
    }

    private static void AssertMonotone(double[] y, double[] z, bool strict)
    {
        for (int i = 0; i < y.Length; i++)
        {
            Assert.True(double.IsFinite(z[i]), $"value {i} ({y[i]:R}) maps to {z[i]}");
            for (int j = 0; j < y.Length; j++)
            {
                if (y[i] < y[j])
                {
                    Assert.True(strict ? z[i] < z[j] : z[i] <= z[j], $"{y[i]:R} < {y[j]:R} but {z[i]:R} vs {z[j]:R}");
                }
                else if (y[i] == y[j])
                {
                    Assert.Equal(z[i], z[j]);
                }
            }
        }
    }
}
