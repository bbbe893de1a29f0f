namespace Tuning.Tests.Suggesters;

/// <summary>A model-based suggester given to several studies keeps their models apart.</summary>
public sealed class SharedSuggesterTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build();

    private static readonly SearchSpace FidelitySpace = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).IntFidelity("epochs", 1, 27).Build();

    private static double Bowl(Trial t) => Math.Pow(t.GetDouble("x") - 0.3, 2) + Math.Pow(t.GetDouble("y") - 0.7, 2);

    private static double Corner(Trial t) => -Math.Pow(t.GetDouble("x") - 0.9, 2) - Math.Pow(t.GetDouble("y") - 0.1, 2);

    [Fact]
    public void Studies_taking_turns_with_one_gaussian_process_suggester_each_get_what_a_new_suggester_of_their_own_trials_suggests()
    {
        // Past 100 results a suggester extends its last model instead of fitting anew: a model of the other study's points.
        var options = new GaussianProcessOptions { StartupTrials = 100 };
        TakeTurns(Space, 103, () => new GaussianProcessSuggester(seed: 7, options));
    }

    [Fact]
    public void Studies_taking_turns_with_one_multi_fidelity_suggester_each_get_what_a_new_suggester_of_their_own_trials_suggests() =>
        TakeTurns(FidelitySpace, 30, () => new MultiFidelitySuggester(seed: 7));

    [Fact]
    public void A_suggestion_tells_its_own_model_fit_although_another_study_asked_the_shared_suggester_since()
    {
        // Two studies asking at once: the other study's ask may take the suggester between this suggestion and the
        // reading of its fit, so the fit comes with the suggestion.
        var shared = new GaussianProcessSuggester(seed: 7);
        var modelled = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 1));
        modelled.Optimize(Bowl, trials: 12);
        var starting = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 2));

        ((IModelBasedSuggester)shared).Suggest(new SuggestionContext(Space, modelled.Metrics, modelled.Trials), 1, out ModelFit? fit);
        shared.Suggest(new SuggestionContext(Space, starting.Metrics, starting.Trials), 1);

        Assert.Equal(12, fit?.Observations);
        Assert.Null(shared.LastModelFit); // what a later read of the shared suggester would have told
    }

    private static void TakeTurns(SearchSpace space, int rounds, Func<ISuggester> create)
    {
        ISuggester shared = create();
        var bowl = new Study(space, Metric.Minimize("loss"), shared);
        var corner = new Study(space, Metric.Minimize("loss"), shared);
        for (int round = 0; round < rounds; round++)
        {
            foreach ((Study study, Func<Trial, double> objective) in new (Study, Func<Trial, double>)[] { (bowl, Bowl), (corner, Corner) })
            {
                ParameterValues expected = create().Suggest(new SuggestionContext(space, study.Metrics, study.Trials), 1)[0];
                Trial trial = study.Ask();
                Assert.True(expected.Equals(trial.Parameters), $"round {round}, the {(study == bowl ? "first" : "second")} study: {trial.Parameters}, not {expected}");
                study.Tell(trial, objective(trial));
            }
        }
    }
}
