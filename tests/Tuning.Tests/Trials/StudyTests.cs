using Tuning.TestSupport;

namespace Tuning.Tests.Trials;

public class StudyTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder()
        .Float("x", -5, 5)
        .Int("n", 1, 4)
        .Categorical("kind", "a", "b")
        .Build();

    private static double Objective(Trial t) => Math.Pow(t.GetDouble("x") - 1, 2) + t.GetInt("n") + (t.GetString("kind") == "a" ? 0 : 1);

    [Fact]
    public void An_ask_tell_loop_finds_a_best_trial()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 1));
        for (int i = 0; i < 40; i++)
        {
            Trial trial = study.Ask();
            Assert.Equal(TrialState.Running, trial.State);
            study.Tell(trial, Objective(trial));
            Assert.Equal(TrialState.Completed, trial.State);
            Assert.NotNull(trial.FinishedAt);
        }

        Assert.Equal(40, study.Trials.Count);
        Assert.Equal(Enumerable.Range(0, 40), study.Trials.Select(t => t.Id));
        Trial best = study.BestTrial;
        Assert.Equal(study.Trials.Min(t => t.Value), best.Value);
        Assert.True(best.Value < 3.5);
    }

    [Fact]
    public void Maximize_picks_the_highest_value()
    {
        var study = new Study(Space, Metric.Maximize("acc"), new RandomSuggester(seed: 2));
        double[] values = [0.3, 0.9, 0.5];
        foreach (double v in values)
        {
            study.Tell(study.Ask(), v);
        }

        Assert.Equal(0.9, study.BestTrial.Value);
    }

    [Fact]
    public void BestTrial_skips_infeasible_failed_and_pruned_trials()
    {
        var study = new Study(Space, [Metric.Minimize("loss"), Metric.Constraint("latency", max: 10), Metric.Store("size")], new RandomSuggester(seed: 3));
        Trial infeasible = study.Ask();
        study.Tell(infeasible, new Measurements { ["loss"] = 0.1, ["latency"] = 50, ["size"] = 1 });
        Trial feasible = study.Ask();
        study.Tell(feasible, new Measurements { ["loss"] = 0.5, ["latency"] = 5, ["size"] = 2 });
        study.Fail(study.Ask(), "diverged");
        Trial pruned = study.Ask();
        pruned.Report(1, 0.01);
        study.Prune(pruned);

        Assert.Same(feasible, study.BestTrial);
        Assert.Equal(0.01, pruned.Value);
        Assert.Equal(TrialState.Pruned, pruned.State);
    }

    [Fact]
    public void BestTrial_explains_when_there_is_none()
    {
        var study = new Study(Space, [Metric.Minimize("loss"), Metric.Constraint("latency", max: 10)], new RandomSuggester(seed: 4));
        Assert.Contains("No trial has completed yet", Assert.Throws<InvalidOperationException>(() => study.BestTrial).Message);
        study.Tell(study.Ask(), new Measurements { ["loss"] = 1, ["latency"] = 11 });
        Assert.Contains("No completed trial meets every constraint", Assert.Throws<InvalidOperationException>(() => study.BestTrial).Message);
    }

    [Fact]
    public void Two_objectives_give_a_Pareto_front_and_no_single_best()
    {
        var study = new Study(Space, [Metric.Maximize("acc"), Metric.Minimize("ms")], new RandomSuggester(seed: 5));
        (double Acc, double Ms)[] results = [(0.9, 10), (0.8, 5), (0.85, 12), (0.95, 20), (0.7, 5)];
        foreach ((double acc, double ms) in results)
        {
            study.Tell(study.Ask(), new Measurements { ["acc"] = acc, ["ms"] = ms });
        }

        Assert.Equal([0, 1, 3], study.ParetoFront.Select(t => t.Id));
        Assert.Contains("ParetoFront", Assert.Throws<InvalidOperationException>(() => study.BestTrial).Message);
    }

    [Fact]
    public void Enqueued_parameters_are_served_first_in_order()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 6));
        study.Enqueue(new Dictionary<string, object> { ["x"] = 1.0, ["n"] = 1, ["kind"] = "a" });
        study.Enqueue(new Dictionary<string, object> { ["x"] = -2.5, ["n"] = 4, ["kind"] = "b" });
        Assert.Equal(2, study.Enqueued.Count);

        IReadOnlyList<Trial> batch = study.Ask(3);
        Assert.Equal(1.0, batch[0].GetDouble("x"));
        Assert.Equal(-2.5, batch[1].GetDouble("x"));
        Assert.Equal("b", batch[1].GetString("kind"));
        Assert.Empty(study.Enqueued);
        Assert.Equal(3, study.Trials.Count(t => t.State == TrialState.Running));
    }

    [Fact]
    public void Parameters_enqueued_twice_are_run_twice()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 6));
        var parameters = new Dictionary<string, object> { ["x"] = 1.0, ["n"] = 1, ["kind"] = "a" };
        study.Enqueue(parameters);
        study.Enqueue(parameters);

        IReadOnlyList<Trial> batch = study.Ask(2);

        Assert.All(batch, t => Assert.Equal(1.0, t.GetDouble("x")));
        Assert.Empty(study.Enqueued);
    }

    [Fact]
    public void Reports_and_attributes_are_kept()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 7));
        Trial trial = study.Ask();
        trial.Report(1, 0.9);
        trial.Report(5, 0.4);
        trial.SetAttribute("model", "/tmp/m.zip");
        Assert.False(study.ShouldPrune(trial));
        study.Tell(trial, 0.3);

        Assert.Equal([new TrialReport(1, 0.9), new TrialReport(5, 0.4)], trial.Reports);
        Assert.Equal("/tmp/m.zip", trial.Attributes["model"]);
    }

    [Fact]
    public void A_configured_pruner_is_consulted()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 8), new StudyOptions { Pruner = new PruneAbove(1.0) });
        Trial trial = study.Ask();
        trial.Report(1, 0.5);
        Assert.False(study.ShouldPrune(trial));
        trial.Report(2, 1.5);
        Assert.True(study.ShouldPrune(trial));
        study.Prune(trial);
        Assert.False(study.ShouldPrune(trial));
    }

    private sealed class PruneAbove(double limit) : IPruner
    {
        public bool ShouldPrune(Trial trial, IReadOnlyList<Trial> trials) => trial.Reports[^1].Value > limit;
    }
    [Fact]
    public void A_trial_writes_its_value_as_its_parameters_whatever_the_culture()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("lr", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        study.Enqueue(new Dictionary<string, object> { ["lr"] = 0.25 });
        Trial trial = study.Ask();
        study.Tell(trial, 1234.5);

        using (CultureScope.DecimalComma())
        {
            Assert.Equal("#0 Completed value=1234.5 (lr=0.25)", trial.ToString());
        }
    }

    [Fact]
    public void A_trial_of_two_objectives_writes_both_by_name()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("lr", 0, 1).Build();
        var study = new Study(space, [Metric.Maximize("acc"), Metric.Constraint("mem", max: 5), Metric.Minimize("ms")], new RandomSuggester(seed: 1));
        study.Enqueue(new Dictionary<string, object> { ["lr"] = 0.25 });
        study.Enqueue(new Dictionary<string, object> { ["lr"] = 0.5 });
        study.Enqueue(new Dictionary<string, object> { ["lr"] = 0.75 });
        Trial completed = study.Ask(), pruned = study.Ask(), running = study.Ask();
        study.Tell(completed, new Measurements { ["acc"] = 0.93, ["mem"] = 4, ["ms"] = 1234.5 });
        pruned.Report(1, 0.5);
        study.Prune(pruned);

        using (CultureScope.DecimalComma())
        {
            // A front printed trial by trial shows where each trial lies in both objectives, not in the first alone.
            Assert.Equal("#0 Completed acc=0.93, ms=1234.5 (lr=0.25)", completed.ToString());
            Assert.Equal("#1 Pruned acc=0.5 (lr=0.5)", pruned.ToString());
            Assert.Equal("#2 Running (lr=0.75)", running.ToString());
        }
    }
}
