using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>A SQLite storage after it was disposed.</summary>
public sealed class SqliteDisposeTests : TempFolderTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    [Fact]
    public void A_disposed_storage_refuses_every_operation_naming_the_file_and_stores_nothing()
    {
        string path = Folder.File("disposed.db");
        var storage = new SqliteStudyStorage(path);
        Study study = Study.Create(storage, "s", Space, Metric.Minimize("loss"), new SobolSuggester(seed: 1));
        Trial trial = study.Ask();

        storage.Dispose();
        storage.Dispose();

        var tell = Assert.Throws<ObjectDisposedException>(() => study.Tell(trial, 1.0));
        Assert.Contains(path, tell.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => study.Ask());
        Assert.Throws<ObjectDisposedException>(() => storage.ListStudies());
        Assert.Throws<ObjectDisposedException>(() => storage.FindStudy("s"));
        using var reopened = new SqliteStudyStorage(path);
        Assert.Equal([TrialState.Running], Study.Open(reopened, "s").Trials.Select(t => t.State));
    }
}
