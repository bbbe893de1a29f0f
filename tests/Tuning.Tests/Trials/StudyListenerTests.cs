namespace Tuning.Tests.Trials;

public class StudyListenerTests
{
    [Fact]
    public async Task Events_arrive_in_order_with_timings()
    {
        var listener = new Recorder();
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var suggester = new GaussianProcessSuggester(2, new GaussianProcessOptions { StartupTrials = 2, Candidates = 64, LocalSearches = 2 });
        var study = new Study(space, Metric.Minimize("y"), suggester, new StudyOptions { Listener = listener });

        await study.OptimizeAsync(
            (trial, _) => trial.Id switch
            {
                2 => throw new InvalidOperationException("boom"),
                3 => throw new TrialPrunedException(),
                _ => Task.FromResult(trial.GetDouble("x")),
            },
            trials: 5,
            @catch: [typeof(InvalidOperationException)]);

        Assert.Equal(
            ["asked 0", "told 0", "asked 1", "told 1", "fitted 2", "asked 2", "failed 2", "fitted 3", "asked 3", "pruned 3", "fitted 3", "asked 4", "told 4"],
            listener.Events);
        Assert.All(listener.Durations, d => Assert.True(d >= TimeSpan.Zero));
    }

    [Fact]
    public void The_multi_fidelity_suggester_reports_its_model_fits_after_its_start_up_design()
    {
        var listener = new Recorder();
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 27, log: true).Build();
        var suggester = new MultiFidelitySuggester(3, new MultiFidelityOptions { StartupTrials = 4, Candidates = 64, LocalSearches = 2 });
        var study = new Study(space, Metric.Minimize("y"), suggester, new StudyOptions { Listener = listener });
        for (int i = 0; i < 6; i++)
        {
            Trial trial = study.Ask();
            study.Tell(trial, trial.GetDouble("x") + (1.0 / trial.Fidelity!.Value));
        }

        Assert.Equal(["fitted 4", "fitted 5"], listener.Events.Where(e => e.StartsWith("fitted", StringComparison.Ordinal)));
        Assert.Equal(4, listener.Events.IndexOf("fitted 4") / 2); // after the four start-up trials, before the fifth ask
    }

    [Fact]
    public void Without_a_listener_a_study_is_quiet()
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("y"));
        Assert.Null(study.Options.Listener);
        study.Tell(study.Ask(), 1);
    }

    private sealed class Recorder : StudyListener
    {
        public List<string> Events { get; } = [];

        public List<TimeSpan> Durations { get; } = [];

        public override void OnAsked(Study study, IReadOnlyList<Trial> trials, TimeSpan duration) => Add($"asked {trials[0].Id}", duration);

        public override void OnModelFitted(Study study, ModelFit fit) => Add($"fitted {fit.Observations}", fit.FitDuration);

        public override void OnTold(Study study, Trial trial, TimeSpan duration) => Add($"told {trial.Id}", duration);

        public override void OnFailed(Study study, Trial trial, TimeSpan duration) => Add($"failed {trial.Id}", duration);

        public override void OnPruned(Study study, Trial trial, TimeSpan duration) => Add($"pruned {trial.Id}", duration);

        private void Add(string text, TimeSpan duration)
        {
            Events.Add(text);
            Durations.Add(duration);
        }
    }
}
