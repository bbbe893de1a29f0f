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
