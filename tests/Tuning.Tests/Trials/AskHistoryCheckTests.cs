namespace Tuning.Tests.Trials;

/// <summary>
/// An ask checks the history it hands the suggester (see <see cref="SuggestionContext"/>), but only the trials that
/// changed since the last ask: the verdict is the one a check of every trial gives.
/// </summary>
public class AskHistoryCheckTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    private static StoredTrial CompletedWithout(string metric) =>
        TrialTransitions.Start(0, "{\"x\":0.5}", DateTimeOffset.UnixEpoch) with
        {
            State = TrialState.Completed,
            Values = new Dictionary<string, double> { [metric] = 1 },
            FinishedAt = DateTimeOffset.UnixEpoch,
        };

    [Fact]
    public void A_completed_trial_without_the_objective_stored_after_earlier_asks_is_refused_by_every_ask_that_follows()
    {
        var storage = new InMemoryStudyStorage();
        Study study = Study.Create(storage, "s", Space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        for (int i = 0; i < 5; i++)
        {
            Trial trial = study.Ask();
            study.Tell(trial, i);
        }

        // Another writer stores two trials told under other metrics, after asks that checked the first five.
        long id = storage.FindStudy("s")!.Id;
        storage.ImportTrials(id, [CompletedWithout("accuracy"), CompletedWithout("error")]);

        for (int attempt = 0; attempt < 2; attempt++)
        {
            var refused = Assert.Throws<ArgumentException>(() => study.Ask());
            Assert.Equal("trials", refused.ParamName);
            Assert.StartsWith("Completed trial 5 has no value for the metric 'loss'", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(7, study.Trials.Count); // reading such trials is no error, only suggesting from them

        // The best trial is then searched for among every trial, as it was before it was kept as trials arrive.
        Assert.Equal(Record.Exception(() => study.FindBest(study.Trials))?.GetType(), Record.Exception(() => study.BestTrial)?.GetType());
    }

    [Fact]
    public void Asks_of_a_study_of_many_trials_cost_the_same_at_the_last_trial_as_at_the_first()
    {
        // 30,000 asks and tells with a cheap suggester: every ask checked every trial of the history again, about 4.5e8
        // checks and most of a minute. The limit only catches a return to that.
        const int N = 30_000;
        var study = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 3));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < N; i++)
        {
            Trial trial = study.Ask();
            study.Tell(trial, trial.GetDouble("x"));
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{clock.Elapsed.TotalSeconds:F1} s for {N} asks and tells");
        Assert.Equal(N, study.Trials.Count);
    }
}
