using FsCheck.Fluent;
using FsCheck;
using MathNet.Numerics.Distributions;
using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Acquisitions;

/// <summary>LogEI over x of a model over (x, s) at one fidelity coordinate: gradients, batches, and the closed form.</summary>
public class TargetImprovementTests
{
    /// <summary>A model over (x, s), the incumbent's gap below its best target, the coordinate improvement counts at, and probes.</summary>
    internal sealed record Case(FidelityGpSpec Model, double Gap, double Level, double[][] Probes)
    {
        public double Incumbent => Model.Targets.Min() - Gap;

        public TargetImprovement Acquisition() => new(Model.Condition(), Incumbent, Level);

        public override string ToString() =>
            $"{Model}; incumbent {Incumbent}, level {Level}; probes {string.Join(" ", Probes.Select(p => $"({string.Join(", ", p)})"))}";
    }

    private static Arbitrary<Case> Cases => Arb.From(
        from d in Gen.Choose(1, 3)
        from model in ModelSpecs.FidelityGp(d)
        from gap in Gen.Choose(-10, 40).Select(k => k / 10.0)
        from level in model.Tasks == 0 ? Gen.Elements(1.0, 1.0, 0.5, 0.0) : Gen.Choose(0, model.Tasks - 1).Select(k => (double)k)
        from probes in Gen.Choose(1, 5).SelectMany(k => ModelSpecs.Point(d).ArrayOf(k))
        select new Case(model, gap, level, probes),
        c => Shrink.Array(c.Probes, ModelSpecs.ShrinkPoint, minLength: 1).Select(p => c with { Probes = p })
            .Concat(ModelSpecs.ShrinkFidelityGp(c.Model).Select(m => c with { Model = m }))
            .Concat(Shrink.Toward(c.Gap, 0).Select(g => c with { Gap = g })));

    [Fact]
    public void The_gradient_matches_central_differences_and_batches_agree()
    {
        PropertyCheck.ForAll(Cases, c => AcquisitionChecks.GradientsAndBatch(c.Acquisition(), c.Probes));
    }

    [Fact]
    public void The_value_is_log_EI_of_the_prediction_at_the_level()
    {
        PropertyCheck.ForAll(Cases, c =>
        {
            TargetImprovement acquisition = c.Acquisition();
            GaussianProcess model = c.Model.Condition();
            foreach (double[] probe in c.Probes)
            {
                (double mean, double variance) = model.Predict([.. probe, c.Level], default, default);
                double sd = Math.Sqrt(variance), z = (c.Incumbent - mean) / sd;
                double expected = z > -3
                    ? Math.Log(sd * (Normal.PDF(0, 1, z) + (z * Normal.CDF(0, 1, z))))
                    : Math.Log(sd) + LogExpectedImprovement.LogH(z);
                Assert.Equal(expected, acquisition.Value(probe, default), 1e-9 * Math.Max(1, Math.Abs(expected)));
            }
        });
    }
}
