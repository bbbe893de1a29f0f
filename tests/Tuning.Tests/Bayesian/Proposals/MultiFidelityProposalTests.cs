using Tuning.Bayesian.Models;
using Tuning.Bayesian.Proposals;

namespace Tuning.Tests.Bayesian.Proposals;

public class MultiFidelityProposalTests
{
    private static double Bowl(double a, double b) => Math.Pow(a - 0.2, 2) + Math.Pow(b - 0.7, 2);

    [Fact]
    public void The_incumbent_is_the_best_target_mean_among_configurations_evaluated_at_the_target()
    {
        // A proxy that equals the target has explored the bowl's bottom; the target runs all lie far from it. The joint
        // model predicts a target value near 0 at the proxy's best configurations, but none of them is a result yet.
        SearchSpace space = new SearchSpaceBuilder().Float("a", 0, 1).Float("b", 0, 1)
            .Tasks("data", new FidelityTask("proxy", 0.1), new FidelityTask("full", 1)).Build();
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        double[][] targetRuns = [[0.9, 0.1], [0.8, 0.3], [0.95, 0.9], [0.6, 0.05], [0.7, 0.95]];
        double[][] proxyRuns = [[0.9, 0.1], [0.8, 0.3], [0.2, 0.7], [0.25, 0.65], [0.15, 0.75], [0.3, 0.8], [0.1, 0.6], [0.5, 0.5]];
        foreach ((double[] point, string task) in targetRuns.Select(p => (p, "full")).Concat(proxyRuns.Select(p => (p, "proxy"))))
        {
            study.Enqueue(space.Decode(point).WithTask(task).ToDictionary());
            Trial trial = study.Ask();
            study.Tell(trial, Bowl(trial.GetDouble("a"), trial.GetDouble("b")));
        }

        var map = new FeatureMap(space);
        var axis = new FidelityAxis(space);
        var memory = new FitMemory();
        MultiFidelityProposal proposal = MultiFidelityProposal.Prepare(
            new SuggestionContext(space, study.Metrics, study.Trials), map, axis, new MultiFidelityOptions(), memory)!;
        GaussianProcess model = memory.Fits.Single(f => f.Key.Kind == ModelKind.FidelityObjective).Value.Model;
        double TargetMean(double[] point)
        {
            double[] features = new double[map.Columns];
            map.Map(space.Encode(space.Decode(point)), features);
            return model.Predict(FidelityRows.Row(features, axis.TargetCoordinate), default, default).Mean;
        }

        double atTarget = targetRuns.Min(TargetMean), anywhere = proxyRuns.Min(TargetMean);
        Assert.Equal(atTarget, proposal.Incumbent, 9);
        Assert.True(anywhere < atTarget - 0.5, $"the proxy's best configuration is predicted at {anywhere}, the target runs' best at {atTarget}");
    }
    [Fact]
    public void The_ranking_of_a_model_conditioned_on_a_subset_predicts_the_rows_it_left_out_by_its_mean()
    {
        // 40 rows and a model of at most 12: the ranking covers every row, held ones leave-one-out, the others by the mean.
        var family = new Tuning.Bayesian.Kernels.MaternKernelFamily(ModelSpecs.Map(1));
        ModelSettings settings = new GaussianProcessOptions { MaxModelPoints = 12 }.Settings;
        double[] x = [.. Enumerable.Range(0, 40).Select(i => ((i * 0.37) + 0.05) % 1)];
        double[] y = [.. x.Select(v => Math.Sin(6 * v))];
        FitResult fit = GaussianProcessFitter.Update(new FitMemory(), new ModelRole(ModelKind.Objective, "loss"), family, x, y, null, settings);
        GaussianProcess model = fit.Model!;
        Assert.InRange(model.Count, 2, 12);

        int[] rows = [.. Enumerable.Range(0, 40)];
        double[] predicted = new double[40], means = new double[model.Count], variances = new double[model.Count];
        model.LeaveOneOut(means, variances);
        for (int i = 0; i < 40; i++)
        {
            predicted[i] = model.Predict([x[i]], default, default).Mean;
        }

        for (int k = 0; k < model.Count; k++)
        {
            predicted[Array.IndexOf(x, model.Row(k)[0])] = means[k]; // the rows' x are distinct
        }

        Assert.Equal(RankAgreement.Kendall(predicted, y), MultiFidelityProposal.LeaveOneOutRanking(fit, x, y, rows), 12);
    }
}
