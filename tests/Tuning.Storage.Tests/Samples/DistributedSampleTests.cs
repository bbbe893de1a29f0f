using System.Diagnostics;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>The Distributed sample keeps a run whole when a worker dies, and keeps the PostgreSQL password off every command line.</summary>
[Collection(WorkerProcessCollection.Name)]
public sealed class DistributedSampleTests : TempFolderTests
{
    /// <summary>The sample's search space, so that a study this test opens is the one the workers open.</summary>
    private static readonly SearchSpace SampleSpace = new SearchSpaceBuilder()
        .Float("learning_rate", 1e-4, 1e-1, log: true)
        .Float("dropout", 0.0, 0.5)
        .Int("layers", 1, 6)
        .Categorical("optimizer", "adam", "sgd")
        .Build();

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
    public void A_worker_that_keeps_dying_fails_the_run_only_after_the_other_workers_finish_and_no_trial_is_left_running()
    {
        string database = Folder.File("dying.db");
        using var launcher = DistributedSample.Start(["--workers", "2", "--trials", "16", "--epoch-ms", "300", "--db", database, "--study", "dying"]);
        for (int start = 1; start <= 4; start++)
        {
            using Process worker = Process.GetProcessById(launcher.WorkerProcess(1, start));
            worker.Kill();
        }

        int exitCode = launcher.WaitForExit(TimeSpan.FromMinutes(3));

        Assert.True(exitCode != 0, launcher.Output);
        string[] lines = launcher.Output.Split(Environment.NewLine);
        int gaveUp = Array.FindIndex(lines, l => l.Contains("giving up", StringComparison.Ordinal));
        int otherDone = Array.FindIndex(lines, l => l.StartsWith("worker 0: ran 8 trials", StringComparison.Ordinal));
        int failed = Array.FindLastIndex(lines, l => l.StartsWith("The run failed", StringComparison.Ordinal));
        Assert.True(gaveUp >= 0 && otherDone >= 0 && failed > otherDone, launcher.Output); // the launcher waits for worker 0, then reports the failure
        using var storage = new SqliteStudyStorage(database);
        Assert.DoesNotContain(Study.Open(storage, "dying").Trials, t => t.State == TrialState.Running);
    }

    [Fact]
    public void A_dead_worker_leaves_the_running_trials_of_another_launcher_with_the_same_worker_index_alone()
    {
        // The README starts the same command on several machines against one database: every launcher numbers its
        // workers from 0, so a trial tagged worker 0 may belong to another launcher's live worker.
        string database = Folder.File("shared.db");
        using var storage = new SqliteStudyStorage(database);
        Study other = Study.CreateOrOpen(storage, "shared", SampleSpace, [Metric.Minimize("loss")], new SobolSuggester(seed: 2026),
            new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(2) });
        Trial alive = other.Ask();
        alive.SetAttribute("worker", "0");

        using var launcher = DistributedSample.Start(["--workers", "1", "--trials", "4", "--epoch-ms", "200", "--db", database, "--study", "shared"]);
        using (Process worker = Process.GetProcessById(launcher.WorkerProcess(0)))
        {
            worker.Kill();
        }

        var clock = Stopwatch.StartNew();
        while (!launcher.Output.Contains("worker 0 died", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            Thread.Sleep(20);
        }

        Assert.Equal(TrialState.Running, Study.Open(storage, "shared").Trials[alive.Id].State);
        other.Tell(alive, 1.0);
        launcher.WaitForSuccess(TimeSpan.FromMinutes(3));
        IReadOnlyList<Trial> trials = Study.Open(storage, "shared").Trials;
        Assert.Equal(4, trials.Count(t => t.State == TrialState.Completed && t.Id != alive.Id));
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
    }

    [Fact]
    public void A_launcher_does_not_wait_for_the_running_trials_of_another_launcher_to_go_stale()
    {
        string database = Folder.File("busy.db");
        using var storage = new SqliteStudyStorage(database);
        Study other = Study.CreateOrOpen(storage, "busy", SampleSpace, [Metric.Minimize("loss")], new SobolSuggester(seed: 2026),
            new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(2) });
        Trial alive = other.Ask();
        alive.SetAttribute("launcher", "elsewhere");
        alive.SetAttribute("worker", "0");

        using var launcher = DistributedSample.Start(["--workers", "1", "--trials", "2", "--epoch-ms", "10", "--db", database, "--study", "busy"]);
        launcher.WaitForSuccess(TimeSpan.FromMinutes(3));

        Assert.DoesNotContain("still running without its worker", launcher.Output, StringComparison.Ordinal);
        Assert.Equal(TrialState.Running, Study.Open(storage, "busy").Trials[alive.Id].State);
        other.Tell(alive, 1.0);
    }

    [Fact]
    public void More_workers_than_trials_start_only_as_many_workers_as_there_are_trials()
    {
        string database = Folder.File("few.db");
        using var launcher = DistributedSample.Start(["--workers", "4", "--trials", "2", "--epoch-ms", "10", "--db", database, "--study", "few"]);

        launcher.WaitForSuccess(TimeSpan.FromMinutes(2));

        Assert.DoesNotContain("died", launcher.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", launcher.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("worker 2 started", launcher.Output, StringComparison.Ordinal);
        Assert.Contains("2 new completed trials", launcher.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--workers", "many")]
    [InlineData("--trials", "1e3")]
    [InlineData("--epoch-ms", "")]
    public void A_number_option_with_a_value_that_is_no_integer_is_refused_by_name(string option, string value)
    {
        string database = Folder.File("not-a-number.db");
        using var launcher = DistributedSample.Start([option, value, "--db", database]);

        int exitCode = launcher.WaitForExit(TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"Option '{option}' takes an integer, not '{value}'.", launcher.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(database), launcher.Output);
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
