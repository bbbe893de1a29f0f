namespace Tuning.Tests.Suggesters;

public class SuggestionContextTests
{
    private static Study Told(int count)
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build(), Metric.Minimize("loss"), new RandomSuggester(1));
        for (int i = 0; i < count; i++)
        {
            Trial trial = study.Ask();
            study.Tell(trial, trial.GetDouble("x"));
        }

        return study;
    }

    [Fact]
    public void Metrics_a_study_could_not_have_are_refused_with_the_rule_they_break()
    {
        Study study = Told(3);
        Assert.Contains("No metric is optimized", Assert.Throws<ArgumentException>(() => new SuggestionContext(study.Space, [], study.Trials)).Message, StringComparison.Ordinal);
        Assert.Contains("No metric is optimized", Assert.Throws<ArgumentException>(() => new SuggestionContext(study.Space, [Metric.Constraint("loss", max: 1)], study.Trials)).Message, StringComparison.Ordinal);
        Assert.Contains("at most 2", Assert.Throws<ArgumentException>(() => new SuggestionContext(study.Space, [Metric.Minimize("loss"), Metric.Minimize("a"), Metric.Minimize("b")], study.Trials)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trials_of_another_study_are_refused_with_the_metric_or_space_that_differs()
    {
        Study study = Told(3);
        var renamed = Assert.Throws<ArgumentException>(() => new SuggestionContext(study.Space, [Metric.Minimize("accuracy")], study.Trials));
        Assert.Contains("no value for the metric 'accuracy'", renamed.Message, StringComparison.Ordinal);
        Assert.Equal("trials", renamed.ParamName);
        var other = Assert.Throws<ArgumentException>(() => new SuggestionContext(new SearchSpaceBuilder().Float("x", 0, 1).Build(), study.Metrics, study.Trials));
        Assert.Contains("another search space", other.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SuggestionContext(study.Space, study.Metrics, [study.Trials[0], null!]));
    }

    [Fact]
    public void A_context_of_part_of_a_history_in_an_identical_space_is_a_context()
    {
        // A suggester wrapped by another that shows it the last trials only, in a space declared again the same way.
        Study study = Told(12);
        SearchSpace again = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build();
        IReadOnlyList<ParameterValues> next = new GaussianProcessSuggester(2, new GaussianProcessOptions { StartupTrials = 2 })
            .Suggest(new SuggestionContext(again, study.Metrics, [.. study.Trials.Skip(4)]), 2);
        Assert.Equal(2, next.Count);
    }
}
