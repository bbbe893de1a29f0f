using System.Diagnostics;
using Tuning.Storage.PostgreSql;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>An ask holds the study's lock, in an open transaction, while its suggester runs: what waits for it, and what may end it.</summary>
[RequiresPostgres]
public sealed class PostgreSqlLockWaitTests : PostgresSchemaTests
{
    [StorageFact]
    public void Waiting_past_the_ask_timeout_for_a_running_ask_is_a_timeout_naming_the_option_and_changes_nothing()
    {
        using PostgreSqlStudyStorage asker = NewStorage();
        using var waiter = new PostgreSqlStudyStorage(
            PostgresServer.RequireConnectionString(), new PostgreSqlStudyStorageOptions { Schema = Schema, AskTimeout = TimeSpan.FromSeconds(1) });
        StoredStudy study = asker.CreateStudy("held", StoredTrials.Definition);
        using var proposing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Task ask = Task.Run(() => asker.StartTrials(
            study.Id,
            1,
            0,
            snapshot =>
            {
                proposing.Set();
                release.Wait(TimeSpan.FromMinutes(2));
                return StoredTrials.Propose(snapshot);
            },
            TimeProvider.System));
        Assert.True(proposing.Wait(TimeSpan.FromSeconds(30)), "the first ask never reached its proposer");
        var clock = Stopwatch.StartNew();
        Exception[] waits;
        try
        {
            waits =
            [
                Assert.Throws<TimeoutException>(() => waiter.RenameStudy(study.Id, "renamed")),
                Assert.Throws<TimeoutException>(() => waiter.DeleteStudy(study.Id)),
                Assert.Throws<TimeoutException>(() => StoredTrials.Start(waiter, study.Id, 1)),
            ];
        }
        finally
        {
            release.Set();
            ask.Wait(TimeSpan.FromMinutes(1));
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"three waits of a 1 s ask timeout took {clock.Elapsed}"); // not the 30 s command timeout each
        Assert.All(waits, e => Assert.Contains("AskTimeout", e.Message, StringComparison.Ordinal));
        Assert.Equal(["held"], waiter.ListStudies().Select(s => s.Name));
        Assert.Single(waiter.ReadTrials(study.Id, 0)); // the first ask's trial, and none of the timed-out one
        waiter.RenameStudy(study.Id, "renamed");
        Assert.Equal(["renamed"], waiter.ListStudies().Select(s => s.Name));
    }

    [StorageFact]
    public void An_ask_that_times_out_because_the_server_stopped_answering_says_so_and_not_that_an_ask_holds_the_study()
    {
        var target = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString());
        using var relay = new FreezableRelay(target.Host!, target.Port);
        var through = new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 };
        using var storage = new PostgreSqlStudyStorage(
            through.ConnectionString, new PostgreSqlStudyStorageOptions { Schema = Schema, AskTimeout = TimeSpan.FromSeconds(1), RetryTimeout = TimeSpan.FromSeconds(2) });
        StoredStudy study = storage.CreateStudy("hung", StoredTrials.Definition);

        relay.Freeze();
        var e = Assert.Throws<IOException>(() => StoredTrials.Start(storage, study.Id, 1));

        Assert.Contains("stopped answering", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("another worker's ask", e.Message, StringComparison.Ordinal);
        using PostgreSqlStudyStorage direct = NewStorage();
        Assert.Empty(direct.ReadTrials(study.Id, 0));
    }

    [StorageFact]
    public void An_ask_ended_by_the_server_idle_in_transaction_timeout_names_the_setting_and_stores_nothing()
    {
        // A server or role setting shorter than the suggester's time ends the ask's transaction while it proposes.
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { Options = "-c idle_in_transaction_session_timeout=500" };
        using var storage = new PostgreSqlStudyStorage(builder.ConnectionString, new PostgreSqlStudyStorageOptions { Schema = Schema });
        StoredStudy study = storage.CreateStudy("idle", StoredTrials.Definition);
        storage.Enqueue(study.Id, StoredTrials.Parameters(0.5));

        var e = Assert.Throws<TimeoutException>(() => storage.StartTrials(
            study.Id,
            2,
            0,
            snapshot =>
            {
                Thread.Sleep(2000);
                return StoredTrials.Propose(snapshot);
            },
            TimeProvider.System));

        Assert.Contains("idle_in_transaction_session_timeout", e.Message, StringComparison.Ordinal);
        Assert.Empty(storage.ReadTrials(study.Id, 0));
        Assert.Single(storage.ReadEnqueued(study.Id)); // the claimed parameters are back in the queue
    }

    [StorageFact]
    public void An_ask_waits_for_another_up_to_the_ask_timeout_whatever_the_server_statement_and_lock_timeouts()
    {
        using PostgreSqlStudyStorage asker = NewStorage();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { Options = "-c statement_timeout=300 -c lock_timeout=300" };
        using var waiter = new PostgreSqlStudyStorage(builder.ConnectionString, new PostgreSqlStudyStorageOptions { Schema = Schema });
        StoredStudy study = asker.CreateStudy("held", StoredTrials.Definition);
        using var proposing = new ManualResetEventSlim();
        Task<IReadOnlyList<StoredTrial>> first = Task.Run(() => asker.StartTrials(
            study.Id,
            1,
            0,
            snapshot =>
            {
                proposing.Set();
                Thread.Sleep(1500);
                return StoredTrials.Propose(snapshot);
            },
            TimeProvider.System));
        Assert.True(proposing.Wait(TimeSpan.FromSeconds(30)), "the first ask never reached its proposer");

        IReadOnlyList<StoredTrial> second = StoredTrials.Start(waiter, study.Id, 1);

        Assert.True(first.Wait(TimeSpan.FromMinutes(1)));
        Assert.Equal([0, 1], first.Result.Concat(second).Select(t => t.Number).Order());
    }

    [StorageFact]
    public void A_tell_that_meets_the_role_lock_timeout_waits_by_retrying_and_is_stored_once()
    {
        using PostgreSqlStudyStorage owner = NewStorage();
        StoredStudy study = owner.CreateStudy("held", StoredTrials.Definition);
        StoredTrial running = StoredTrials.Start(owner, study.Id, 1)[0];
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { Options = "-c lock_timeout=1" };
        using var teller = new PostgreSqlStudyStorage(builder.ConnectionString, new PostgreSqlStudyStorageOptions { Schema = Schema });

        // Another writer holds the study's revision lock for a moment, as a burst of other workers' tells does.
        using var holder = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { SearchPath = Schema, Pooling = false }.ConnectionString);
        holder.Open();
        using (Npgsql.NpgsqlTransaction hold = holder.BeginTransaction())
        {
            using var lockRow = new Npgsql.NpgsqlCommand($"SELECT 1 FROM study_revisions WHERE study_id = {study.Id} FOR NO KEY UPDATE", holder, hold);
            lockRow.ExecuteNonQuery();
            Task<StoredTrial> tell = Task.Factory.StartNew( // on a thread of its own, so that it starts while the lock is held
                () => teller.FinishTrial(study.Id, running.Number, TrialState.Completed, new Dictionary<string, double> { ["loss"] = 0.5 }, null, StoredTrials.T0),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            Thread.Sleep(500);
            hold.Commit();

            Assert.True(tell.Wait(TimeSpan.FromMinutes(1)), "the tell never ended");
            Assert.Equal(TrialState.Completed, tell.Result.State);
        }

        Assert.Equal(TrialState.Completed, owner.ReadTrials(study.Id, 0)[running.Number].State);
    }

    [StorageFact]
    public void Writes_that_wait_for_other_writers_outlast_a_short_role_statement_timeout()
    {
        using PostgreSqlStudyStorage owner = NewStorage();
        StoredStudy study = owner.CreateStudy("held", StoredTrials.Definition);
        IReadOnlyList<StoredTrial> running = StoredTrials.Start(owner, study.Id, 3);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { Options = "-c statement_timeout=50" };
        using var writer = new PostgreSqlStudyStorage(builder.ConnectionString, new PostgreSqlStudyStorageOptions { Schema = Schema });

        // Another writer holds the study's revision lock for longer than the statement timeout, as a burst of commits may.
        using var holder = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { SearchPath = Schema, Pooling = false }.ConnectionString);
        holder.Open();
        Task[] writes;
        using (Npgsql.NpgsqlTransaction hold = holder.BeginTransaction())
        {
            using var lockRow = new Npgsql.NpgsqlCommand($"SELECT 1 FROM study_revisions WHERE study_id = {study.Id} FOR NO KEY UPDATE", holder, hold);
            lockRow.ExecuteNonQuery();
            writes =
            [
                Task.Factory.StartNew(() => writer.FinishTrial(study.Id, running[0].Number, TrialState.Completed, new Dictionary<string, double> { ["loss"] = 0.5 }, null, StoredTrials.T0), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default),
                Task.Factory.StartNew(() => writer.AddReport(study.Id, running[1].Number, new TrialReport(1, 0.5), StoredTrials.T0), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default),
                Task.Factory.StartNew(() => writer.Heartbeat(study.Id, [running[2].Number], StoredTrials.T0.AddSeconds(1)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default),
            ];
            Thread.Sleep(500);
            hold.Commit();
        }

        Assert.True(Task.WaitAll(writes, TimeSpan.FromMinutes(1)), "the writes never ended");
        IReadOnlyList<StoredTrial> stored = owner.ReadTrials(study.Id, 0);
        Assert.Equal(TrialState.Completed, stored[0].State);
        Assert.Single(stored[1].Reports);
        Assert.Equal(StoredTrials.T0.AddSeconds(1), stored[2].HeartbeatAt);
    }
}
