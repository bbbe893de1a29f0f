using Tuning.Bayesian.Models;

namespace Tuning.Tests.Bayesian.Models;

public class CostAccountingTests
{
    private static readonly SearchSpace Epochs = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 100).Build();

    private static Study WithTrials(out Trial completed, out Trial failed, out Trial pruned, out Trial running)
    {
        var study = new Study(Epochs, Metric.Minimize("loss"));
        foreach ((double x, int epochs) in new[] { (0.1, 10), (0.2, 30), (0.3, 100), (0.4, 50) })
        {
            study.Enqueue(new Dictionary<string, object> { ["x"] = x, ["epochs"] = epochs });
        }

        completed = study.Ask();
        study.Tell(completed, 0.5);
        failed = study.Ask();
        study.Fail(failed, "nan");
        pruned = study.Ask();
        pruned.Report(9, 0.9);
        pruned.Report(27, 0.8);
        study.Prune(pruned);
        running = study.Ask();
        return study;
    }

    [Fact]
    public void Every_trial_costs_its_fidelity_and_a_pruned_one_what_it_reached_when_steps_are_fidelities()
    {
        Study study = WithTrials(out _, out _, out Trial pruned, out _);
        Assert.Equal(0.1 + 0.3 + 1.0 + 0.5, CostLedger.Spent(study.Trials, reportsAreFidelities: false), 12);
        Assert.Equal(0.1 + 0.3 + 0.27 + 0.5, CostLedger.Spent(study.Trials, reportsAreFidelities: true), 12);
        Assert.Equal(0.27, CostLedger.Cost(pruned, reportsAreFidelities: true), 12);
    }

    [Fact]
    public void A_pruned_trial_that_reported_steps_beyond_its_fidelity_costs_and_counts_no_more_than_its_fidelity()
    {
        var study = new Study(Epochs, Metric.Minimize("loss"));
        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["epochs"] = 10 });
        Trial trial = study.Ask();
        trial.Report(5, 0.9);
        trial.Report(1000, 0.8);
        study.Prune(trial);

        Assert.Equal(0.1, CostLedger.Cost(trial, reportsAreFidelities: true), 12);
        Assert.Equal(FidelityLevel.Range(10), FidelityObservations.LastStep(Epochs.Fidelity!, trial));
    }

    [Fact]
    public void An_affine_cost_charges_the_fixed_part_to_every_trial()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).FloatFidelity("s", 0, 1, fixedCost: 5).Build();
        var study = new Study(space, Metric.Minimize("y"));
        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["s"] = 0.0 });
        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["s"] = 0.5 });
        study.Tell(study.Ask(), 1);
        study.Tell(study.Ask(), 1);
        study.Tell(study.Ask(), 1); // the target, from the default suggester
        Assert.Equal((5.0 / 6) + (5.5 / 6) + 1, CostLedger.Spent(study.Trials, reportsAreFidelities: false), 12);
    }

    [Fact]
    public void Reports_below_the_reached_fidelity_become_observations_at_the_levels()
    {
        var study = new Study(Epochs, Metric.Minimize("loss"));
        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["epochs"] = 33 });
        Trial t = study.Ask();
        for (int epoch = 1; epoch < 33; epoch++)
        {
            t.Report(epoch, 1.0 / epoch);
        }

        study.Tell(t, 1.0 / 33);
        var axis = new FidelityAxis(Epochs);
        Assert.Equal([1, 4, 11, 33, 100], axis.Levels.Select(l => l.Value));
        var context = new SuggestionContext(Epochs, study.Metrics, study.Trials);
        var map = new FeatureMap(Epochs);
        FidelityObservations plain = FidelityObservations.From(context, map, axis, reportsAreFidelities: false);
        Assert.Equal([33.0], plain.Levels.Select(l => l.Value));
        FidelityObservations withReports = FidelityObservations.From(context, map, axis, reportsAreFidelities: true);
        Assert.Equal([33.0, 1, 4, 11], withReports.Levels.Select(l => l.Value));
        Assert.Equal([1.0 / 33, 1, 0.25, 1.0 / 11], withReports.Values);
    }

    [Theory]
    [InlineData(0.0, 1.0, 5.0, new[] { 0.0, 1.0 })]
    [InlineData(0.1, 1.0, 0.0, new[] { 0.1, 1.0 / 3, 1.0 })]
    [InlineData(0.01, 1.0, 0.0, new[] { 0.01, 1.0 / 27, 1.0 / 9, 1.0 / 3, 1.0 })]
    public void Range_levels_are_a_factor_three_apart_in_cost(double low, double high, double fixedCost, double[] expected)
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).FloatFidelity("s", low, high, fixedCost).Build();
        double[] levels = [.. new FidelityAxis(space).Levels.Select(l => l.Value)];
        Assert.Equal(expected.Length, levels.Length);
        for (int i = 0; i < levels.Length; i++)
        {
            Assert.Equal(expected[i], levels[i], 12);
        }
    }
}
