namespace Tuning.Tests.Trials;

/// <summary>Every bad call gets a clear exception and leaves the study exactly as it was.</summary>
public class StudyBadInputTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder()
        .Float("x", 0, 1)
        .Categorical("opt", "adam", "sgd")
        .Float("m", 0, 1, when: ("opt", "sgd"))
        .Build();

    private readonly Study _study;
    private readonly Trial _done;
    private readonly Trial _running;

    public StudyBadInputTests()
    {
        _study = new Study(Space, [Metric.Minimize("loss"), Metric.Store("size")], new RandomSuggester(seed: 11));
        _done = _study.Ask();
        _study.Tell(_done, new Measurements { ["loss"] = 0.5, ["size"] = 3 });
        _running = _study.Ask();
        _running.Report(1, 0.7);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_value_that_is_not_finite_is_refused(double value) =>
        AssertIntact(() => _study.Tell(_running, new Measurements { ["loss"] = value, ["size"] = 1 }), "finite", "loss", "Fail");

    [Fact]
    public void A_refused_value_names_the_argument_that_gave_it()
    {
        var single = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 13));
        Trial trial = single.Ask();

        Assert.Equal("value", Assert.Throws<ArgumentException>(() => single.Tell(trial, double.NaN)).ParamName);
        Assert.Equal("measurements", Assert.Throws<ArgumentException>(() => single.Tell(trial, new Measurements { ["loss"] = double.NaN })).ParamName);
        Assert.Equal("measurements", Assert.Throws<ArgumentException>(() => single.Tell(trial, new Measurements { ["los"] = 1 })).ParamName);
        Assert.Equal("measurements", Assert.Throws<ArgumentException>(() => _study.Tell(_running, new Measurements { ["loss"] = 1 })).ParamName);
        Assert.Equal(TrialState.Running, trial.State);
    }

    [Fact]
    public void A_missing_metric_is_refused() =>
        AssertIntact(() => _study.Tell(_running, new Measurements { ["loss"] = 0.1 }), "'size'");

    [Fact]
    public void An_unknown_metric_is_refused() =>
        AssertIntact(() => _study.Tell(_running, new Measurements { ["loss"] = 0.1, ["size"] = 1, ["accuracy"] = 1 }), "'accuracy'");

    [Fact]
    public void A_single_value_for_a_study_with_several_metrics_is_refused() =>
        AssertIntact(() => _study.Tell(_running, 0.1), "Measurements");

    [Fact]
    public void Telling_a_finished_trial_again_is_refused()
    {
        AssertIntact(() => _study.Tell(_done, new Measurements { ["loss"] = 0.1, ["size"] = 1 }), $"Trial {_done.Id}", "already completed");
        Assert.Equal(0.5, _done.Value);
    }

    [Fact]
    public void Failing_or_pruning_a_finished_trial_is_refused()
    {
        AssertIntact(() => _study.Fail(_done, "late"), "already completed");
        AssertIntact(() => _study.Prune(_done), "already completed");
    }

    [Fact]
    public void Reporting_after_the_trial_finished_is_refused() =>
        AssertIntact(() => _done.Report(3, 0.1), "already completed");

    [Fact]
    public void A_report_step_going_backwards_is_refused() =>
        AssertIntact(() => _running.Report(1, 0.1), "steps must increase");

    [Fact]
    public void A_report_that_is_not_finite_is_refused() =>
        AssertIntact(() => _running.Report(2, double.NaN), "finite");

    [Fact]
    public void A_trial_of_another_study_is_refused()
    {
        var other = new Study(Space, [Metric.Minimize("loss"), Metric.Store("size")], new RandomSuggester(seed: 12));
        Trial stranger = other.Ask();
        AssertIntact(() => _study.Tell(stranger, new Measurements { ["loss"] = 0.1, ["size"] = 1 }), "belongs to");
        AssertIntact(() => _study.Fail(stranger, "x"), "belongs to");
        Assert.Equal(TrialState.Running, stranger.State);
    }

    [Fact]
    public void A_trial_of_another_object_of_a_study_of_the_same_name_is_refused_saying_which()
    {
        var storage = new InMemoryStudyStorage();
        Study asker = Study.Create(storage, "resnet", Space, Metric.Minimize("loss"), new RandomSuggester(seed: 14));
        Study reopened = Study.Open(storage, "resnet", new RandomSuggester(seed: 15));
        Study copy = Study.FromJson(asker.ToJson());
        Trial trial = asker.Ask();

        var viaReopened = Assert.Throws<ArgumentException>(() => reopened.Tell(trial, 0.1));
        var viaCopy = Assert.Throws<ArgumentException>(() => copy.Fail(trial, "x"));

        Assert.Contains("another Study object of the study 'resnet'", viaReopened.Message, StringComparison.Ordinal);
        Assert.Contains("the object that asked for it", viaReopened.Message, StringComparison.Ordinal);
        Assert.Contains("a study named 'resnet' in another storage", viaCopy.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Running, trial.State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Asking_for_no_trials_is_refused(int count) =>
        AssertIntact(() => _study.Ask(count), "count");

    [Fact]
    public void Enqueueing_values_outside_the_space_is_refused()
    {
        AssertIntact(() => _study.Enqueue(new Dictionary<string, object> { ["x"] = 1.5, ["opt"] = "adam" }), "'x'");
        AssertIntact(() => _study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["opt"] = "nadam" }), "nadam");
        AssertIntact(() => _study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["opt"] = "adam", ["m"] = 0.1 }), "'m'", "inactive");
        AssertIntact(() => _study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["opt"] = "sgd" }), "'m'");
        AssertIntact(() => _study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["opt"] = "adam", ["y"] = 1 }), "'y'");
        Assert.Empty(_study.Enqueued);
    }

    [Fact]
    public void Getters_with_bad_names_or_types_are_refused()
    {
        AssertIntact(() => _done.GetDouble("y"), "'y'");
        AssertIntact(() => _done.GetInt("x"), "'x'", "GetDouble");
        if (_done.GetString("opt") == "adam")
        {
            AssertIntact(() => _done.GetDouble("m"), "'m'", "inactive");
        }
    }

    private void AssertIntact(Action bad, params string[] fragments)
    {
        string before = _study.ToJson();
        Exception e = Record.Exception(bad);
        Assert.NotNull(e);
        Assert.True(e is ArgumentException or InvalidOperationException, $"unexpected {e.GetType().Name}: {e.Message}");
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, _study.ToJson());
        Assert.Equal(TrialState.Running, _running.State);
        Assert.Equal(TrialState.Completed, _done.State);
    }

    [Fact]
    public void A_document_with_a_lone_surrogate_is_refused_naming_json()
    {
        string json = _study.ToJson().Replace("\"loss\"", "\"lo\uD800ss\"", StringComparison.Ordinal);

        var e = Assert.Throws<ArgumentException>(() => Study.FromJson(json));

        Assert.Equal("json", e.ParamName);
        Assert.Contains("lone UTF-16 surrogate", e.Message, StringComparison.Ordinal);
    }
}
