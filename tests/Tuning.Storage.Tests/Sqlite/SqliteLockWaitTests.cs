using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>What waits for the file's write lock, which an ask holds while its suggester runs, and what that wait changes.</summary>
public sealed class SqliteLockWaitTests : TempFolderTests
{
    [Fact]
    public async Task A_sweep_that_waited_for_the_write_lock_gives_the_running_trials_that_wait_as_grace()
    {
        string path = Folder.File("swept.db");
        using var storage = new SqliteStudyStorage(path);
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        StoredTrial live = StoredTrials.Start(storage, id, 1)[0]; // last heartbeat at T0
        using var proposing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Task slowAsk = Task.Run(() => storage.StartTrials(
            id,
            1,
            0,
            snapshot =>
            {
                proposing.Set();
                release.Wait(TimeSpan.FromMinutes(1));
                return StoredTrials.Propose(snapshot);
            },
            TimeProvider.System));
        Assert.True(proposing.Wait(TimeSpan.FromSeconds(30)), "the slow ask never reached its proposer");

        // Judged stale by 1 s when the sweep begins; then it waits 3 s behind the slow ask, as the live trial's heartbeats do.
        DateTimeOffset staleBefore = StoredTrials.T0.AddSeconds(1);
        Task<IReadOnlyList<StoredTrial>> sweep = Task.Run(() => storage.FailStaleTrials(id, staleBefore, requeue: false, staleBefore));
        await Task.Delay(TimeSpan.FromSeconds(3));
        release.Set();
        await slowAsk.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Empty(await sweep.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(TrialState.Running, storage.ReadTrials(id, 0)[live.Number].State);
        Assert.Equal([live.Number], storage.FailStaleTrials(id, staleBefore, requeue: false, staleBefore).Select(t => t.Number)); // no wait: stale
    }

    [Fact]
    public async Task A_sweep_lets_the_heartbeats_that_waited_for_the_write_lock_land_before_it_judges()
    {
        // Another program (a big import, a backup, another worker's slow suggester) holds the file's write lock for longer
        // than the grace period; a live worker's heartbeat waits behind it. A sweep that takes the lock the moment it is
        // free, before the heartbeat, must not fail that worker's trial: its heartbeat is due, not missing.
        string path = Folder.File("held.db");
        using var sweeper = new SqliteStudyStorage(path);
        using var worker = new SqliteStudyStorage(path);
        long id = sweeper.CreateStudy("s", StoredTrials.Definition).Id;
        StoredTrial live = StoredTrials.Start(worker, id, 1)[0]; // last heartbeat at T0
        using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        holder.Open();
        using (Microsoft.Data.Sqlite.SqliteTransaction held = holder.BeginTransaction(deferred: false))
        {
            Task heartbeat = Task.Run(() => worker.Heartbeat(id, [live.Number], StoredTrials.T0.AddMinutes(10)));
            await Task.Delay(TimeSpan.FromSeconds(1)); // the heartbeat waits for the lock, retrying every 100 ms or so
            Assert.False(heartbeat.IsCompleted, "the heartbeat did not wait for the held write lock");
            held.Rollback();

            // The lock is free, and the sweep asks for it at once, before the waiting heartbeat retries.
            IReadOnlyList<StoredTrial> failed = sweeper.FailStaleTrials(id, StoredTrials.T0.AddMinutes(5), requeue: false, StoredTrials.T0.AddMinutes(10));

            Assert.Empty(failed);
            await heartbeat.WaitAsync(TimeSpan.FromMinutes(1));
        }

        StoredTrial after = worker.ReadTrials(id, 0)[live.Number];
        Assert.Equal(TrialState.Running, after.State);
        Assert.Equal(StoredTrials.T0.AddMinutes(10), after.HeartbeatAt);
    }
}
