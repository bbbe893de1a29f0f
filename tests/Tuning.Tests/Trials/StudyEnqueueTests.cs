using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Trials;

/// <summary>Enqueueing the parameters of a trial, of another study's trial, or of a dictionary of any value type.</summary>
public sealed class StudyEnqueueTests
{
    private static readonly SearchSpace Source = new SearchSpaceBuilder()
        .Float("lr", 1e-4, 1e-1, log: true)
        .Int("layers", 1, 8)
        .Categorical("optimizer", "adam", "sgd")
        .Float("momentum", 0.5, 0.99, when: ("optimizer", "sgd"))
        .Build();

    [Fact]
    public void A_trial_of_another_study_is_enqueued_by_parameter_names()
    {
        // The same names in another order and with wider domains: a different space that still holds every value.
        SearchSpace wider = new SearchSpaceBuilder()
            .Categorical("optimizer", "sgd", "adam", "rmsprop")
            .Float("momentum", 0.1, 0.999, when: ("optimizer", "sgd"))
            .Int("layers", 1, 16)
            .Float("lr", 1e-6, 1.0, log: true)
            .Build();
        var source = new Study(Source, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        var target = new Study(wider, Metric.Minimize("loss"), new RandomSuggester(seed: 2));
        Trial[] trials = [.. source.Ask(6)];

        foreach (Trial trial in trials)
        {
            target.Enqueue(trial.Parameters);
        }

        foreach (Trial trial in trials)
        {
            Trial copy = target.Ask();
            Assert.Equal(trial.Parameters.ToDictionary(), copy.Parameters.ToDictionary());
        }
    }

    [Fact]
    public void A_trial_of_the_same_study_is_enqueued_again_as_it_is()
    {
        var study = new Study(Source, Metric.Minimize("loss"), new RandomSuggester(seed: 3));
        Trial trial = study.Ask();
        study.Tell(trial, 0.5);

        study.Enqueue(trial.Parameters);

        Assert.Equal(trial.Parameters, Assert.Single(study.Enqueued));
        Assert.Equal(trial.Parameters, study.Ask().Parameters);
    }

    [Fact]
    public void Any_point_of_a_space_enqueued_into_a_study_of_an_identical_space_comes_back_as_it_was()
    {
        PropertyCheck.ForAll(
            Arb.Zip(SpaceSpec.Arbitrary(maxParameters: 6, maxSize: 12), Arb.From(Gen.Choose(0, 1000).ArrayOf(6), v => Shrink.Array(v, x => Shrink.Toward(x, 0), minLength: 6))),
            c =>
            {
                SearchSpace source = c.Item1.Build(), target = c.Item1.Build();
                ParameterValues values = source.Decode([.. c.Item2.Take(source.Count).Select(u => u / 1000.0)]);
                var study = new Study(target, Metric.Minimize("loss"), new RandomSuggester(seed: 10));

                study.Enqueue(values);

                Assert.Equal(values, Assert.Single(study.Enqueued));
                Assert.Equal(values, study.Ask().Parameters);
            },
            maxTest: 60);
    }

    [Fact]
    public void Parameters_that_do_not_fit_the_space_are_refused_naming_the_parameter()
    {
        var source = new Study(Source, Metric.Minimize("loss"), new RandomSuggester(seed: 4));
        ParameterValues sgd = source.Ask(20).Select(t => t.Parameters).First(p => p.GetString("optimizer") == "sgd");
        SearchSpace narrow = new SearchSpaceBuilder().Float("lr", 1e-4, 1e-1, log: true).Int("layers", 1, 8).Categorical("optimizer", "adam", "nadam")
            .Float("momentum", 0.5, 0.99, when: ("optimizer", "nadam")).Build();
        SearchSpace larger = new SearchSpaceBuilder().Float("lr", 1e-4, 1e-1, log: true).Int("layers", 1, 8).Categorical("optimizer", "adam", "sgd")
            .Float("momentum", 0.5, 0.99, when: ("optimizer", "sgd")).Float("dropout", 0, 0.5).Build();
        SearchSpace smaller = new SearchSpaceBuilder().Float("lr", 1e-4, 1e-1, log: true).Int("layers", 1, 8).Categorical("optimizer", "adam", "sgd").Build();
        SearchSpace retyped = new SearchSpaceBuilder().Int("lr", 0, 10).Int("layers", 1, 8).Categorical("optimizer", "adam", "sgd")
            .Float("momentum", 0.5, 0.99, when: ("optimizer", "sgd")).Build();

        AssertRefused(narrow, sgd, "'optimizer'", "sgd");
        AssertRefused(larger, sgd, "'dropout'");
        AssertRefused(smaller, sgd, "'momentum'");
        AssertRefused(retyped, sgd, "'lr'", "an int");
    }

    [Fact]
    public void A_trial_itself_is_enqueued_as_its_parameters()
    {
        var source = new Study(Source, Metric.Minimize("loss"), new RandomSuggester(seed: 11));
        var target = new Study(Source, Metric.Minimize("loss"), new RandomSuggester(seed: 12));
        Trial trial = source.Ask();

        target.Enqueue(trial);

        Assert.Equal(trial.Parameters, Assert.Single(target.Enqueued));
    }

    [Fact]
    public void Values_boxed_as_an_object_are_enqueued_as_values()
    {
        var study = new Study(Source, Metric.Minimize("loss"), new RandomSuggester(seed: 5));
        ParameterValues values = study.Ask().Parameters;
        object boxed = values;

        study.Enqueue(boxed);

        Assert.Equal(values, Assert.Single(study.Enqueued));
    }

    [Fact]
    public void A_dictionary_of_any_value_type_is_enqueued_by_names()
    {
        SearchSpace floats = new SearchSpaceBuilder().Float("lr", 1e-4, 1e-1, log: true).Float("dropout", 0, 0.5).Build();
        var study = new Study(floats, Metric.Minimize("loss"), new RandomSuggester(seed: 6));

        study.Enqueue(new Dictionary<string, double> { ["lr"] = 0.01, ["dropout"] = 0.25 });
        study.Enqueue(new SortedDictionary<string, double> { ["lr"] = 0.001, ["dropout"] = 0 });
        study.Enqueue((IDictionary<string, object>)new Dictionary<string, object> { ["lr"] = 0.1, ["dropout"] = 0.5 });

        Assert.Equal([0.01, 0.001, 0.1], study.Enqueued.Select(p => p.GetDouble("lr")));
        Assert.Equal([0.25, 0, 0.5], study.Enqueued.Select(p => p.GetDouble("dropout")));
        var outside = Assert.Throws<ArgumentException>(() => study.Enqueue(new Dictionary<string, double> { ["lr"] = 0.01, ["dropout"] = 0.9 }));
        Assert.Contains("'dropout'", outside.Message, StringComparison.Ordinal);
        Assert.Equal("parameters", outside.ParamName);
    }

    [Fact]
    public void An_anonymous_object_is_enqueued_by_its_property_names()
    {
        var study = new Study(Source, Metric.Minimize("loss"), new RandomSuggester(seed: 9));

        study.Enqueue(new { lr = 0.01, layers = 3, optimizer = "sgd", momentum = 0.9 });

        Assert.Equal("lr=0.01, layers=3, optimizer=sgd, momentum=0.9", Assert.Single(study.Enqueued).ToString());
        var e = Assert.Throws<ArgumentException>(() => study.Enqueue(new { lr = 0.01, layers = 3, optimizer = "adam", momentum = 0.9 }));
        Assert.Contains("'momentum'", e.Message, StringComparison.Ordinal);
        Assert.Contains("inactive", e.Message, StringComparison.Ordinal);
        Assert.Equal("parameters", e.ParamName);
    }

    [Fact]
    public void Null_for_an_inactive_parameter_is_no_value_as_a_parameter_class_leaves_it_whatever_the_form()
    {
        var study = new Study(Source, Metric.Minimize("loss"), new RandomSuggester(seed: 13));
        Dictionary<string, object> fromFile = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object>>(
            "{\"lr\": 0.01, \"layers\": 3, \"optimizer\": \"adam\", \"momentum\": null}")!;

        study.Enqueue(new { lr = 0.01, layers = 3, optimizer = "adam", momentum = (double?)null });
        study.Enqueue(new Dictionary<string, object?> { ["lr"] = 0.01, ["layers"] = 3, ["optimizer"] = "adam", ["momentum"] = null }!);
        study.Enqueue(fromFile);

        Assert.All(study.Enqueued, p => Assert.Equal("lr=0.01, layers=3, optimizer=adam", p.ToString()));
        Assert.Equal(3, study.Enqueued.Count);

        // A dictionary of nullable numbers, with an int parent given as a double.
        SearchSpace numbers = new SearchSpaceBuilder().Int("layers", 1, 3).Float("width3", 0, 1, when: ("layers", 3)).Build();
        var numeric = new Study(numbers, Metric.Minimize("loss"), new RandomSuggester(seed: 15));
        numeric.Enqueue(new Dictionary<string, double?> { ["layers"] = 2, ["width3"] = null });
        Assert.Equal("layers=2", Assert.Single(numeric.Enqueued).ToString());
    }

    [Fact]
    public void Null_for_an_active_parameter_is_refused_as_a_missing_value_naming_it()
    {
        var study = new Study(Source, Metric.Minimize("loss"), new RandomSuggester(seed: 14));

        var anonymous = Assert.Throws<ArgumentException>(() => study.Enqueue(new { lr = 0.01, layers = 3, optimizer = "sgd", momentum = (double?)null }));
        var dictionary = Assert.Throws<ArgumentException>(() => study.Enqueue(new Dictionary<string, object?> { ["lr"] = null, ["layers"] = 3, ["optimizer"] = "adam" }!));

        Assert.Contains("Parameter 'momentum' is active but has no value: it is null.", anonymous.Message, StringComparison.Ordinal);
        Assert.Contains("Parameter 'lr' is active but has no value: it is null.", dictionary.Message, StringComparison.Ordinal);
        Assert.Equal("parameters", anonymous.ParamName);
        Assert.Equal("parameters", dictionary.ParamName);
        Assert.Empty(study.Enqueued);
    }

    [Fact]
    public void A_collection_that_is_not_keyed_by_names_is_refused_as_not_a_parameter_class()
    {
        var study = new Study(Source, Metric.Minimize("loss"), new RandomSuggester(seed: 7));

        var e = Assert.Throws<ArgumentException>(() => study.Enqueue(new Dictionary<int, double> { [0] = 0.01 }));

        Assert.Contains("'Dictionary<int, double>' is a collection", e.Message, StringComparison.Ordinal);
        Assert.Contains("Dictionary<string, object>", e.Message, StringComparison.Ordinal);
        Assert.Empty(study.Enqueued);
        Assert.DoesNotContain("collection", Assert.Throws<ArgumentException>(() => study.Enqueue("lr=0.01")).Message, StringComparison.Ordinal);
    }

    private static void AssertRefused(SearchSpace space, ParameterValues values, params string[] fragments)
    {
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 8));
        var e = Assert.Throws<ArgumentException>(() => study.Enqueue(values));
        Assert.Equal("parameters", e.ParamName);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }

        Assert.Empty(study.Enqueued);
    }
}
