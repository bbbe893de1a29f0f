namespace Tuning.Storage.Testing;

/// <summary>Whole studies on the storage: resuming, refusing another space, export and import, heartbeats between workers.</summary>
internal static class StudyChecks
{
    private static double Objective(Trial t) => Math.Pow(t.GetDouble("x") - 0.3, 2) + t.GetDouble("y") + (t.GetString("kind") == "b" ? 0.5 : 0);

    public static void A_study_resumed_from_the_storage_continues_as_if_never_stopped(ConformanceContext c)
    {
        Study reference = Study.Create(new InMemoryStudyStorage(), "s", Fixtures.Space, Fixtures.Loss, new SobolSuggester(seed: 7));
        for (int i = 0; i < 12; i++)
        {
            Trial t = reference.Ask();
            reference.Tell(t, Objective(t));
        }

        Study first = Study.Create(c.Open(), "s", Fixtures.Space, Fixtures.Loss, new SobolSuggester(seed: 7));
        for (int i = 0; i < 6; i++)
        {
            Trial t = first.Ask();
            t.Report(1, 2.0);
            t.SetAttribute("worker", "first");
            first.Tell(t, Objective(t));
        }

        Study resumed = Study.Open(c.Open(), "s", new SobolSuggester(seed: 7));
        Expect.Equal(6, resumed.Trials.Count, "Trials of the resumed study");
        Expect.Sequence(first.Trials.Select(t => t.State), resumed.Trials.Select(t => t.State), "States of the resumed study's trials");
        Expect.Equal(first.BestTrial.Id, resumed.BestTrial.Id, "Best trial of the resumed study");
        Expect.Equal("first", Expect.Value(resumed.Trials[5].Attributes, "worker", "Attributes of the resumed study"), "An attribute of the resumed study");
        Expect.Sequence([new TrialReport(1, 2.0)], resumed.Trials[5].Reports, "Reports of the resumed study");
        for (int i = 0; i < 6; i++)
        {
            Trial t = resumed.Ask();
            resumed.Tell(t, Objective(t));
        }

        Expect.Sequence(
            reference.Trials.Select(t => t.Parameters.ToString()), resumed.Trials.Select(t => t.Parameters.ToString()), "Parameters of a resumed study against an uninterrupted one");
        Expect.Equal(reference.BestTrial.Value, resumed.BestTrial.Value, "Best value of a resumed study against an uninterrupted one");
    }

    public static void Opening_a_study_with_another_space_is_refused_and_changes_nothing(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        Study study = Study.CreateOrOpen(storage, "s", Fixtures.Space, Fixtures.Loss, new RandomSuggester(seed: 1));
        study.Tell(study.Ask(), 1.0);
        SearchSpace other = new SearchSpaceBuilder().Float("x", 0, 2).Build();

        InvalidOperationException e = Expect.Throws<InvalidOperationException>(
            () => Study.CreateOrOpen(c.Open(), "s", other, Fixtures.Loss), "Opening a study with another space");

        Expect.True(e.Message.Contains("different space", StringComparison.Ordinal), $"The refusal names the difference: \"{e.Message}\".");
        Expect.Equal(Fixtures.Definition, storage.FindStudy("s")!.Definition, "The stored definition after the refusal");
        Expect.Equal(1, Study.Open(c.Open(), "s", new RandomSuggester(seed: 1)).Trials.Count, "Trials after the refusal");
        Expect.Throws<InvalidOperationException>(
            () => Study.CreateOrOpen(c.Open(), "s", Fixtures.Space, [Metric.Maximize("loss")]), "Opening a study with other metrics");
    }

    public static void An_exported_study_imports_into_the_storage_unchanged(ConformanceContext c)
    {
        Study original = new(Fixtures.Space, Fixtures.Loss, new RandomSuggester(seed: 3));
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

        Study.FromJson(json, c.Open(), new RandomSuggester(seed: 3));

        Expect.SameJson(json, Study.Open(c.Open(), original.Name, new RandomSuggester(seed: 3)).ToJson(), "The imported study exported again");
    }

    public static void A_worker_that_stops_sending_heartbeats_loses_its_trial_to_the_others(ConformanceContext c)
    {
        var clock = new ManualTimeProvider(Fixtures.T0);
        var options = new StudyOptions
        {
            TimeProvider = clock,
            HeartbeatInterval = TimeSpan.FromSeconds(10),
            HeartbeatGracePeriod = TimeSpan.FromSeconds(60),
            RetryStaleTrials = true,
        };
        Study alive = Study.Create(c.Open(), "s", Fixtures.Space, Fixtures.Loss, new SobolSuggester(seed: 1), options);
        Trial kept = alive.Ask();
        IStudyStorage storage = c.Open();
        long id = storage.FindStudy("s")!.Id;
        StoredTrial abandoned = storage.StartTrials(id, 1, 0, Fixtures.Propose, clock)[0]; // nobody beats for it

        clock.Advance(TimeSpan.FromSeconds(90), step: TimeSpan.FromSeconds(5)); // alive's timer beats for its trial meanwhile
        Study other = Study.Open(c.Open(), "s", new SobolSuggester(seed: 1), options);
        Trial retried = other.Ask();

        IReadOnlyList<StoredTrial> stored = storage.ReadTrials(id, 0);
        Expect.Equal(3, stored.Count, "Trials: the kept one, the abandoned one and its retry");
        Expect.Equal(TrialState.Running, stored[kept.Id].State, "State of the trial whose worker beats");
        Expect.Equal(Fixtures.T0.AddSeconds(90), stored[kept.Id].HeartbeatAt, "Heartbeat of the trial whose worker beats");
        Expect.Equal(TrialState.Failed, stored[abandoned.Number].State, "State of the abandoned trial");
        Expect.Equal(TrialTransitions.StaleReason, stored[abandoned.Number].FailReason, "Reason of the abandoned trial");
        Expect.Equal(abandoned.Parameters, stored[retried.Id].Parameters, "Parameters of the retried trial");
        alive.Tell(kept, 1.0);
        other.Tell(retried, 2.0);
        Expect.Sequence([TrialState.Completed, TrialState.Failed, TrialState.Completed], other.Trials.Select(t => t.State), "States at the end");
    }

    public static void A_tell_for_a_trial_another_worker_failed_is_refused_and_shows_the_stored_state(ConformanceContext c)
    {
        Study study = Study.Create(c.Open(), "s", Fixtures.Space, Fixtures.Loss, new RandomSuggester(seed: 1));
        Trial trial = study.Ask();
        IStudyStorage storage = c.Open();
        storage.FailStaleTrials(storage.FindStudy("s")!.Id, DateTimeOffset.UtcNow.AddDays(1), requeue: false, DateTimeOffset.UtcNow);

        Expect.Throws<InvalidOperationException>(() => study.Tell(trial, 1.0), "Telling a trial another worker failed");

        Expect.Equal(TrialState.Failed, trial.State, "State of the trial after the refused tell");
        Expect.Equal(TrialTransitions.StaleReason, trial.FailReason, "Reason of the trial after the refused tell");
    }

    public static void A_trial_started_by_a_slow_ask_is_not_born_stale(ConformanceContext c)
    {
        var clock = new ManualTimeProvider(Fixtures.T0);
        var options = new StudyOptions { TimeProvider = clock, HeartbeatInterval = TimeSpan.FromSeconds(2), HeartbeatGracePeriod = TimeSpan.FromSeconds(4) };
        Study slow = Study.Create(c.Open(), "s", Fixtures.Space, Fixtures.Loss, new SlowSuggester(clock, TimeSpan.FromSeconds(6)), options);

        Trial trial = slow.Ask(); // 6 s of suggesting: longer than the grace period
        Study other = Study.Open(c.Open(), "s", new RandomSuggester(seed: 2), options);
        other.Ask(); // sweeps trials older than the grace period

        Expect.Equal(TrialState.Running, other.Trials[trial.Id].State, "State of the trial the slow ask started, after another worker's sweep");
        Expect.Equal(Fixtures.T0.AddSeconds(6), trial.StartedAt, "Start time of the trial the slow ask started");
        slow.Tell(trial, 1.0);
        Expect.Equal(TrialState.Completed, other.Trials[trial.Id].State, "State of the trial after its worker's tell");
    }

    public static void A_study_is_copied_renamed_and_deleted_whole(ConformanceContext c)
    {
        Study original = ExportableStudy();
        string Json(string name) => original.ToJson().Replace($"\"name\": \"{original.Name}\"", $"\"name\": \"{name}\"", StringComparison.Ordinal);
        string Stored(IStudyStorage storage, string name) => Study.Open(storage, name, new RandomSuggester(seed: 3)).ToJson();

        Study.Copy(original.Storage, original.Name, c.Open(), "copied");
        Expect.SameJson(Json("copied"), Stored(c.Open(), "copied"), "A study copied into the storage, exported");

        Study.Rename(c.Open(), "copied", "renamed");
        Expect.Equal(null, c.Open().FindStudy("copied"), "The old name after a rename");
        Expect.SameJson(Json("renamed"), Stored(c.Open(), "renamed"), "The renamed study, exported");

        Study.Copy(c.Open(), "renamed", c.Open(), "twin");
        var elsewhere = new InMemoryStudyStorage();
        Study.Copy(c.Open(), "renamed", elsewhere);
        Expect.SameJson(Json("twin"), Stored(c.Open(), "twin"), "A copy within the storage, exported");
        Expect.SameJson(Json("renamed"), Stored(elsewhere, "renamed"), "A copy out of the storage, exported");
        Expect.Throws<InvalidOperationException>(() => Study.Copy(c.Open(), "renamed", c.Open(), "twin"), "Copying onto a taken name");
        Expect.Throws<InvalidOperationException>(() => Study.Rename(c.Open(), "renamed", "twin"), "Renaming to a taken name");

        Study.Delete(c.Open(), "renamed");
        Expect.Equal(null, c.Open().FindStudy("renamed"), "A deleted study");
        Expect.SameJson(Json("twin"), Stored(c.Open(), "twin"), "The copy of a deleted study, exported");
        Expect.Throws<InvalidOperationException>(() => Study.Delete(c.Open(), "renamed"), "Deleting an unknown study");
    }

    /// <summary>A study with a trial of every state, reports, attributes, a failure reason and an enqueued configuration.</summary>
    private static Study ExportableStudy()
    {
        Study study = new(Fixtures.Space, [Metric.Minimize("loss"), Metric.Constraint("ms", max: 10), Metric.Store("size")], new RandomSuggester(seed: 3));
        foreach (Trial t in study.Ask(5))
        {
            t.Report(1, 0.75);
            t.SetAttribute("host", $"worker-{t.Id}");
            switch (t.Id)
            {
                case 1:
                    study.Fail(t, "diverged, \"nan\"");
                    break;
                case 2:
                    study.Prune(t);
                    break;
                case 3:
                    break; // left running
                default:
                    study.Tell(t, new Measurements { ["loss"] = Objective(t), ["ms"] = t.Id, ["size"] = 1e300 });
                    break;
            }
        }

        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["y"] = 0.25, ["kind"] = "b" });
        return study;
    }

    /// <summary>A suggester that takes a while, on the test's clock.</summary>
    private sealed class SlowSuggester(ManualTimeProvider clock, TimeSpan duration) : ISuggester
    {
        private readonly RandomSuggester _inner = new(seed: 1);

        public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
        {
            clock.Advance(duration, TimeSpan.FromSeconds(1));
            return _inner.Suggest(context, count);
        }
    }
}
