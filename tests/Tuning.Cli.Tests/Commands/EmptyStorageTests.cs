using Microsoft.Data.Sqlite;
using Tuning.Cli.Tests.Support;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Cli.Tests.Commands;

/// <summary>A storage without studies, and studies without trials or without a feasible one.</summary>
public sealed class EmptyStorageTests : TempFolderTests
{
    [Fact]
    public void A_storage_without_studies_lists_nothing_and_says_so()
    {
        string path = Folder.File("empty.db");
        new SqliteStudyStorage(path).Dispose();
        SqliteConnection.ClearAllPools();

        CliRun run = CliRun.Of("studies", "--storage", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal($"sqlite:{path} holds no study.{Environment.NewLine}", run.Error);
    }

    [Fact]
    public void A_study_without_trials_has_no_best_trial_and_an_empty_csv()
    {
        string path = Folder.File("s.db");
        using (var storage = new SqliteStudyStorage(path))
        {
            Study.Create(storage, "fresh", SampleStudies.Space(), [Metric.Minimize("loss")]);
            Study.Create(storage, "fresh-two", SampleStudies.Space(), [Metric.Minimize("loss"), Metric.Maximize("accuracy")]);
        }

        CliRun show = CliRun.Of("show", "fresh", "-s", path);
        CliRun showTwo = CliRun.Of("show", "fresh-two", "-s", path);
        CliRun studies = CliRun.Of("studies", "-s", path);
        CliRun csv = CliRun.Of("export", "fresh", "-f", "csv", "-s", path);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("Trials: none yet.", show.Output, StringComparison.Ordinal);
        Assert.Contains("Best trial: none yet. No trial has completed yet, so there is no best trial.", show.Output, StringComparison.Ordinal);
        Assert.Contains("Pareto front: none yet. No trial has completed yet, so there is no Pareto front to measure.", showTwo.Output, StringComparison.Ordinal);
        Assert.Equal(["fresh", "0", "0", "0", "0", "0", "-"], studies.Output.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i != 1));
        Assert.Equal("id,state,started,finished,duration_s,loss,lr,layers,optimizer,momentum,fail_reason\r\n", csv.Output);
    }

    [Fact]
    public void A_study_without_trials_still_gets_a_report()
    {
        string path = Folder.File("s.db");
        using (var storage = new SqliteStudyStorage(path))
        {
            Study.Create(storage, "fresh", SampleStudies.Space(), [Metric.Minimize("loss")]);
        }

        CliRun run = CliRun.Of("report", "fresh", "--out", Folder.File("fresh.html"), "-s", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("no best trial", File.ReadAllText(Folder.File("fresh.html")), StringComparison.Ordinal);
    }
}
