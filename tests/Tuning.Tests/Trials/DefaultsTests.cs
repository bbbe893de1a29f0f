namespace Tuning.Tests.Trials;

/// <summary>The defaults a user expects: the GP suggester, exceptions that propagate, a synchronous Optimize, single-metric overloads, lenient getters.</summary>
public class DefaultsTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Int("n", 1, 5).Build();

    [Fact]
    public void A_study_without_a_suggester_uses_the_Gaussian_process()
    {
        Assert.IsType<GaussianProcessSuggester>(new Study(Space, Metric.Minimize("y")).Suggester);
        Assert.IsType<GaussianProcessSuggester>(Study.Create(new InMemoryStudyStorage(), "s", Space, Metric.Minimize("y")).Suggester);
    }

    [Fact]
    public async Task An_objective_exception_propagates_after_its_trial_is_recorded_failed_with_the_message()
    {
        var study = new Study(Space, Metric.Minimize("y"), new RandomSuggester(seed: 1));

        var e = await Assert.ThrowsAsync<ArgumentException>(() => study.OptimizeAsync(
            (trial, _) => Task.FromResult(trial.GetDouble("typo")), trials: 20));

        Assert.Contains("typo", e.Message);
        Trial failed = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Failed, failed.State);
        Assert.Contains("ArgumentException: The search space has no parameter 'typo'", failed.FailReason);
    }

    [Fact]
    public void The_catch_list_records_its_exceptions_and_their_subtypes_and_goes_on()
    {
        var study = new Study(Space, Metric.Minimize("y"), new RandomSuggester(seed: 2));

        study.Optimize(
            trial => trial.Id % 2 == 0 ? throw new FileNotFoundException("no data") : trial.GetDouble("x"),
            trials: 6,
            @catch: [typeof(IOException), typeof(TimeoutException)]);

        Assert.Equal(3, study.Trials.Count(t => t.State == TrialState.Failed));
        Assert.Equal(3, study.Trials.Count(t => t.State == TrialState.Completed));
        Assert.Throws<InvalidOperationException>(() => study.Optimize((Func<Trial, double>)(_ => throw new InvalidOperationException("not caught")), trials: 5, @catch: [typeof(IOException)]));
        Assert.Equal(7, study.Trials.Count);
        Assert.Throws<ArgumentException>(() => study.Optimize(_ => 1, trials: 1, @catch: [typeof(string)]));
    }

    [Fact]
    public void Optimize_runs_a_synchronous_objective_on_the_calling_thread_one_trial_at_a_time()
    {
        var study = new Study(Space, [Metric.Minimize("y"), Metric.Store("size")], new RandomSuggester(seed: 3));
        int thread = Environment.CurrentManagedThreadId;
        var seen = new List<int>();
        var updates = new List<StudyProgress>();

        study.Optimize(
            trial =>
            {
                seen.Add(Environment.CurrentManagedThreadId);
                Assert.Single(study.Trials, t => t.State == TrialState.Running);
                return new Measurements { ["y"] = trial.GetDouble("x"), ["size"] = trial.GetInt("n") };
            },
            trials: 5,
            progress: new Immediate<StudyProgress>(updates.Add));

        Assert.All(seen, id => Assert.Equal(thread, id));
        Assert.Equal(5, study.Trials.Count(t => t.State == TrialState.Completed));
        Assert.Equal([1, 2, 3, 4, 5], updates.Select(u => u.Finished));
        Assert.Equal(study.BestTrial.Value, updates[^1].BestValue);
    }

    [Fact]
    public void Create_and_CreateOrOpen_take_a_single_metric()
    {
        var storage = new InMemoryStudyStorage();
        Study created = Study.Create(storage, "one", Space, Metric.Maximize("auc"), new RandomSuggester(seed: 4));
        Study opened = Study.CreateOrOpen(storage, "one", Space, Metric.Maximize("auc"), new RandomSuggester(seed: 4));
        Study fresh = Study.CreateOrOpen(storage, "two", Space, Metric.Minimize("loss"), new RandomSuggester(seed: 4));

        Assert.Equal(created.Name, opened.Name);
        Assert.Equal(["auc"], opened.Metrics.Select(m => m.Name));
        Assert.Equal(MetricKind.Minimize, fresh.Objectives[0].Kind);
        Assert.Throws<InvalidOperationException>(() => Study.CreateOrOpen(storage, "one", Space, Metric.Minimize("auc")));
    }

    [Fact]
    public void GetDouble_reads_ints_and_GetFloat_reads_floats_and_ints()
    {
        var study = new Study(Space, Metric.Minimize("y"), new RandomSuggester(seed: 5));
        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.1, ["n"] = 3 });
        Trial trial = study.Ask();

        Assert.Equal(3.0, trial.GetDouble("n"));
        Assert.Equal(3f, trial.GetFloat("n"));
        Assert.Equal(0.1f, trial.GetFloat("x"));
        SearchSpace categorical = new SearchSpaceBuilder().Categorical("c", "a", "b").Build();
        var other = new Study(categorical, Metric.Minimize("y"), new RandomSuggester(seed: 5));
        Assert.Contains("GetString", Assert.Throws<ArgumentException>(() => other.Ask().GetFloat("c")).Message);
    }

    [Fact]
    public void BestTrial_says_that_no_trial_has_completed_when_none_has_and_names_the_constraints_only_when_they_are_the_reason()
    {
        var study = new Study(Space, Metric.Minimize("y"), new RandomSuggester(seed: 6));
        Assert.Equal("No trial has completed yet, so there is no best trial.", Assert.Throws<InvalidOperationException>(() => study.BestTrial).Message);
        study.Fail(study.Ask(), "typo");
        study.Ask();
        Assert.Equal("No trial has completed yet (1 running, 1 failed), so there is no best trial.", Assert.Throws<InvalidOperationException>(() => study.BestTrial).Message);

        var constrained = new Study(Space, [Metric.Minimize("y"), Metric.Constraint("ms", max: 1)], new RandomSuggester(seed: 6));
        constrained.Tell(constrained.Ask(), new Measurements { ["y"] = 1, ["ms"] = 5 });
        Assert.Contains("No completed trial meets every constraint yet (1 completed trial breaks one)", Assert.Throws<InvalidOperationException>(() => constrained.BestTrial).Message);
    }

    private sealed class Immediate<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
