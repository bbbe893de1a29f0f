using FsCheck;
using FsCheck.Fluent;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Models;

/// <summary>The constant prior mean the models estimate from their data (<see cref="ConstantMean"/>).</summary>
public class ConstantMeanTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 0, 1).Build();

    /// <summary>Points on the unit square, their targets, and a lengthscale.</summary>
    internal sealed record Data(double[] X, double[] Y, double Lengthscale)
    {
        public int Count => Y.Length;

        public override string ToString() =>
            $"{Count} points, ℓ = {Lengthscale}: {string.Join("; ", Enumerable.Range(0, Count).Select(i => $"({X[2 * i]}, {X[(2 * i) + 1]}) → {Y[i]}"))}";
    }

    private static Arbitrary<Data> DataSets => Arb.From(
        from n in Gen.Choose(1, 30)
        from coordinates in Gen.Choose(0, 100).ArrayOf(2 * n)
        from targets in Gen.Choose(-50, 50).ArrayOf(n)
        from lengthscale in Gen.Elements(0.05, 0.3, 1.0, 5.0)
        select new Data([.. coordinates.Select(c => c / 100.0)], [.. targets.Select(t => t / 10.0)], lengthscale),
        d => Shrink.Array([.. Enumerable.Range(0, d.Count)], Shrink.None, minLength: 1)
            .Select(kept => d with { X = [.. kept.SelectMany(i => new[] { d.X[2 * i], d.X[(2 * i) + 1] })], Y = [.. kept.Select(i => d.Y[i])] }));

    [Fact]
    public void The_mean_lies_within_the_targets_and_is_where_predictions_revert_far_from_the_data()
    {
        PropertyCheck.ForAll(DataSets, d =>
        {
            GaussianProcess model = Condition(d.X, d.Y, d.Lengthscale);
            Assert.InRange(model.Mean, d.Y.Min(), d.Y.Max());

            // A point 1000 lengthscales away sees none of the data.
            (double mean, _) = model.Predict([1000 * d.Lengthscale, -1000 * d.Lengthscale], default, default);
            Assert.Equal(model.Mean, mean, 12);
        });
    }

    [Fact]
    public void A_cluster_of_correlated_points_counts_about_once()
    {
        // Twenty good points packed near one corner and four bad ones spread over the rest of the square: their
        // average (−0.17) sits near the cluster, the estimate near the middle of the two groups.
        var random = new Random(7);
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            x.AddRange([0.1 + (0.02 * random.NextDouble()), 0.1 + (0.02 * random.NextDouble())]);
            y.Add(-1);
        }

        foreach ((double a, double b) in new[] { (0.9, 0.9), (0.9, 0.2), (0.2, 0.9), (0.6, 0.5) })
        {
            x.AddRange([a, b]);
            y.Add(4);
        }

        GaussianProcess model = Condition([.. x], [.. y], lengthscale: 0.2);
        Assert.True(y.Average() < 0);
        Assert.InRange(model.Mean, 2, 4);
    }

    [Fact]
    public void A_point_appended_at_its_predicted_mean_leaves_the_estimate_where_it_was()
    {
        PropertyCheck.ForAll(DataSets, d =>
        {
            GaussianProcess model = Condition(d.X, d.Y, d.Lengthscale);
            double before = model.Mean;
            double[] pending = [0.37, 0.71];
            (double mean, _) = model.Predict(pending, default, default);
            if (mean < d.Y.Min() || mean > d.Y.Max() || before == d.Y.Min() || before == d.Y.Max())
            {
                return; // a clamped estimate can move with the targets' range
            }

            Assert.True(model.Append(pending, mean));
            Assert.Equal(before, model.Mean, 1e-8 * (1 + Math.Abs(before)));
        });
    }

    [Theory]
    [InlineData(0.5)]   // a smooth bowl seen through long lengthscales: the estimate runs past the largest target and is clamped
    [InlineData(-1.5)]  // short lengthscales: the estimate lies inside the targets
    public void The_profiled_likelihood_gradient_matches_finite_differences(double logLengthscale)
    {
        var random = new Random(3);
        int n = 20;
        double[] x = new double[2 * n], y = new double[n];
        for (int i = 0; i < n; i++)
        {
            (x[2 * i], x[(2 * i) + 1]) = (random.NextDouble(), random.NextDouble());
            y[i] = ((x[2 * i] - 0.5) * (x[2 * i] - 0.5)) + ((x[(2 * i) + 1] - 0.5) * (x[(2 * i) + 1] - 0.5));
        }

        double[] theta = [logLengthscale, logLengthscale, 0.0, Math.Log(1e-4)];
        bool clamped = Condition(x, y, Math.Exp(logLengthscale)).Mean == y.Max();
        Assert.Equal(logLengthscale > 0, clamped);

        var likelihood = new MarginalLikelihood(x, y, new MaternKernelFamily(new FeatureMap(Space)), 1e-6, fixedNoise: false);
        FiniteDifference.AssertLikelihoodGradient(likelihood, theta, 1e-5);
    }

    private static GaussianProcess Condition(double[] x, double[] y, double lengthscale) =>
        GaussianProcess.Condition(new MaternKernel(new FeatureMap(Space), [lengthscale, lengthscale], 1.0), 1e-4, x, y)!;
}
