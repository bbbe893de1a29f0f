using FsCheck.Fluent;
using FsCheck;
using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Acquisitions;

public class LogExpectedHypervolumeImprovementTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 0, 1).Build();

    /// <summary>Two objective models, a two-sided constraint model and the strips of a three-point front.</summary>
    private static LogExpectedHypervolumeImprovement Acquisition(bool withConstraint)
    {
        var map = new FeatureMap(Space);
        var random = new Random(5);
        double[] x = [.. Enumerable.Range(0, 24).Select(_ => random.NextDouble())];
        double[] first = [.. Enumerable.Range(0, 12).Select(i => x[2 * i] - 0.5)];
        double[] second = [.. Enumerable.Range(0, 12).Select(i => (1 - x[2 * i]) * (1 + x[(2 * i) + 1]) - 0.8)];
        double[] cost = [.. Enumerable.Range(0, 12).Select(i => x[2 * i] + x[(2 * i) + 1] - 1)];
        GaussianProcess Model(double[] y) => GaussianProcess.Condition(new MaternKernel(map, [0.4, 0.6], 1.1), 1e-4, x, y)!;

        var strips = new NonDominatedStrips(0.6, 0.9);
        strips.Add(-0.4, 0.5);
        strips.Add(0, 0.1);
        strips.Add(0.3, -0.2);
        ConstraintModel[] constraints = withConstraint ? [new ConstraintModel(Model(cost), -0.6, 0.4)] : [];
        return new LogExpectedHypervolumeImprovement(Model(first), Model(second), strips, constraints, map.Columns);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_gradient_matches_finite_differences(bool withConstraint)
    {
        LogExpectedHypervolumeImprovement acquisition = Acquisition(withConstraint);
        foreach (double[] point in new[] { new[] { 0.2, 0.3 }, [0.55, 0.8], [0.9, 0.05], [0.4, 0.45] })
        {
            double[] gradient = new double[2];
            acquisition.Value(point, gradient);
            for (int c = 0; c < 2; c++)
            {
                double numeric = FiniteDifference.Central(p => acquisition.Value(p, default), point, c);
                Assert.True(Math.Abs(numeric - gradient[c]) <= 1e-4 * Math.Max(1, Math.Abs(numeric)), $"at ({point[0]}, {point[1]}), d{c}: analytic {gradient[c]:R}, numeric {numeric:R}");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Batched_values_equal_one_at_a_time(bool withConstraint)
    {
        LogExpectedHypervolumeImprovement acquisition = Acquisition(withConstraint);
        var random = new Random(6);
        double[] points = [.. Enumerable.Range(0, 2 * 40).Select(_ => random.NextDouble())];
        double[] values = new double[40];
        acquisition.Values(points, 40, values, new AcquisitionScratch());
        for (int j = 0; j < 40; j++)
        {
            Assert.Equal(acquisition.Value(points.AsSpan(2 * j, 2), default), values[j], 9);
        }
    }

    /// <summary>Two objective models, a front and its reference point in the models' units, constraint models, and probes.</summary>
    internal sealed record Case(int Dimensions, GpSpec First, GpSpec Second, (double First, double Second)[] Front, double Margin, ConstraintSpec[] Constraints, double[][] Probes)
    {
        public LogExpectedHypervolumeImprovement Acquisition()
        {
            // The reference point lies beyond the worst front value (or beyond 0 for an empty front) by the margin.
            var strips = new NonDominatedStrips(
                Front.Select(p => p.First).DefaultIfEmpty(0).Max() + Margin, Front.Select(p => p.Second).DefaultIfEmpty(0).Max() + Margin);
            foreach ((double first, double second) in Front)
            {
                strips.Add(first, second);
            }

            return new LogExpectedHypervolumeImprovement(First.Condition(), Second.Condition(), strips, [.. Constraints.Select(c => c.Condition())], Dimensions);
        }

        public override string ToString() =>
            $"first {First}; second {Second}; front [{string.Join(" ", Front.Select(p => $"({p.First}, {p.Second})"))}] + {Margin}; "
            + $"constraints [{string.Join("; ", Constraints.Select(c => c.ToString()))}]; probes {string.Join(" ", Probes.Select(p => $"({string.Join(", ", p)})"))}";
    }

    private static Arbitrary<Case> Cases => Arb.From(
        from d in Gen.Choose(1, 3)
        from first in ModelSpecs.Gp(d)
        from second in ModelSpecs.Gp(d)
        from front in Gen.Choose(0, 5).SelectMany(k => Gen.Zip(Gen.Choose(-20, 20), Gen.Choose(-20, 20)).Select(p => (p.Item1 / 10.0, p.Item2 / 10.0)).ArrayOf(k))
        from margin in Gen.Choose(1, 20).Select(k => k / 10.0)
        from constraints in Gen.Choose(0, 2).SelectMany(k => ModelSpecs.Constraint(d).ArrayOf(k))
        from probes in Gen.Choose(1, 5).SelectMany(k => ModelSpecs.Point(d).ArrayOf(k))
        select new Case(d, first, second, front, margin, constraints, probes),
        c => Shrink.Array(c.Probes, ModelSpecs.ShrinkPoint, minLength: 1).Select(p => c with { Probes = p })
            .Concat(Shrink.Array(c.Front, Shrink.None).Select(f => c with { Front = f }))
            .Concat(Shrink.Array(c.Constraints, ModelSpecs.ShrinkConstraint).Select(k => c with { Constraints = k }))
            .Concat(ModelSpecs.ShrinkGp(c.First).Select(m => c with { First = m }))
            .Concat(ModelSpecs.ShrinkGp(c.Second).Select(m => c with { Second = m })));

    [Fact]
    public void For_generated_models_and_fronts_the_gradient_matches_central_differences_and_batches_agree()
    {
        PropertyCheck.ForAll(Cases, c => AcquisitionChecks.GradientsAndBatch(c.Acquisition(), c.Probes));
    }
}
