using System.Diagnostics;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>The Distributed sample keeps a run whole when a worker dies, and keeps the PostgreSQL password off every command line.</summary>
[Collection(WorkerProcessCollection.Name)]
public sealed class DistributedSampleTests : TempFolderTests
{
    [Fact]
    public void A_killed_worker_share_is_run_by_a_replacement_and_no_trial_is_left_running()
    {
        string database = Folder.File("distributed.db");
        using var launcher = DistributedSample.Start(["--workers", "3", "--trials", "24", "--epoch-ms", "60", "--db", database, "--study", "killed"]);
        int victim = launcher.WorkerProcess(1);
        using (var storage = new SqliteStudyStorage(database))
        {
            // Kill worker 1 once trials are under way, most likely in the middle of one of its own.
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(1) && Study.Open(storage, "killed").Trials.Count(t => t.State == TrialState.Completed) < 4)
            {
                Thread.Sleep(50);
            }
        }

        using (Process worker = Process.GetProcessById(victim))
        {
            worker.Kill();
        }

        launcher.WaitForSuccess(TimeSpan.FromMinutes(3));

        Assert.Contains("worker 1 died", launcher.Output, StringComparison.Ordinal);
        using var reopened = new SqliteStudyStorage(database);
        IReadOnlyList<Trial> trials = Study.Open(reopened, "killed").Trials;
        Assert.Equal(24, trials.Count(t => t.State == TrialState.Completed));
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
    }

    [Fact]
    public void An_option_without_its_value_is_refused_instead_of_ignored()
    {
        string database = Folder.File("dangling.db");
        using var launcher = DistributedSample.Start(["--workers", "1", "--db", database, "--trials"]);

        int exitCode = launcher.WaitForExit(TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Option '--trials' needs a value", launcher.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(database), launcher.Output);
    }
}
