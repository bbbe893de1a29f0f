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
}
