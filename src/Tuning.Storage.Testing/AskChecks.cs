namespace Tuning.Storage.Testing;

/// <summary>Starting trials: numbering, the queue, the proposer's view, and what a failed ask leaves.</summary>
internal static class AskChecks
{
    public static void Started_trials_are_numbered_from_zero_and_running(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;

        IReadOnlyList<StoredTrial> first = storage.Start(id, 1);
        IReadOnlyList<StoredTrial> batch = storage.Start(id, 3, Fixtures.T0.AddSeconds(1));

        Expect.Sequence([0, 1, 2, 3], first.Concat(batch).Select(t => t.Number), "Numbers of started trials");
        Expect.True(first.Concat(batch).All(t => t.State == TrialState.Running), "Started trials are running.");
        Expect.Equal(Fixtures.T0.AddSeconds(1), batch[0].StartedAt, "Start time");
        Expect.Equal(batch[0].StartedAt, batch[0].HeartbeatAt, "First heartbeat");
        Expect.Equal(Fixtures.Parameters(0.02), batch[1].Parameters, "Parameters of a started trial");
        IReadOnlyList<StoredTrial> read = storage.ReadTrials(id, 0);
        Expect.Equal(4, read.Count, "Trials read back");
        Expect.Equal(4, read.Select(t => t.Revision).Distinct().Count(), "Distinct revisions of four new trials");
        Expect.SameTrial(batch[2], read[3], "A started trial as read back");
    }

    public static void The_proposer_sees_the_changes_since_the_known_revision_and_the_claimed_trials(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        IReadOnlyList<StoredTrial> started = storage.Start(id, 3);
        storage.FinishTrial(id, 0, TrialState.Completed, Fixtures.LossOf(1), null, Fixtures.T0);
        long known = started.Max(t => t.Revision);
        storage.Enqueue(id, Fixtures.Parameters(0.9));
        AskSnapshot? seen = null;

        storage.StartTrials(id, 2, known, snapshot => { seen = snapshot; return [Fixtures.Parameters(0.5)]; }, new ManualTimeProvider(Fixtures.T0));

        Expect.True(seen is not null, "The proposer is called when the queue does not fill the ask.");
        Expect.Sequence([0], seen!.Changed.Select(t => t.Number), "Trials changed after the known revision");
        Expect.Equal(TrialState.Completed, seen.Changed[0].State, "The changed trial's state");
        Expect.Sequence([3], seen.Claimed.Select(t => t.Number), "Numbers of the claimed trials");
        Expect.Equal(Fixtures.Parameters(0.9), seen.Claimed[0].Parameters, "Parameters of the claimed trial");
        Expect.Equal(TrialState.Running, seen.Claimed[0].State, "State of the claimed trial");
        Expect.Equal(1, seen.Count, "How many the proposer is asked for");
    }

    public static void Enqueued_parameters_are_claimed_first_in_order_and_only_once(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Enqueue(id, Fixtures.Parameters(0.7));
        storage.Enqueue(id, Fixtures.Parameters(0.8));
        storage.Enqueue(id, Fixtures.Parameters(0.7)); // to run it twice
        storage.Enqueue(id, Fixtures.Parameters(0.9)); // newest: a queue served newest first starts it first
        Expect.Sequence(
            [Fixtures.Parameters(0.7), Fixtures.Parameters(0.8), Fixtures.Parameters(0.7), Fixtures.Parameters(0.9)],
            c.Open().ReadEnqueued(id),
            "The queue, which keeps parameters enqueued twice");

        IReadOnlyList<StoredTrial> two = storage.StartTrials(
            id, 2, 0, _ => throw new StorageConformanceException("The proposer was called though the queue filled the ask."), new ManualTimeProvider(Fixtures.T0));
        IReadOnlyList<StoredTrial> mixed = storage.Start(id, 3);

        Expect.Sequence([Fixtures.Parameters(0.7), Fixtures.Parameters(0.8)], two.Select(t => t.Parameters), "Trials started from the queue (oldest first)");
        Expect.Sequence(
            [Fixtures.Parameters(0.7), Fixtures.Parameters(0.9), Fixtures.Parameters(0.04)], mixed.Select(t => t.Parameters), "Queue first (the second copy, then the newest), then proposals");
        Expect.Equal(0, storage.ReadEnqueued(id).Count, "Parameters left in the queue");
    }

    public static void A_failing_proposer_stores_nothing_and_leaves_the_queue(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Enqueue(id, Fixtures.Parameters(0.7));
        var clock = new ManualTimeProvider(Fixtures.T0);

        Expect.Throws<DivideByZeroException>(() => storage.StartTrials(id, 2, 0, _ => throw new DivideByZeroException(), clock), "An ask whose proposer throws");
        Expect.Throws<InvalidOperationException>(() => storage.StartTrials(id, 3, 0, _ => [Fixtures.Parameters(0.1)], clock), "An ask whose proposer returns too few");
        Expect.Throws<InvalidOperationException>(
            () => storage.StartTrials(id, 2, 0, _ => [Fixtures.Parameters(0.1), Fixtures.Parameters(0.2)], clock), "An ask whose proposer returns too many");

        Expect.Equal(0, storage.ReadTrials(id, 0).Count, "Trials after failed asks");
        Expect.Sequence([Fixtures.Parameters(0.7)], storage.ReadEnqueued(id), "The queue after failed asks");
        Expect.Equal(0, storage.Start(id, 1)[0].Number, "The number of the next trial");
    }

    public static void Started_trials_are_stamped_when_written_not_when_the_ask_began(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        var clock = new ManualTimeProvider(Fixtures.T0);
        TimeSpan took = TimeSpan.FromSeconds(6) + TimeSpan.FromTicks(1_234_567); // not whole milliseconds: times are kept to the tick

        StoredTrial slow = storage.StartTrials(
            id,
            1,
            0,
            snapshot =>
            {
                clock.Advance(took, took); // a proposer that takes 6.1234567 s
                return Fixtures.Propose(snapshot);
            },
            clock)[0];

        const string Slow = "a trial whose proposal took 6.1234567 s (kept to the tick)";
        Expect.Equal(Fixtures.T0 + took, slow.StartedAt, $"Start time of {Slow}");
        Expect.Equal(Fixtures.T0 + took, slow.HeartbeatAt, $"First heartbeat of {Slow}");
        StoredTrial stored = c.Open().ReadTrials(id, 0)[0];
        Expect.Equal(Fixtures.T0 + took, stored.StartedAt, $"Stored start time of {Slow}");
        Expect.Equal(Fixtures.T0 + took, stored.HeartbeatAt, $"Stored first heartbeat of {Slow}");
    }

    public static void Imported_trials_keep_their_data_and_are_numbered_after_the_others(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Start(id, 2);
        var done = new StoredTrial
        {
            Number = 17,
            State = TrialState.Pruned,
            Parameters = Fixtures.Parameters(0.4),
            Values = Fixtures.LossOf(0.5),
            Reports = [new TrialReport(1, 0.9), new TrialReport(4, 0.5)],
            Attributes = new Dictionary<string, string> { ["model"] = "m.bin" },
            StartedAt = Fixtures.T0,
            FinishedAt = Fixtures.T0.AddMinutes(3),
            HeartbeatAt = Fixtures.T0.AddMinutes(2),
        };

        IReadOnlyList<StoredTrial> imported = storage.ImportTrials(
            id, [done, done with { Number = 3, State = TrialState.Failed, FailReason = "boom", Values = new Dictionary<string, double>() }]);

        Expect.Sequence([2, 3], imported.Select(t => t.Number), "Numbers of imported trials");
        IReadOnlyList<StoredTrial> read = c.Open().ReadTrials(id, 0);
        Expect.Equal(4, read.Count, "Trials read back: two started, two imported");
        Expect.SameTrial(imported[0], read[2], "The first imported trial as read back");
        Expect.SameTrial(imported[1], read[3], "The second imported trial as read back");
        Expect.SameTrial(done with { Number = 2 }, read[2], "The first imported trial against what was given", compareRevision: false);
    }

    public static void Unknown_studies_and_trials_are_refused(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;

        long unknown = id + 100;

        Expect.Throws<InvalidOperationException>(() => storage.ReadTrials(unknown, 0), "Reading trials of an unknown study");
        Expect.Throws<InvalidOperationException>(() => storage.Start(unknown, 1), "Starting trials in an unknown study");
        Expect.Throws<InvalidOperationException>(() => storage.Enqueue(unknown, Fixtures.Parameters(0.5)), "Enqueueing in an unknown study");
        Expect.Throws<InvalidOperationException>(() => storage.ReadEnqueued(unknown), "Reading the queue of an unknown study");
        Expect.Throws<InvalidOperationException>(
            () => storage.ImportTrials(unknown, [TrialTransitions.Start(0, Fixtures.Parameters(0.5), Fixtures.T0)]), "Importing trials into an unknown study");
        Expect.Throws<InvalidOperationException>(
            () => storage.FinishTrial(unknown, 0, TrialState.Completed, Fixtures.LossOf(1), null, Fixtures.T0), "Finishing a trial of an unknown study");
        Expect.Throws<InvalidOperationException>(() => storage.AddReport(unknown, 0, new TrialReport(0, 1), Fixtures.T0), "Reporting for a trial of an unknown study");
        Expect.Throws<InvalidOperationException>(() => storage.SetAttribute(unknown, 0, "k", "v"), "Setting an attribute of a trial of an unknown study");
        Expect.Throws<InvalidOperationException>(() => storage.FinishTrial(id, 0, TrialState.Completed, Fixtures.LossOf(1), null, Fixtures.T0), "Finishing an unknown trial");
        Expect.Throws<InvalidOperationException>(() => storage.AddReport(id, 5, new TrialReport(0, 1), Fixtures.T0), "Reporting for an unknown trial");
        Expect.Throws<InvalidOperationException>(() => storage.SetAttribute(id, 5, "k", "v"), "Setting an attribute of an unknown trial");
        Expect.Equal(0, storage.ReadTrials(id, 0).Count, "Trials after refused calls");
    }
}
