using System.Diagnostics;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>
/// Restarts the PostgreSQL server under running workers. Runs alone (its collection disables parallelization), since
/// a restart drops every connection of the test run.
/// </summary>
[RequiresPostgresRestart]
[Collection(PostgresRestartCollection.Name)]
public sealed class PostgreSqlRestartTests : PostgresSchemaTests
{

    [StorageFact]
    public void Workers_reconnect_after_a_server_restart_and_lose_nothing()
    {
        Study study = Study.Create(OpenStorage(), "restart", StoredTrials.Space, [Metric.Minimize("loss")]);
        object? startedAt = PostgresServer.Scalar(Schema, "SELECT pg_postmaster_start_time()");
        List<WorkerProcess> workers = [.. Enumerable.Range(0, 4).Select(_ => Own(WorkerProcess.Start(
            "--storage", "postgres", "--schema", Schema, "--study", "restart",
            "--trials", "40", "--trial-ms", "25", "--reports", "2", "--heartbeat-ms", "200", "--grace-ms", "60000")))];
        foreach (WorkerProcess worker in workers)
        {
            worker.WaitForLine("TOLD ", TimeSpan.FromMinutes(1));
        }

        RestartServer();
        foreach (WorkerProcess worker in workers)
        {
            worker.WaitForSuccess(TimeSpan.FromMinutes(2));
        }

        Assert.NotEqual(startedAt, PostgresServer.Scalar(Schema, "SELECT pg_postmaster_start_time()"));
        IReadOnlyList<Trial> trials = study.Trials;
        Assert.Equal(Enumerable.Range(0, 160), trials.Select(t => t.Id));
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Completed, t.State);
            Assert.Equal(2, t.Reports.Count);
        });

        // 160 asks, 320 reports and 160 tells: each one change, none lost or doubled by a retry.
        Assert.Equal(640L, PostgresServer.Scalar(Schema, "SELECT revision FROM study_revisions"));
    }

    internal static void RestartServer()
    {
        if (PostgresServer.BinDirectory is not string bin || PostgresServer.DataDirectory is not string data)
        {
            throw new InvalidOperationException(
                "CI_REQUIRE_POSTGRES=1 but TUNING_POSTGRES_PGDATA or TUNING_POSTGRES_PGBIN is not set: start the server with .ci/start-postgres.sh.");
        }

        string pgCtl = Path.Combine(bin, "pg_ctl");
        var start = new ProcessStartInfo(Environment.UserName == "root" ? "runuser" : pgCtl) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Environment.UserName == "root")
        {
            foreach (string a in (string[])["-u", "postgres", "--", pgCtl])
            {
                start.ArgumentList.Add(a);
            }
        }

        // -l: the restarted server must not inherit this process's pipes.
        foreach (string a in (string[])["-D", data, "-l", Path.Combine(data, "server.log"), "-m", "fast", "-w", "-t", "60", "restart"])
        {
            start.ArgumentList.Add(a);
        }

        using Process pgctl = Process.Start(start)!;
        string output = pgctl.StandardOutput.ReadToEnd() + pgctl.StandardError.ReadToEnd();
        pgctl.WaitForExit();
        Assert.True(pgctl.ExitCode == 0, $"pg_ctl restart failed: {output}");
    }
}

/// <summary>Tests that restart the server run after all others, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresRestartCollection
{
    public const string Name = "PostgreSQL restart";
}
