using FsCheck.Fluent;
using FsCheck;
using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Acquisitions;

/// <summary>The exploitation step's acquisition, −μ: its value is minus the model's mean, its gradient matches central differences, and batches agree.</summary>
public class NegativePosteriorMeanTests
{
    private static Arbitrary<(GpSpec Model, double[][] Probes)> Cases() => Arb.From(
        from d in Gen.Choose(1, 3)
        from model in ModelSpecs.Gp(d)
        from probes in Gen.Choose(1, 6).SelectMany(k => ModelSpecs.Point(d).ArrayOf(k))
        select (model, probes),
        c => ModelSpecs.ShrinkGp(c.Item1).Select(m => (m, c.Item2))
            .Concat(Shrink.Array(c.Item2, ModelSpecs.ShrinkPoint, minLength: 1).Select(p => (c.Item1, p))));

    [Fact]
    public void The_value_is_minus_the_posterior_mean_and_the_gradient_matches_central_differences()
    {
        PropertyCheck.ForAll(Cases(), c =>
        {
            GaussianProcess model = c.Model.Condition();
            var acquisition = new NegativePosteriorMean(model, c.Model.Dimensions);
            foreach (double[] probe in c.Probes)
            {
                Assert.Equal(-model.Predict(probe, default, default).Mean, acquisition.Value(probe, default), 1e-12);
            }

            AcquisitionChecks.GradientsAndBatch(acquisition, c.Probes);
        }, maxTest: 100);
    }

    private static Arbitrary<(FidelityGpSpec Model, double Level, double[][] Probes)> FidelityCases() => Arb.From(
        from d in Gen.Choose(1, 3)
        from model in ModelSpecs.FidelityGp(d)
        from level in model.Tasks == 0 ? Gen.Elements(1.0, 0.5, 0.0) : Gen.Choose(0, model.Tasks - 1).Select(k => (double)k)
        from probes in Gen.Choose(1, 5).SelectMany(k => ModelSpecs.Point(d).ArrayOf(k))
        select (model, level, probes),
        c => ModelSpecs.ShrinkFidelityGp(c.Item1).Select(m => (m, c.Item2, c.Item3))
            .Concat(Shrink.Array(c.Item3, ModelSpecs.ShrinkPoint, minLength: 1).Select(p => (c.Item1, c.Item2, p))));

    [Fact]
    public void At_a_fidelity_level_it_is_minus_the_mean_there_with_matching_gradients()
    {
        PropertyCheck.ForAll(FidelityCases(), c =>
        {
            GaussianProcess model = c.Model.Condition();
            int features = model.Kernel.Width - 1;
            var acquisition = new NegativePosteriorMean(model, features, c.Level);
            foreach (double[] probe in c.Probes)
            {
                Assert.Equal(-model.Predict([.. probe, c.Level], default, default).Mean, acquisition.Value(probe, default), 1e-12);
            }

            AcquisitionChecks.GradientsAndBatch(acquisition, c.Probes);
        }, maxTest: 100);
    }
}
