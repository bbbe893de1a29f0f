using Microsoft.Data.Sqlite;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>Worker processes on one SQLite file.</summary>
public sealed class SqliteWorkerProcessTests : WorkerProcessTests
{
    private readonly TempFolder _folder = new();

    private string DatabasePath => _folder.File("workers.db");

    protected override string[] StorageArguments => ["--storage", "sqlite", "--target", DatabasePath];

    protected override IStudyStorage OpenStorageCore() => new SqliteStudyStorage(DatabasePath);

    public override void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
    }

    [StorageFact]
    public void Workers_killed_while_writing_leave_the_database_consistent()
    {
        Study.Create(OpenStorage(), "writes", StoredTrials.Space, [Metric.Minimize("loss")]);
        var random = new Random(11);
        var workers = new List<WorkerProcess> { Writer(), Writer() };
        int killed = 0;
        for (int round = 0; round < 4; round++)
        {
            workers[round % 2].WaitForLine("WROTE ", TimeSpan.FromMinutes(1));
            Thread.Sleep(random.Next(50, 400));
            workers[round % 2].Kill();
            killed++;
            workers[round % 2] = Writer();
        }

        workers[0].WaitForLine("WROTE ", TimeSpan.FromMinutes(1));
        workers.ForEach(w => w.Kill());
        killed += 2;

        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
        }

        Study study = Study.Open(OpenStorage(), "writes");
        IReadOnlyList<Trial> trials = study.Trials;
        Assert.True(trials.Count > 10, $"only {trials.Count} trials were written");
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Id));
        Assert.InRange(trials.Count(t => t.State == TrialState.Running), 0, killed);
        Assert.All(trials.Where(t => t.State == TrialState.Completed), t =>
        {
            Assert.Single(t.Reports);
            Assert.StartsWith("xx", t.Attributes["payload"], StringComparison.Ordinal);
        });
        Trial more = study.Ask();
        study.Tell(more, 1.0);
        Assert.Equal(TrialState.Completed, study.Trials[more.Id].State);
    }

    private WorkerProcess Writer() => Start("--study", "writes", "--write-forever");
}
