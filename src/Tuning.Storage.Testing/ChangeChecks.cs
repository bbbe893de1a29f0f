namespace Tuning.Storage.Testing;

/// <summary>Changing trials: tells, reports, attributes, revisions, heartbeats and stale trials.</summary>
internal static class ChangeChecks
{
    public static void A_tell_is_idempotent_for_the_same_result_and_refused_for_another(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Start(id, 1);

        Expect.Throws<ArgumentException>(() => storage.FinishTrial(id, 0, TrialState.Running, Fixtures.LossOf(0.25), null, Fixtures.T0), "Finishing a trial as running");
        StoredTrial told = storage.FinishTrial(id, 0, TrialState.Completed, Fixtures.LossOf(0.25), null, Fixtures.T0.AddSeconds(5));
        StoredTrial again = storage.FinishTrial(id, 0, TrialState.Completed, Fixtures.LossOf(0.25), null, Fixtures.T0.AddSeconds(9));

        Expect.SameTrial(told, again, "A repeated tell");
        Expect.Throws<InvalidOperationException>(
            () => storage.FinishTrial(id, 0, TrialState.Completed, Fixtures.LossOf(0.5), null, Fixtures.T0), "Telling a finished trial another value");
        Expect.Throws<InvalidOperationException>(
            () => storage.FinishTrial(id, 0, TrialState.Failed, new Dictionary<string, double>(), "x", Fixtures.T0), "Failing a completed trial");
        IReadOnlyList<StoredTrial> read = storage.ReadTrials(id, 0);
        Expect.Equal(1, read.Count, "Trials");
        Expect.SameTrial(told, read[0], "The told trial as read back");
        Expect.Equal(Fixtures.T0.AddSeconds(5), read[0].FinishedAt, "Finish time");
        Expect.Equal(0.25, Expect.Value(read[0].Values, "loss", "Told values"), "Told value");
    }

    public static void A_told_trial_reads_back_with_its_state_values_and_fail_reason(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Start(id, 3);

        storage.FinishTrial(id, 0, TrialState.Completed, Fixtures.LossOf(0.25), null, Fixtures.T0.AddSeconds(1));
        storage.FinishTrial(id, 1, TrialState.Failed, new Dictionary<string, double>(), "diverged: loss is NaN", Fixtures.T0.AddSeconds(2));
        storage.FinishTrial(id, 2, TrialState.Pruned, Fixtures.LossOf(0.75), null, Fixtures.T0.AddSeconds(3));

        IReadOnlyList<StoredTrial> read = c.Open().ReadTrials(id, 0);
        Expect.Sequence([TrialState.Completed, TrialState.Failed, TrialState.Pruned], read.Select(t => t.State), "States of told trials");
        Expect.Equal(0.25, Expect.Value(read[0].Values, "loss", "Values of a completed trial"), "Value of a completed trial");
        Expect.Equal(null, read[0].FailReason, "Fail reason of a completed trial");
        Expect.Equal("diverged: loss is NaN", read[1].FailReason, "Fail reason of a failed trial");
        Expect.Equal(0, read[1].Values.Count, "Number of values of a failed trial");
        Expect.Equal(0.75, Expect.Value(read[2].Values, "loss", "Values of a pruned trial"), "Value of a pruned trial");
        Expect.Sequence<DateTimeOffset?>([Fixtures.T0.AddSeconds(1), Fixtures.T0.AddSeconds(2), Fixtures.T0.AddSeconds(3)], read.Select(t => t.FinishedAt), "Finish times of told trials");
    }

    public static void Reports_must_increase_and_stop_when_the_trial_finishes(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Start(id, 1);

        Expect.Throws<ArgumentException>(() => storage.AddReport(id, 0, new TrialReport(-1, 0.9), Fixtures.T0), "A report whose step is negative");
        storage.AddReport(id, 0, new TrialReport(1, 0.9), Fixtures.T0.AddSeconds(1));
        StoredTrial reported = storage.AddReport(id, 0, new TrialReport(3, 0.7), Fixtures.T0.AddSeconds(2));
        Expect.Throws<ArgumentException>(() => storage.AddReport(id, 0, new TrialReport(3, 0.6), Fixtures.T0), "A report whose step does not increase");
        Expect.Throws<ArgumentException>(() => storage.AddReport(id, 0, new TrialReport(4, double.NaN), Fixtures.T0), "A report whose value is not finite");
        storage.FinishTrial(id, 0, TrialState.Pruned, Fixtures.LossOf(0.7), null, Fixtures.T0.AddSeconds(3));
        Expect.Throws<InvalidOperationException>(() => storage.AddReport(id, 0, new TrialReport(4, 0.5), Fixtures.T0), "A report for a finished trial");

        Expect.Sequence([new TrialReport(1, 0.9), new TrialReport(3, 0.7)], reported.Reports, "Reports");
        Expect.Equal(Fixtures.T0.AddSeconds(2), reported.HeartbeatAt, "A report's heartbeat");
        StoredTrial stored = storage.ReadTrials(id, 0)[0];
        Expect.Equal(TrialState.Pruned, stored.State, "State of the pruned trial");
        Expect.Sequence(reported.Reports, stored.Reports, "Reports read back");
    }

    public static void Attributes_are_set_and_replaced_in_every_state(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Start(id, 4);
        storage.FinishTrial(id, 1, TrialState.Completed, Fixtures.LossOf(0.5), null, Fixtures.T0);
        storage.FinishTrial(id, 2, TrialState.Failed, new Dictionary<string, double>(), "diverged", Fixtures.T0);
        storage.FinishTrial(id, 3, TrialState.Pruned, Fixtures.LossOf(0.9), null, Fixtures.T0);

        storage.SetAttribute(id, 0, "commit", "abc");
        storage.SetAttribute(id, 0, "path", "/models/ünïcode \"quoted\"");
        storage.SetAttribute(id, 0, "commit", "def");
        Expect.Throws<ArgumentException>(() => storage.SetAttribute(id, 0, "", "v"), "An attribute whose key is empty");
        Expect.Throws<ArgumentException>(() => storage.SetAttribute(id, 0, " \t", "v"), "An attribute whose key is white space");
        storage.SetAttribute(id, 0, "Path", "cafe\u0301"); // another key than "path"; e and a combining accent, not "caf\u00e9"
        StoredTrial[] finished = [.. Enumerable.Range(1, 3).Select(n => storage.SetAttribute(id, n, "model", $"m{n}.bin"))]; // saved once the score is known

        IReadOnlyList<StoredTrial> stored = c.Open().ReadTrials(id, 0);
        Expect.Equal(4, stored.Count, "Trials read back");
        Expect.Equal("def", stored[0].Attributes.GetValueOrDefault("commit"), "A replaced attribute");
        Expect.Sequence(
            ["Path", "commit", "path"], stored[0].Attributes.Keys.Order(StringComparer.Ordinal), "Attribute keys that differ only in case (two keys, compared ordinally)");
        Expect.Equal("/models/ünïcode \"quoted\"", stored[0].Attributes.GetValueOrDefault("path"), "An attribute with quotes and accents");
        Expect.Equal("cafe\u0301", stored[0].Attributes.GetValueOrDefault("Path"), "An attribute with a decomposed accent (kept as set, not normalized)");
        for (int n = 1; n <= 3; n++)
        {
            string what = $"An attribute set on a {stored[n].State.ToString().ToLowerInvariant()} trial, read back after opening the storage again";
            Expect.Equal($"m{n}.bin", stored[n].Attributes.GetValueOrDefault("model"), what);
            Expect.SameTrial(finished[n - 1], stored[n], what);
        }
    }

    public static void Reading_changes_after_a_revision_returns_exactly_the_trials_changed_since(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Start(id, 4);
        long seen = storage.ReadTrials(id, 0).Max(t => t.Revision);

        Expect.Equal(0, storage.ReadTrials(id, seen).Count, "Changes after the latest revision");
        storage.FinishTrial(id, 2, TrialState.Completed, Fixtures.LossOf(1), null, Fixtures.T0);
        storage.AddReport(id, 0, new TrialReport(0, 3), Fixtures.T0);
        storage.Start(id, 1);
        storage.Heartbeat(id, [1, 3], Fixtures.T0.AddSeconds(1)); // heartbeats are not changes readers need

        IReadOnlyList<StoredTrial> changed = storage.ReadTrials(id, seen);
        Expect.Sequence([0, 2, 4], changed.Select(t => t.Number), "Trials changed since");
        Expect.True(changed.All(t => t.Revision > seen), "Every changed trial has a revision above the one read.");
        Expect.Equal(3, changed.Select(t => t.Revision).Distinct().Count(), "Distinct revisions of three changes");
        Expect.Equal(0, storage.ReadTrials(id, changed.Max(t => t.Revision)).Count, "Changes after the latest revision");
    }

    public static void Heartbeats_keep_running_trials_alive_and_stale_ones_are_failed_and_requeued(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Start(id, 3);
        storage.FinishTrial(id, 2, TrialState.Completed, Fixtures.LossOf(1), null, Fixtures.T0);
        storage.Heartbeat(id, [1, 2], Fixtures.T0.AddMinutes(1));
        storage.Enqueue(id, Fixtures.Parameters(0)); // trial 0's parameters, queued already: requeueing adds them again
        storage.Enqueue(id, Fixtures.Parameters(0.9)); // queued before the sweep, so started before what it requeues
        Expect.Equal(
            0,
            storage.FailStaleTrials(id, Fixtures.T0, requeue: true, Fixtures.T0.AddMinutes(2)).Count,
            "Trials failed by a sweep whose cut-off is trial 0's last heartbeat (a trial is stale only if its heartbeat is older)");

        IReadOnlyList<StoredTrial> failed = storage.FailStaleTrials(id, Fixtures.T0.AddSeconds(30), requeue: true, Fixtures.T0.AddMinutes(2));

        Expect.Sequence([0], failed.Select(t => t.Number), "Trials failed as stale");
        Expect.Equal(TrialState.Failed, failed[0].State, "State of a stale trial");
        Expect.Equal(TrialTransitions.StaleReason, failed[0].FailReason, "Reason of a stale trial");
        Expect.Equal(Fixtures.T0.AddMinutes(2), failed[0].FinishedAt, "Finish time of a stale trial");
        IReadOnlyList<StoredTrial> all = storage.ReadTrials(id, 0);
        Expect.Sequence([TrialState.Failed, TrialState.Running, TrialState.Completed], all.Select(t => t.State), "States after the sweep");
        Expect.Equal(Fixtures.T0.AddMinutes(1), all[1].HeartbeatAt, "Heartbeat of a running trial");
        Expect.Equal(Fixtures.T0, all[2].HeartbeatAt, "Heartbeat of a finished trial (heartbeats ignore it)");
        Expect.Sequence(
            [all[0].Parameters, Fixtures.Parameters(0.9), all[0].Parameters], storage.ReadEnqueued(id), "The queue after requeueing parameters that were queued already (at its end)");
        Expect.Equal(0, storage.FailStaleTrials(id, Fixtures.T0.AddSeconds(30), requeue: true, Fixtures.T0.AddMinutes(3)).Count, "A second sweep");
        Expect.Sequence(
            [all[0].Parameters, Fixtures.Parameters(0.9), all[0].Parameters], storage.Start(id, 3).Select(t => t.Parameters), "The queue, requeued parameters last, is asked next");
    }

    public static void Stale_trials_are_not_requeued_unless_asked(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Start(id, 2);

        Expect.Equal(2, storage.FailStaleTrials(id, Fixtures.T0.AddSeconds(1), requeue: false, Fixtures.T0.AddSeconds(2)).Count, "Trials failed as stale");

        Expect.Equal(0, storage.ReadEnqueued(id).Count, "The queue without requeueing");
    }
}
