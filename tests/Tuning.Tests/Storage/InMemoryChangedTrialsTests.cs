using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Storage;

/// <summary>The in-memory storage's read of the trials changed since a revision, which every ask and refresh makes.</summary>
public class InMemoryChangedTrialsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    /// <summary>One change to the stored trials: start, report on, finish, give an attribute to or beat for one (by position).</summary>
    private sealed record Change(int Kind, int Which);

    private static readonly Gen<Change> Changes =
        from kind in Gen.Choose(0, 4)
        from which in Gen.Choose(0, 50)
        select new Change(kind, which);

    [Fact]
    public void The_trials_changed_after_any_revision_are_those_of_a_full_read_with_a_higher_revision_in_number_order()
    {
        PropertyCheck.ForAll(Changes.ListOf(), changes =>
        {
            var storage = new InMemoryStudyStorage();
            StoredTrial imported = TrialTransitions.Start(0, "{}", Now) with { State = TrialState.Completed, Values = new Dictionary<string, double> { ["y"] = 1 } };
            long id = storage.ImportStudy("s", "{}", [imported, imported], []).Id;
            foreach (Change change in changes)
            {
                StoredTrial[] running = [.. storage.ReadTrials(id, 0).Where(t => t.State == TrialState.Running)];
                int count = storage.ReadTrials(id, 0).Count;
                switch (change.Kind)
                {
                    case 0:
                        storage.StartTrials(id, 1 + (change.Which % 2), 0, snapshot => [.. Enumerable.Repeat("{}", snapshot.Count)], TimeProvider.System);
                        break;
                    case 1 when running.Length > 0:
                        StoredTrial reported = running[change.Which % running.Length];
                        storage.AddReport(id, reported.Number, new TrialReport(reported.Reports.Count, change.Which), Now);
                        break;
                    case 2 when running.Length > 0:
                        storage.FinishTrial(id, running[change.Which % running.Length].Number, TrialState.Completed, new Dictionary<string, double> { ["y"] = change.Which }, null, Now);
                        break;
                    case 3:
                        storage.SetAttribute(id, change.Which % count, "a", $"{change.Which}");
                        break;
                    default:
                        storage.Heartbeat(id, [change.Which % count], Now.AddSeconds(change.Which));
                        break;
                }
            }

            IReadOnlyList<StoredTrial> all = storage.ReadTrials(id, 0);
            long latest = all.Max(t => t.Revision);
            for (long after = -1; after <= latest + 1; after++)
            {
                Assert.Equal(all.Where(t => t.Revision > after), storage.ReadTrials(id, after));
            }

            Assert.Empty(storage.ReadTrials(id, long.MaxValue));
        });
    }

    [Fact]
    public void A_change_to_a_study_of_many_trials_is_read_without_looking_at_every_trial()
    {
        // 100,000 trials and 20,000 changes, each read back by the next revision as a worker's ask reads it: every read
        // looked at every trial, 2e9 looks and tens of seconds. The limit only catches a return to that.
        const int N = 100_000, Changes = 20_000;
        StoredTrial completed = TrialTransitions.Start(0, "{}", Now) with { State = TrialState.Completed, Values = new Dictionary<string, double> { ["y"] = 1 } };
        var storage = new InMemoryStudyStorage();
        long id = storage.ImportStudy("many", "{}", [.. Enumerable.Repeat(completed, N)], []).Id;
        long revision = N;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < Changes; i++)
        {
            int number = (int)((i * 7919L) % N);
            storage.SetAttribute(id, number, "checked", $"{i}");
            IReadOnlyList<StoredTrial> changed = storage.ReadTrials(id, revision);
            Assert.Equal(number, Assert.Single(changed).Number);
            revision = changed[0].Revision;
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed.TotalSeconds:F1} s for {Changes} changes read back from {N} trials");
    }
}
