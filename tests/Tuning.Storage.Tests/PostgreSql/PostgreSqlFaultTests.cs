using System.Diagnostics;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>
/// The fault test: worker processes on one PostgreSQL study, two of them killed with SIGKILL mid-run and the server
/// restarted between the kills. The run must still end with every enqueued configuration completed exactly once and no
/// trial left running. Runs alone, with the other tests that restart the server.
/// </summary>
[RequiresPostgresRestart]
[Collection(PostgresRestartCollection.Name)]
public sealed class PostgreSqlFaultTests : PostgresSchemaTests
{
    private const int Configurations = 48;

    [StorageFact]
    public void Killed_workers_and_a_server_restart_end_with_every_configuration_completed_once_and_nothing_running()
    {
        Study study = Study.Create(OpenStorage(), "faults", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1));
        var configurations = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Configurations; i++)
        {
            var parameters = new Dictionary<string, object> { ["x"] = i / 100.0, ["y"] = 0.5, ["kind"] = i % 2 == 0 ? "a" : "b" };
            study.Enqueue(parameters);
            configurations.Add(StoredTrials.Parameters(i / 100.0, 0.5, i % 2 == 0 ? "a" : "b"));
        }

        object? startedAt = PostgresServer.Scalar(Schema, "SELECT pg_postmaster_start_time()");
        List<WorkerProcess> workers = [.. Enumerable.Range(0, 4).Select(_ => Start())];
        WaitForTold(workers, 8);
        int orphaned = KillInTheMiddleOfATrial(workers[0], study);
        PostgreSqlRestartTests.RestartServer();
        WaitForTold(workers, 20);
        orphaned += KillInTheMiddleOfATrial(workers[1], study);
        workers.Add(Start());
        workers.Add(Start());
        foreach (WorkerProcess worker in workers.Skip(2))
        {
            worker.WaitForSuccess(TimeSpan.FromMinutes(3));
        }

        Assert.NotEqual(startedAt, PostgresServer.Scalar(Schema, "SELECT pg_postmaster_start_time()"));
        IReadOnlyList<Trial> trials = study.Trials;
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
        Assert.Equal(Configurations, trials.Count(t => t.State == TrialState.Completed));
        Assert.Equal(configurations.Order(), trials.Where(t => t.State == TrialState.Completed).Select(t => t.Record.Parameters).Order());
        Assert.All(trials.Where(t => t.State == TrialState.Failed), t => Assert.Equal(TrialTransitions.StaleReason, t.FailReason));
        Assert.True(orphaned >= 1, "No kill left a trial running: the test did not test what it claims.");
        Assert.True(trials.Count(t => t.State == TrialState.Failed) >= orphaned, "Every trial a killed worker left running was failed as stale and run again.");
        Assert.Empty(study.Enqueued);
    }

    /// <summary>
    /// Starts a worker whose trials take 0.8 s: long enough that a kill just after an ask lands mid-trial even when the
    /// test's reading of the worker's output lags on a loaded machine (at 0.3 s one run in many saw both trials told).
    /// </summary>
    private WorkerProcess Start()
    {
        var worker = WorkerProcess.Start(
            "--storage", "postgres", "--schema", Schema, "--study", "faults", "--queue-only", "--trial-ms", "800",
            "--heartbeat-ms", "300", "--grace-ms", "3000", "--retry-stale");
        return Own(worker);
    }

    /// <summary>Kills a worker (SIGKILL) just after it asked for a trial; returns 1 if that trial was left running (0 if it had been told).</summary>
    private static int KillInTheMiddleOfATrial(WorkerProcess worker, Study study)
    {
        var clock = Stopwatch.StartNew();
        string? asked;
        while ((asked = worker.Lines.LastOrDefault())?.StartsWith("ASKED ", StringComparison.Ordinal) != true)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "The worker never had a trial running.");
            Thread.Sleep(5);
        }

        worker.Kill();
        return study.Trials[int.Parse(asked![6..], System.Globalization.CultureInfo.InvariantCulture)].State == TrialState.Running ? 1 : 0;
    }

    private static void WaitForTold(IReadOnlyList<WorkerProcess> workers, int count)
    {
        var clock = Stopwatch.StartNew();
        while (workers.Sum(w => w.Lines.Count(l => l.StartsWith("TOLD ", StringComparison.Ordinal))) < count)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"The workers told fewer than {count} trials in two minutes.");
            Thread.Sleep(20);
        }
    }
}
