using System.Globalization;

namespace Tuning.Storage.Testing;

/// <summary>
/// Several workers on one study at once, as threads of this process, each with its own opening of the storage: asks
/// take turns, and writes to different trials are all kept. What these checks cannot see is a lock that holds between
/// threads but not between processes.
/// </summary>
internal static class ConcurrencyChecks
{
    /// <summary>
    /// How long a call that must wait is watched. A storage that makes it wait passes however loaded the machine is, since
    /// the call never gets through; one without the lock lets it through as soon as its thread runs, well within this.
    /// </summary>
    private static readonly TimeSpan Watched = TimeSpan.FromSeconds(1);

    /// <summary>How long a call that can go on is given to end: only a lock that is never released takes this long.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static void A_second_ask_waits_until_the_first_commits_and_a_tell_meanwhile_is_kept(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Start(id, 1); // trial 0, told by another worker while the first ask proposes
        storage.Enqueue(id, Fixtures.Parameters(0.7));
        IStudyStorage secondWorker = c.Open(), thirdWorker = c.Open();
        var clock = new ManualTimeProvider(Fixtures.T0);
        AskSnapshot? secondSaw = null;
        IReadOnlyList<StoredTrial> second = [];
        var secondAsk = new ConcurrentCall("The second ask", call => second = secondWorker.StartTrials(id, 2, 0, snapshot =>
        {
            call.Mark();
            secondSaw = snapshot;
            return [.. Enumerable.Range(0, snapshot.Count).Select(i => Fixtures.Parameters(0.2 + (i / 100.0)))];
        }, clock));
        var tell = new ConcurrentCall("A tell made while an ask proposed", _ =>
            thirdWorker.FinishTrial(id, 0, TrialState.Completed, Fixtures.LossOf(0.25), null, Fixtures.T0.AddSeconds(1)));
        bool secondMoved = false;
        const string TakeTurns =
            "A second ask, started on another thread while the first ask's proposer ran, got to its own proposer or ended "
            + "before the first ask committed: asks on a study must take turns (the ask lock), so that each proposer sees the "
            + "other's trials as pending and enqueued parameters are claimed once.";

        IReadOnlyList<StoredTrial> first;
        try
        {
            first = storage.StartTrials(id, 2, 0, _ =>
            {
                secondAsk.Start();
                tell.Start();
                secondMoved = secondAsk.MovedWithin(Watched);
                return [Fixtures.Parameters(0.5)];
            }, clock);
        }
        catch (Exception e) when (secondMoved && e is not StorageConformanceException)
        {
            throw new StorageConformanceException($"{TakeTurns} The first ask then threw {e.GetType().Name}: {e.Message}", e);
        }

        secondAsk.Join(Patience);
        tell.Join(Patience);
        Expect.True(!secondMoved, secondAsk.Error is Exception error ? $"{TakeTurns} The second ask threw {error.GetType().Name}: {error.Message}" : TakeTurns);
        secondAsk.Finish(Patience);
        tell.Finish(Patience);
        Expect.Sequence([1, 2], first.Select(t => t.Number), "Numbers of the first ask's trials");
        Expect.Equal(Fixtures.Parameters(0.7), first[0].Parameters, "Parameters of the first ask's first trial (the enqueued set)");
        Expect.Sequence([3, 4], second.Select(t => t.Number), "Numbers of the second ask's trials, which waited for the first");
        Expect.True(secondSaw is not null, "The second ask's proposer is called: the queue was empty once the first ask had claimed its one set.");
        Expect.Sequence(
            [TrialState.Running, TrialState.Running],
            secondSaw!.Changed.Where(t => t.Number is 1 or 2).Select(t => t.State),
            "States of the first ask's trials as the second ask's proposer saw them");
        Expect.Equal(0, secondSaw.Claimed.Count, "Enqueued sets the second ask claimed after the first had claimed the only one");
        IReadOnlyList<StoredTrial> stored = c.Open().ReadTrials(id, 0);
        Expect.Sequence([0, 1, 2, 3, 4], stored.Select(t => t.Number), "Numbers of the stored trials");
        Expect.True(
            stored[0].State == TrialState.Completed,
            $"A tell another worker made while an ask proposed was lost: trial 0 is {stored[0].State} after it. An ask's commit "
            + "must add its trials to the study as stored then, not write back the trials it read when it began.");
        Expect.Equal(0, c.Open().ReadEnqueued(id).Count, "Parameters left in the queue");
    }

    public static void Writes_from_several_threads_to_different_trials_are_all_kept(ConformanceContext c)
    {
        const int Threads = 4, TrialsEach = 6, Trials = Threads * TrialsEach;
        IStudyStorage storage = c.Open();
        long id = storage.CreateStudy("s", Fixtures.Definition).Id;
        storage.Start(id, Trials);
        IStudyStorage[] workers = [storage, storage, c.Open(), c.Open()]; // threads sharing an opening, and openings of their own
        using var start = new Barrier(Threads);
        ConcurrentCall[] calls = [.. Enumerable.Range(0, Threads).Select(w => new ConcurrentCall($"Thread {w}'s writes", _ =>
        {
            start.SignalAndWait(Patience);
            for (int n = w; n < Trials; n += Threads)
            {
                workers[w].AddReport(id, n, new TrialReport(1, n), Fixtures.T0.AddSeconds(1));
                workers[w].Heartbeat(id, [n], Fixtures.T0.AddSeconds(2));
                workers[w].SetAttribute(id, n, "thread", Text(w));
                workers[w].FinishTrial(id, n, TrialState.Completed, Fixtures.LossOf(n), null, Fixtures.T0.AddSeconds(3));
            }
        }))];

        Array.ForEach(calls, call => call.Start());
        Array.ForEach(calls, call => call.Finish(Patience));

        IReadOnlyList<StoredTrial> stored = c.Open().ReadTrials(id, 0);
        Expect.Equal(Trials, stored.Count, "Trials after the writes");
        StoredTrial[] lost = [.. stored.Where(t => Lost(t, Threads).Any())];
        if (lost.Length > 0)
        {
            throw new StorageConformanceException(
                $"{lost.Length} of {Trials} trials lost some of what {Threads} threads wrote at once, each to its own trials "
                + $"(trials {string.Join(", ", lost.Select(t => t.Number))}; trial {lost[0].Number} lost its {string.Join(", ", Lost(lost[0], Threads))}): "
                + "a change must be made under the study's write lock to the trial as stored then, not written back over what another worker changed meanwhile.");
        }

        Expect.Equal(Trials, stored.Select(t => t.Revision).Distinct().Count(), "Distinct revisions of trials changed at once by several threads");
        Expect.Equal(4L * Trials, stored.Max(t => t.Revision), $"The latest revision after {Trials} starts and {3 * Trials} changes");
    }

    /// <summary>What a trial of the write check lacks of what its thread wrote.</summary>
    private static IEnumerable<string> Lost(StoredTrial t, int threads)
    {
        if (t.State != TrialState.Completed || !t.Values.TryGetValue("loss", out double loss) || loss != t.Number)
        {
            yield return "tell";
        }

        if (!t.Reports.SequenceEqual([new TrialReport(1, t.Number)]))
        {
            yield return "report";
        }

        if (t.HeartbeatAt != Fixtures.T0.AddSeconds(2))
        {
            yield return "heartbeat";
        }

        if (!t.Attributes.TryGetValue("thread", out string? thread) || thread != Text(t.Number % threads))
        {
            yield return "attribute";
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
