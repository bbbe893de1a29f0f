using Microsoft.Data.Sqlite;
using Tuning.Cli.Storage;
using Tuning.Cli.Tests.Support;

namespace Tuning.Cli.Tests.Storage;

/// <summary>A storage the tool creates for a command (a copy's destination) is all or nothing: a failed command leaves none behind.</summary>
public sealed class StudyStoreTests : SampleDatabaseTests
{
    [Fact]
    public void A_database_created_for_a_command_that_fails_is_removed_with_the_folders_created_for_it()
    {
        IReadOnlyList<string> before = Folder.Snapshot();
        StorageLocation location = StorageLocation.Parse("sqlite:" + Folder.File("backup/2026/copy.db"));

        var e = Assert.Throws<IOException>(() => StudyStore.WithCreated<int>(location, null, store =>
        {
            Assert.Empty(store.ListStudies());
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", e.Message);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Folder.Snapshot());
    }

    [Fact]
    public void An_existing_database_and_its_folder_stay_when_the_command_fails()
    {
        SqliteConnection.ClearAllPools();
        IReadOnlyList<string> before = Folder.Snapshot();

        Assert.Throws<IOException>(() => StudyStore.WithCreated<int>(StorageLocation.Parse(Database), null, _ => throw new IOException("disk full")));

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Folder.Snapshot());
    }

    [Fact]
    public void A_created_database_that_a_study_got_into_meanwhile_is_kept()
    {
        string path = Folder.File("shared.db");

        Assert.Throws<IOException>(() => StudyStore.WithCreated<int>(StorageLocation.Parse(path), null, store =>
        {
            Study.Create(store.Storage, "someone-else", SampleStudies.Space(), [Metric.Minimize("loss")]);
            throw new IOException("disk full");
        }));

        SqliteConnection.ClearAllPools();
        using var storage = new Tuning.Storage.Sqlite.SqliteStudyStorage(path);
        Assert.Equal(["someone-else"], storage.ListStudies().Select(s => s.Name));
    }
}
