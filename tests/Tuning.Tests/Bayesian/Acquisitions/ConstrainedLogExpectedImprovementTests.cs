using FsCheck.Fluent;
using FsCheck;
using MathNet.Numerics.Distributions;
using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Acquisitions;

/// <summary>
/// The default acquisition, LogEI plus log P(feasible): gradients against central differences and batched values
/// against single ones, for the objective alone, with one- and two-sided constraints, and for feasibility alone; values
/// against the closed forms log(σ·(φ(z) + zΦ(z))) and Σ log Φ.
/// </summary>
public class ConstrainedLogExpectedImprovementTests
{
    /// <summary>An objective model (or none), the incumbent, constraint models, and points to probe.</summary>
    internal sealed record Case(int Dimensions, GpSpec? Objective, double Incumbent, ConstraintSpec[] Constraints, double[][] Probes)
    {
        public ConstrainedLogExpectedImprovement Acquisition() => new(Objective?.Condition(), Incumbent, [.. Constraints.Select(c => c.Condition())], Dimensions);

        public override string ToString() =>
            $"objective {Objective?.ToString() ?? "none"}, incumbent {Incumbent}; constraints [{string.Join("; ", Constraints.Select(c => c.ToString()))}]; probes {string.Join(" ", Probes.Select(p => $"({string.Join(", ", p)})"))}";
    }

    /// <summary>
    /// Cases in 1 to 3 dimensions. The incumbent lies up to 6 below the best target (or 1 above it), so that z ranges
    /// from the body of the normal to far into its tail where plain EI underflows.
    /// </summary>
    private static Arbitrary<Case> Cases(bool objective, int minConstraints, int maxConstraints) => Arb.From(
        from d in Gen.Choose(1, 3)
        from model in objective ? ModelSpecs.Gp(d).Select(g => (GpSpec?)g) : Gen.Constant<GpSpec?>(null)
        from gap in Gen.Choose(-10, 60).Select(k => k / 10.0)
        from constraints in Gen.Choose(minConstraints, maxConstraints).SelectMany(k => ModelSpecs.Constraint(d).ArrayOf(k))
        from probes in Gen.Choose(1, 6).SelectMany(k => ModelSpecs.Point(d).ArrayOf(k))
        select new Case(d, model, model is null ? 0 : model.Targets.Min() - gap, constraints, probes),
        c => ShrinkCase(c, minConstraints));

    private static IEnumerable<Case> ShrinkCase(Case c, int minConstraints)
    {
        foreach (double[][] probes in Shrink.Array(c.Probes, ModelSpecs.ShrinkPoint, minLength: 1))
        {
            yield return c with { Probes = probes };
        }

        foreach (ConstraintSpec[] constraints in Shrink.Array(c.Constraints, ModelSpecs.ShrinkConstraint, minLength: minConstraints))
        {
            yield return c with { Constraints = constraints };
        }

        if (c.Objective is { } objective)
        {
            foreach (GpSpec smaller in ModelSpecs.ShrinkGp(objective))
            {
                yield return c with { Objective = smaller, Incumbent = Math.Min(c.Incumbent, smaller.Targets.Min() + 1) };
            }
        }
    }

    [Fact]
    public void The_gradient_of_log_EI_alone_matches_central_differences_and_batches_agree()
    {
        PropertyCheck.ForAll(Cases(objective: true, 0, 0), CheckGradientAndBatch, maxTest: 150);
    }

    [Fact]
    public void The_gradient_with_one_and_two_sided_constraints_matches_central_differences_and_batches_agree()
    {
        PropertyCheck.ForAll(Cases(objective: true, 1, 3), CheckGradientAndBatch, maxTest: 100);
    }

    [Fact]
    public void The_gradient_of_feasibility_alone_matches_central_differences_and_batches_agree()
    {
        PropertyCheck.ForAll(Cases(objective: false, 1, 3), CheckGradientAndBatch, maxTest: 100);
    }

    private static void CheckGradientAndBatch(Case c) => AcquisitionChecks.GradientsAndBatch(c.Acquisition(), c.Probes);

    [Fact]
    public void Log_EI_is_the_log_of_sigma_times_h_where_the_plain_formula_is_accurate()
    {
        int compared = 0;
        PropertyCheck.ForAll(Cases(objective: true, 0, 0), c =>
        {
            ConstrainedLogExpectedImprovement acquisition = c.Acquisition();
            GaussianProcess model = c.Objective!.Condition();
            foreach (double[] probe in c.Probes)
            {
                (double mean, double variance) = model.Predict(probe, default, default);
                double sd = Math.Sqrt(variance), z = (c.Incumbent - mean) / sd;
                if (z > -3)
                {
                    double expected = Math.Log(sd * (Normal.PDF(0, 1, z) + (z * Normal.CDF(0, 1, z))));
                    Assert.Equal(expected, acquisition.Value(probe, default), 1e-9 * Math.Max(1, Math.Abs(expected)));
                    compared++;
                }
            }
        });
        Assert.True(compared > 50, $"only {compared} points were in the plain formula's range");
    }

    [Fact]
    public void Feasibility_alone_is_the_log_of_the_product_of_normal_probabilities()
    {
        PropertyCheck.ForAll(Cases(objective: false, 1, 3), c =>
        {
            ConstrainedLogExpectedImprovement acquisition = c.Acquisition();
            GaussianProcess[] models = [.. c.Constraints.Select(k => k.Model.Condition())];
            foreach (double[] probe in c.Probes)
            {
                double expected = 0;
                bool representable = true;
                for (int k = 0; k < models.Length; k++)
                {
                    (double mean, double variance) = models[k].Predict(probe, default, default);
                    double sd = Math.Sqrt(variance);
                    foreach (double p in new[]
                    {
                        double.IsNaN(c.Constraints[k].Upper) ? 1 : Normal.CDF(0, 1, (c.Constraints[k].Upper - mean) / sd),
                        double.IsNaN(c.Constraints[k].Lower) ? 1 : Normal.CDF(0, 1, (mean - c.Constraints[k].Lower) / sd),
                    })
                    {
                        representable &= p > 1e-10;
                        expected += Math.Log(p);
                    }
                }

                double value = acquisition.Value(probe, default);
                Assert.True(value <= 1e-12, $"log P(feasible) = {value}");
                if (representable)
                {
                    Assert.Equal(expected, value, 1e-9 * Math.Max(1, Math.Abs(expected)));
                }
            }
        });
    }

    [Fact]
    public void With_constraints_the_value_is_log_EI_plus_log_P_feasible()
    {
        PropertyCheck.ForAll(Cases(objective: true, 1, 3), c =>
        {
            ConstrainedLogExpectedImprovement whole = c.Acquisition();
            ConstrainedLogExpectedImprovement improvement = (c with { Constraints = [] }).Acquisition();
            ConstrainedLogExpectedImprovement feasibility = (c with { Objective = null }).Acquisition();
            foreach (double[] probe in c.Probes)
            {
                double expected = improvement.Value(probe, default) + feasibility.Value(probe, default);
                Assert.Equal(expected, whole.Value(probe, default), 1e-12 * Math.Max(1, Math.Abs(expected)));
            }
        });
    }

    [Fact]
    public void Far_below_the_posterior_log_EI_follows_its_asymptote_with_an_exact_gradient()
    {
        // For z → −∞, h(z) = φ(z)/z²·(1 − 3/z² + …), so log EI = log σ + log φ(z) − 2 log(−z) to within 3/z².
        var spec = new GpSpec([[0.2], [0.5], [0.9]], [0.3, -0.4, 0.8], [-1.0], 0, Math.Log(1e-3));
        var acquisition = new ConstrainedLogExpectedImprovement(spec.Condition(), -60, [], 1);
        foreach (double x in new[] { 0.05, 0.35, 0.6, 0.99 })
        {
            (double mean, double variance) = spec.Condition().Predict([x], default, default);
            double sd = Math.Sqrt(variance), z = (-60 - mean) / sd;
            Assert.True(z < -40, $"z = {z} is not in the far tail");
            double asymptote = Math.Log(sd) + Normal.PDFLn(0, 1, z) - (2 * Math.Log(-z));
            Assert.True(Math.Abs(acquisition.Value([x], default) - asymptote) <= 3 / (z * z), $"at {x}: {acquisition.Value([x], default)} against {asymptote}");
            AcquisitionChecks.GradientMatchesFiniteDifferences(acquisition, [x]);
        }
    }
}
