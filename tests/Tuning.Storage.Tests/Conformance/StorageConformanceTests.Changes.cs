namespace Tuning.Storage.Tests;

public abstract partial class StorageConformanceTests
{
    [StorageFact]
    public void A_tell_is_idempotent_for_the_same_result_and_refused_for_another()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        storage.StartTrials(id, 1, StoredTrials.Suggest, StoredTrials.T0);

        StoredTrial told = storage.FinishTrial(id, 0, TrialState.Completed, StoredTrials.Loss(0.25), null, StoredTrials.T0.AddSeconds(5));
        StoredTrial again = storage.FinishTrial(id, 0, TrialState.Completed, StoredTrials.Loss(0.25), null, StoredTrials.T0.AddSeconds(9));

        StoredTrials.Equal(told, again);
        Assert.Throws<InvalidOperationException>(() => storage.FinishTrial(id, 0, TrialState.Completed, StoredTrials.Loss(0.5), null, StoredTrials.T0));
        Assert.Throws<InvalidOperationException>(() => storage.FinishTrial(id, 0, TrialState.Failed, new Dictionary<string, double>(), "x", StoredTrials.T0));
        StoredTrial stored = Assert.Single(storage.ReadTrials(id, 0));
        StoredTrials.Equal(told, stored);
        Assert.Equal(StoredTrials.T0.AddSeconds(5), stored.FinishedAt);
        Assert.Equal(0.25, stored.Values["loss"]);
    }

    [StorageFact]
    public void Reports_must_increase_and_stop_when_the_trial_finishes()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        storage.StartTrials(id, 1, StoredTrials.Suggest, StoredTrials.T0);

        storage.AddReport(id, 0, new TrialReport(1, 0.9), StoredTrials.T0.AddSeconds(1));
        StoredTrial reported = storage.AddReport(id, 0, new TrialReport(3, 0.7), StoredTrials.T0.AddSeconds(2));
        Assert.Throws<ArgumentException>(() => storage.AddReport(id, 0, new TrialReport(3, 0.6), StoredTrials.T0));
        storage.FinishTrial(id, 0, TrialState.Pruned, StoredTrials.Loss(0.7), null, StoredTrials.T0.AddSeconds(3));
        Assert.Throws<InvalidOperationException>(() => storage.AddReport(id, 0, new TrialReport(4, 0.5), StoredTrials.T0));

        Assert.Equal([new TrialReport(1, 0.9), new TrialReport(3, 0.7)], reported.Reports);
        Assert.Equal(StoredTrials.T0.AddSeconds(2), reported.HeartbeatAt);
        StoredTrial stored = Assert.Single(storage.ReadTrials(id, 0));
        Assert.Equal(TrialState.Pruned, stored.State);
        Assert.Equal(reported.Reports, stored.Reports);
    }

    [StorageFact]
    public void Attributes_are_set_and_replaced()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        storage.StartTrials(id, 1, StoredTrials.Suggest, StoredTrials.T0);

        storage.SetAttribute(id, 0, "commit", "abc");
        storage.SetAttribute(id, 0, "path", "/models/ünïcode \"quoted\"");
        storage.SetAttribute(id, 0, "commit", "def");

        StoredTrial stored = Assert.Single(storage.ReadTrials(id, 0));
        Assert.Equal("def", stored.Attributes["commit"]);
        Assert.Equal("/models/ünïcode \"quoted\"", stored.Attributes["path"]);
    }

    [StorageFact]
    public void Reading_changes_after_a_revision_returns_exactly_the_trials_changed_since()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        storage.StartTrials(id, 4, StoredTrials.Suggest, StoredTrials.T0);
        long seen = storage.ReadTrials(id, 0).Max(t => t.Revision);

        Assert.Empty(storage.ReadTrials(id, seen));
        storage.FinishTrial(id, 2, TrialState.Completed, StoredTrials.Loss(1), null, StoredTrials.T0);
        storage.AddReport(id, 0, new TrialReport(0, 3), StoredTrials.T0);
        storage.StartTrials(id, 1, StoredTrials.Suggest, StoredTrials.T0);
        storage.Heartbeat(id, [1, 3], StoredTrials.T0.AddSeconds(1)); // heartbeats are not changes readers need

        IReadOnlyList<StoredTrial> changed = storage.ReadTrials(id, seen);
        Assert.Equal([0, 2, 4], changed.Select(t => t.Number));
        Assert.All(changed, t => Assert.True(t.Revision > seen));
        Assert.Equal(3, changed.Select(t => t.Revision).Distinct().Count());
        Assert.Empty(storage.ReadTrials(id, changed.Max(t => t.Revision)));
    }

    [StorageFact]
    public void Heartbeats_keep_running_trials_alive_and_stale_ones_are_failed_and_requeued()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        storage.StartTrials(id, 3, StoredTrials.Suggest, StoredTrials.T0);
        storage.FinishTrial(id, 2, TrialState.Completed, StoredTrials.Loss(1), null, StoredTrials.T0);
        storage.Heartbeat(id, [1, 2], StoredTrials.T0.AddMinutes(1));

        IReadOnlyList<StoredTrial> failed = storage.FailStaleTrials(id, StoredTrials.T0.AddSeconds(30), requeue: true, StoredTrials.T0.AddMinutes(2));

        StoredTrial stale = Assert.Single(failed);
        Assert.Equal(0, stale.Number);
        Assert.Equal(TrialState.Failed, stale.State);
        Assert.Equal(StaleTrial.Reason, stale.FailReason);
        Assert.Equal(StoredTrials.T0.AddMinutes(2), stale.FinishedAt);
        IReadOnlyList<StoredTrial> all = storage.ReadTrials(id, 0);
        Assert.Equal([TrialState.Failed, TrialState.Running, TrialState.Completed], all.Select(t => t.State));
        Assert.Equal(StoredTrials.T0.AddMinutes(1), all[1].HeartbeatAt);
        Assert.Equal(StoredTrials.T0, all[2].HeartbeatAt);
        Assert.Equal([all[0].Parameters], storage.ReadEnqueued(id));
        Assert.Empty(storage.FailStaleTrials(id, StoredTrials.T0.AddSeconds(30), requeue: true, StoredTrials.T0.AddMinutes(3)));
        Assert.Equal(all[0].Parameters, storage.StartTrials(id, 1, StoredTrials.Suggest, StoredTrials.T0)[0].Parameters);
    }

    [StorageFact]
    public void Stale_trials_are_not_requeued_unless_asked()
    {
        IStudyStorage storage = OpenStorage();
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        storage.StartTrials(id, 2, StoredTrials.Suggest, StoredTrials.T0);

        Assert.Equal(2, storage.FailStaleTrials(id, StoredTrials.T0.AddSeconds(1), requeue: false, StoredTrials.T0.AddSeconds(2)).Count);

        Assert.Empty(storage.ReadEnqueued(id));
    }
}
