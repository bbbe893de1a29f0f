using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;
using Tuning.Bayesian.Proposals;

namespace Tuning.Tests.Bayesian.Proposals;

public class SingleObjectiveProposalTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x1", -3, 3).Float("x2", -2, 2).Build();

    private static double SixHumpCamel(ParameterValues p)
    {
        double x = p.GetDouble("x1"), y = p.GetDouble("x2");
        return ((4 - (2.1 * x * x) + (x * x * x * x / 3)) * x * x) + (x * y) + ((-4 + (4 * y * y)) * y * y);
    }

    /// <summary>A study of twenty random points of the six-hump camel.</summary>
    private static Study RandomCamelHistory()
    {
        var study = new Study(Space, Metric.Minimize("y"), new RandomSuggester(seed: 2));
        for (int i = 0; i < 20; i++)
        {
            Trial trial = study.Ask();
            study.Tell(trial, SixHumpCamel(trial.Parameters));
        }

        return study;
    }

    [Fact]
    public void A_batch_spreads_out_even_where_the_model_predicts_improvement_with_certainty()
    {
        // The regression: once a point the model predicts better than the incumbent was pending, it kept its expected
        // improvement (the incumbent did not move), and a batch of 8 proposed the same point seven times.
        var study = new Study(Space, Metric.Minimize("y"), new GaussianProcessSuggester(seed: 0));
        for (int round = 0; round < 3; round++)
        {
            IReadOnlyList<Trial> batch = study.Ask(8);
            double[][] points = [.. batch.Select(t => Space.Encode(t.Parameters))];
            for (int i = 0; i < points.Length; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    double distance = Math.Sqrt(points[i].Zip(points[j], (a, b) => (a - b) * (a - b)).Sum());
                    Assert.True(distance > 1e-3, $"round {round}: points {j} and {i} of the batch are {distance:E2} apart");
                }
            }

            foreach (Trial trial in batch)
            {
                study.Tell(trial, SixHumpCamel(trial.Parameters));
            }
        }
    }

    [Fact]
    public void With_noisy_values_the_incumbent_is_the_best_posterior_mean_not_the_luckiest_observation()
    {
        // A bowl observed with noise: the best observation is partly luck, and the model, having learned the noise,
        // expects less of the point where it was seen (and of every other point) than that observation.
        var study = new Study(Space, Metric.Minimize("y"), new RandomSuggester(seed: 4));
        var noise = new Random(5);
        for (int i = 0; i < 60; i++)
        {
            Trial trial = study.Ask();
            double a = trial.GetDouble("x1"), b = trial.GetDouble("x2");
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - noise.NextDouble())) * Math.Cos(2 * Math.PI * noise.NextDouble());
            study.Tell(trial, (a * a) + (b * b) + gaussian);
        }

        var context = new SuggestionContext(Space, study.Metrics, study.Trials);
        var map = new FeatureMap(Space);
        var options = new GaussianProcessOptions { OutputWarping = OutputWarping.None };
        var memory = new FitMemory();
        SingleObjectiveProposal proposal = SingleObjectiveProposal.Prepare(context, map, options, memory, new AcquisitionOptimizer(map, 256, 2))!;
        double[] y = OutputTransform.Candidates(TrainingData.From(context, map).Objective, OutputWarping.None)[0].Values;
        Assert.True(memory.Fits.Values.Single().Model.NoiseVariance > 0.01, "the model learns the noise");
        Assert.True(proposal.Incumbent > y.Min() + 0.05, $"incumbent {proposal.Incumbent}, best observation {y.Min()}");
    }

    [Fact]
    public void The_second_point_of_a_batch_minimizes_the_posterior_mean_and_the_first_is_the_sequential_point()
    {
        Study study = RandomCamelHistory();
        var context = new SuggestionContext(Space, study.Metrics, study.Trials);
        var map = new FeatureMap(Space);
        var options = new GaussianProcessOptions { OutputWarping = OutputWarping.None };
        var memory = new FitMemory();
        var optimizer = new AcquisitionOptimizer(map, 1024, 5);
        SingleObjectiveProposal batch = SingleObjectiveProposal.Prepare(context, map, options, memory, optimizer)!;
        Candidate first = batch.Next(new Random(3), new BatchSlot(0, 2))!.Value;
        batch.AddPending(first);
        Candidate second = batch.Next(new Random(4), new BatchSlot(1, 2))!.Value;

        SingleObjectiveProposal sequential = SingleObjectiveProposal.Prepare(context, map, options, new FitMemory(), optimizer)!;
        Assert.Equal(first.Point, sequential.Next(new Random(3), new BatchSlot(0, 1))!.Value.Point);

        // The mean at the second point is at most the mean anywhere else: at the observed points and at random ones.
        GaussianProcess model = memory.Fits.Values.Single().Model;
        double Mean(double[] point)
        {
            double[] features = new double[map.Columns];
            map.Map(point, features);
            return model.Predict(features, default, default).Mean;
        }

        double atSecond = Mean(second.Point);
        var random = new Random(5);
        IEnumerable<double[]> elsewhere = study.Trials.Select(t => Space.Encode(t.Parameters))
            .Concat(Enumerable.Range(0, 2000).Select(_ => new[] { random.NextDouble(), random.NextDouble() }));
        foreach (double[] point in elsewhere)
        {
            Assert.True(atSecond <= Mean(point) + 1e-9, $"mean {atSecond} at the second point, {Mean(point)} at ({point[0]}, {point[1]})");
        }

        Assert.True(atSecond < Mean(first.Point), "the second point is not LogEI's first point again");
    }

    [Fact]
    public void The_later_half_of_a_batch_searches_a_trust_region_around_the_posterior_means_minimizer()
    {
        Study study = RandomCamelHistory();
        var context = new SuggestionContext(Space, study.Metrics, study.Trials);
        var map = new FeatureMap(Space);
        var memory = new FitMemory();
        SingleObjectiveProposal proposal = SingleObjectiveProposal.Prepare(
            context, map, new GaussianProcessOptions { OutputWarping = OutputWarping.None }, memory, new AcquisitionOptimizer(map, 1024, 5))!;
        var points = new List<double[]>();
        for (int i = 0; i < 8; i++)
        {
            Candidate candidate = proposal.Next(new Random(10 + i), new BatchSlot(i, 8))!.Value;
            points.Add(candidate.Point);
            proposal.AddPending(candidate);
        }

        var kernel = (Tuning.Bayesian.Kernels.MaternKernel)memory.Fits.Values.Single().Model.Kernel;
        SearchBox box = SearchBox.TrustRegion(Space, points[1], kernel.Lengthscales, halfWidth: 0.4);
        for (int i = 4; i < 8; i++)
        {
            for (int p = 0; p < Space.Count; p++)
            {
                Assert.InRange(points[i][p], box.Low[p], box.High[p]);
            }
        }

        // The box is a real restriction: it does not cover the whole space.
        Assert.Contains(Enumerable.Range(0, Space.Count), p => box.High[p] - box.Low[p] < 1);
    }

    [Fact]
    public void When_every_value_in_the_trust_region_was_tried_the_later_points_of_a_batch_still_come_from_the_model()
    {
        // Twenty integers, the middle sixteen tried: the box around the best region holds no untried value, and the
        // batch's later points must still be untried values, not repeats.
        SearchSpace space = new SearchSpaceBuilder().Int("k", 0, 19).Build();
        var study = new Study(space, Metric.Minimize("y"), new GaussianProcessSuggester(seed: 1));
        for (int k = 2; k <= 17; k++)
        {
            study.Enqueue(new Dictionary<string, object> { ["k"] = k });
            Trial trial = study.Ask();
            study.Tell(trial, (k - 9.5) * (k - 9.5));
        }

        IReadOnlyList<Trial> batch = study.Ask(4);
        int[] suggested = [.. batch.Select(t => t.GetInt("k"))];
        Assert.Equal(4, suggested.Distinct().Count());
        Assert.All(suggested, k => Assert.True(k is < 2 or > 17, $"{k} was tried already"));
    }
}
