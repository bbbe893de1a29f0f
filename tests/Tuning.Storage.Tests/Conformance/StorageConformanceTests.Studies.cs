namespace Tuning.Storage.Tests;

public abstract partial class StorageConformanceTests
{
    private static readonly Metric[] Loss = [Metric.Minimize("loss")];

    private static double Objective(Trial t) => Math.Pow(t.GetDouble("x") - 0.3, 2) + t.GetDouble("y") + (t.GetString("kind") == "b" ? 0.5 : 0);

    [StorageFact]
    public void A_study_resumed_from_the_storage_continues_as_if_never_stopped()
    {
        Study reference = Study.Create(new InMemoryStudyStorage(), "s", StoredTrials.Space, Loss, new SobolSuggester(seed: 7));
        for (int i = 0; i < 12; i++)
        {
            Trial t = reference.Ask();
            reference.Tell(t, Objective(t));
        }

        Study first = Study.Create(OpenStorage(), "s", StoredTrials.Space, Loss, new SobolSuggester(seed: 7));
        for (int i = 0; i < 6; i++)
        {
            Trial t = first.Ask();
            t.Report(1, 2.0);
            t.SetAttribute("worker", "first");
            first.Tell(t, Objective(t));
        }

        Study resumed = Study.Open(OpenStorage(), "s", new SobolSuggester(seed: 7));
        Assert.Equal(6, resumed.Trials.Count);
        Assert.Equal(first.BestTrial.Id, resumed.BestTrial.Id);
        Assert.Equal("first", resumed.Trials[5].Attributes["worker"]);
        Assert.Equal([new TrialReport(1, 2.0)], resumed.Trials[5].Reports);
        for (int i = 0; i < 6; i++)
        {
            Trial t = resumed.Ask();
            resumed.Tell(t, Objective(t));
        }

        Assert.Equal(
            reference.Trials.Select(t => t.Parameters.ToString()),
            resumed.Trials.Select(t => t.Parameters.ToString()));
        Assert.Equal(reference.BestTrial.Value, resumed.BestTrial.Value);
    }

    [StorageFact]
    public void Opening_a_study_with_another_space_is_refused_and_changes_nothing()
    {
        IStudyStorage storage = OpenStorage();
        Study study = Study.CreateOrOpen(storage, "s", StoredTrials.Space, Loss, new RandomSuggester(seed: 1));
        study.Tell(study.Ask(), 1.0);
        SearchSpace other = new SearchSpaceBuilder().Float("x", 0, 2).Build();

        var e = Assert.Throws<InvalidOperationException>(() => Study.CreateOrOpen(OpenStorage(), "s", other, Loss));

        Assert.Contains("different space", e.Message, StringComparison.Ordinal);
        Assert.Equal(StoredTrials.Definition, storage.FindStudy("s")!.Definition);
        Assert.Single(Study.Open(OpenStorage(), "s").Trials);
        Assert.Throws<InvalidOperationException>(() => Study.CreateOrOpen(OpenStorage(), "s", StoredTrials.Space, [Metric.Maximize("loss")]));
    }

    [StorageFact]
    public void An_exported_study_imports_into_the_storage_unchanged()
    {
        Study original = new(StoredTrials.Space, Loss, new RandomSuggester(seed: 3));
        for (int i = 0; i < 5; i++)
        {
            Trial t = original.Ask();
            t.Report(2, 0.5);
            if (i == 3)
            {
                original.Fail(t, "diverged");
            }
            else
            {
                original.Tell(t, Objective(t));
            }
        }

        original.Ask();
        original.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["y"] = 0.25, ["kind"] = "b" });
        string json = original.ToJson();

        Study.FromJson(json, OpenStorage());

        Assert.Equal(json.Replace(original.Name, "x", StringComparison.Ordinal), Study.Open(OpenStorage(), original.Name).ToJson().Replace(original.Name, "x", StringComparison.Ordinal));
    }

    [StorageFact]
    public void A_worker_that_stops_sending_heartbeats_loses_its_trial_to_the_others()
    {
        var clock = new ManualTimeProvider(StoredTrials.T0);
        var options = new StudyOptions
        {
            TimeProvider = clock,
            HeartbeatInterval = TimeSpan.FromSeconds(10),
            HeartbeatGracePeriod = TimeSpan.FromSeconds(60),
            RetryStaleTrials = true,
        };
        Study alive = Study.Create(OpenStorage(), "s", StoredTrials.Space, Loss, new SobolSuggester(seed: 1), options);
        Trial kept = alive.Ask();
        IStudyStorage storage = OpenStorage();
        long id = storage.FindStudy("s")!.Id;
        StoredTrial abandoned = storage.StartTrials(id, 1, StoredTrials.Suggest, clock.GetUtcNow())[0]; // nobody beats for it

        clock.Advance(TimeSpan.FromSeconds(90), step: TimeSpan.FromSeconds(5)); // alive's timer beats for its trial meanwhile
        Study other = Study.Open(OpenStorage(), "s", new SobolSuggester(seed: 1), options);
        Trial retried = other.Ask();

        Assert.Equal(TrialState.Running, other.Trials[kept.Id].State);
        Assert.Equal(StoredTrials.T0.AddSeconds(90), other.Trials[kept.Id].Record.HeartbeatAt);
        Trial failed = other.Trials[abandoned.Number];
        Assert.Equal(TrialState.Failed, failed.State);
        Assert.Equal(StaleTrial.Reason, failed.FailReason);
        Assert.Equal(abandoned.Parameters, retried.Record.Parameters);
        alive.Tell(kept, 1.0);
        other.Tell(retried, 2.0);
        Assert.Equal([TrialState.Completed, TrialState.Failed, TrialState.Completed], other.Trials.Select(t => t.State));
    }

    [StorageFact]
    public void A_tell_for_a_trial_another_worker_failed_is_refused_and_shows_the_stored_state()
    {
        Study study = Study.Create(OpenStorage(), "s", StoredTrials.Space, Loss);
        Trial trial = study.Ask();
        IStudyStorage storage = OpenStorage();
        storage.FailStaleTrials(storage.FindStudy("s")!.Id, DateTimeOffset.UtcNow.AddDays(1), requeue: false, DateTimeOffset.UtcNow);

        Assert.Throws<InvalidOperationException>(() => study.Tell(trial, 1.0));

        Assert.Equal(TrialState.Failed, trial.State);
        Assert.Equal(StaleTrial.Reason, trial.FailReason);
    }
}
