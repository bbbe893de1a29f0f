using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>Files a SQLite storage must refuse clearly, leaving them exactly as they were.</summary>
public sealed class SqliteFileTests : TempFolderTests
{
    [Fact]
    public void A_missing_file_with_creation_off_is_refused_and_not_created()
    {
        string path = Folder.File("missing.db");

        var e = Assert.Throws<FileNotFoundException>(() => new SqliteStudyStorage(path, new SqliteStudyStorageOptions { CreateIfMissing = false }));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused_and_left_unchanged()
    {
        string path = Folder.File("newer.db");
        CreateStudyDatabase(path);
        Execute(path, "UPDATE schema_version SET version = 99");
        string before = Hash(path);

        var e = Assert.Throws<InvalidOperationException>(() => new SqliteStudyStorage(path));

        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_and_left_unchanged()
    {
        (string path, byte[] garbage) = Folder.RandomFile("garbage.db", seed: 5);

        var e = Assert.Throws<InvalidDataException>(() => new SqliteStudyStorage(path));

        Assert.Contains("corrupted or not a database", e.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Fact]
    public void Another_application_database_is_refused_and_left_unchanged()
    {
        string path = Folder.File("other.db");
        Execute(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        string before = Hash(path);

        var e = Assert.Throws<InvalidDataException>(() => new SqliteStudyStorage(path));

        Assert.Contains("not a Tuning study database", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    public void A_database_with_damaged_pages_reports_corruption()
    {
        string path = Folder.File("damaged.db");
        using (var storage = new SqliteStudyStorage(path))
        {
            long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
            for (int i = 0; i < 50; i++)
            {
                StoredTrials.Start(storage, id, 4);
            }
        }

        SqliteConnection.ClearAllPools(); // the last close checkpoints the log into the file
        byte[] bytes = File.ReadAllBytes(path);
        Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0);
        int pageSize = 4096;
        for (int page = 1; page < bytes.Length / pageSize; page++)
        {
            // Keep each page's first bytes, scramble the rest: b-tree cells now point nowhere.
            for (int i = (page * pageSize) + 16; i < (page + 1) * pageSize; i++)
            {
                bytes[i] ^= 0x5A;
            }
        }

        File.WriteAllBytes(path, bytes);

        Assert.Throws<InvalidDataException>(() =>
        {
            using var storage = new SqliteStudyStorage(path);
            storage.ReadTrials(storage.FindStudy("s")!.Id, 0);
        });
    }

    [Fact]
    public void A_folder_in_place_of_the_file_is_refused()
    {
        string path = Folder.File("folder.db");
        Directory.CreateDirectory(path);

        Assert.Throws<IOException>(() => new SqliteStudyStorage(path));
    }

    [Fact]
    public void Rows_edited_out_of_shape_make_the_study_unreadable_with_a_format_error_naming_them()
    {
        string path = Folder.File("edited.db");
        using (var storage = new SqliteStudyStorage(path))
        {
            var study = Study.Create(storage, "s", new SearchSpaceBuilder().Float("x", 0, 1).Build(), [Metric.Minimize("loss")], new RandomSuggester(1));
            study.Tell(study.Ask(), 1);
            Study.Create(storage, "other", new SearchSpaceBuilder().Float("x", 0, 1).Build(), [Metric.Minimize("loss")]);
        }

        SqliteConnection.ClearAllPools();
        Execute(path, "UPDATE trials SET parameters = '{\"x\": 99}'");
        Execute(path, "UPDATE studies SET definition = '{not json' WHERE name = 'other'");
        string before = Hash(path);

        using (var storage = new SqliteStudyStorage(path))
        {
            FormatException parameters = Assert.Throws<FormatException>(() => Study.Open(storage, "s"));
            Assert.Contains("Trial #0 of the study 's'", parameters.Message, StringComparison.Ordinal);
            Assert.Contains("do not fit the study's search space", parameters.Message, StringComparison.Ordinal);
            Assert.Contains("not valid JSON", Assert.Throws<FormatException>(() => Study.Open(storage, "other")).Message, StringComparison.Ordinal);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Hash(path));
    }

    [Theory]
    [InlineData(13, "database or disk is full")]
    [InlineData(10, "disk I/O error")]
    public void A_full_disk_or_a_failing_device_is_an_io_error_naming_the_file(int code, string message)
    {
        string path = Folder.File("full.db");
        using var storage = new SqliteStudyStorage(path);

        IOException e = Assert.Throws<IOException>(() => storage.Translate<int>(() => throw new SqliteException(message, code)));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("could not be written", e.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(e.InnerException);
    }

    [Theory]
    [InlineData(13, 13, "database or disk is full")]
    [InlineData(10, 4874, "disk I/O error")] // SQLITE_IOERR_SHMSIZE: no room for the log's index, which even a read needs
    public void A_full_disk_is_an_io_error_that_says_the_disk_is_full(int code, int extendedCode, string message)
    {
        string path = Folder.File("full.db");
        using var storage = new SqliteStudyStorage(path);

        IOException e = Assert.Throws<IOException>(() => storage.Translate<int>(() => throw new SqliteException(message, code, extendedCode)));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("the disk holding it is full", e.Message, StringComparison.Ordinal);
        Assert.Contains("not stored", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_a_current_database_waits_for_no_writer()
    {
        string path = Folder.File("busy.db");
        CreateStudyDatabase(path);
        using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
        writer.Open();
        using SqliteTransaction write = writer.BeginTransaction(deferred: false); // another worker's ask, holding the write lock

        using var storage = new SqliteStudyStorage(path, new SqliteStudyStorageOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) });

        Assert.Equal(["s"], storage.ListStudies().Select(s => s.Name)); // a reader, such as the tool's "studies", goes on
    }

    [Fact]
    public void A_write_lock_held_past_the_busy_timeout_is_a_timeout_naming_the_file_and_stores_nothing()
    {
        string path = Folder.File("locked.db");
        CreateStudyDatabase(path);
        using var storage = new SqliteStudyStorage(path, new SqliteStudyStorageOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        long id = storage.FindStudy("s")!.Id;
        using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
        writer.Open();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (SqliteTransaction write = writer.BeginTransaction(deferred: false)) // another worker's ask, holding the write lock
        {
            var e = Assert.Throws<TimeoutException>(() => storage.StartTrials(id, 1, 0, StoredTrials.Propose, TimeProvider.System));

            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("busy timeout", e.Message, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"waited {clock.Elapsed} for a busy timeout of 200 ms");
        }

        Assert.Equal(3, storage.ReadTrials(id, 0).Count);
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("moved")]
    [InlineData("replaced")]
    public void A_file_deleted_moved_or_replaced_while_open_is_an_io_error_naming_the_file_and_nothing_is_reported_stored(string change)
    {
        string path = Folder.File("open.db");
        using var storage = new SqliteStudyStorage(path);
        long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
        StoredTrial running = StoredTrials.Start(storage, id, 1)[0];
        string other = Folder.File("other.db");
        switch (change)
        {
            case "deleted":
                File.Delete(path);
                break;
            case "moved":
                File.Move(path, other);
                break;
            default:
                CreateStudyDatabase(other);
                File.Move(other, path, overwrite: true);
                break;
        }

        Exception[] failures =
        [
            Assert.Throws<IOException>(() => storage.FinishTrial(id, running.Number, TrialState.Completed, new Dictionary<string, double> { ["loss"] = 1 }, null, StoredTrials.T0)),
            Assert.Throws<IOException>(() => storage.Enqueue(id, StoredTrials.Parameters(0.5))),
            Assert.Throws<IOException>(() => storage.StartTrials(id, 1, 0, StoredTrials.Propose, TimeProvider.System)),
            Assert.Throws<IOException>(() => storage.Heartbeat(id, [running.Number], StoredTrials.T0)),
        ];

        Assert.All(failures, e => Assert.Contains(path, e.Message, StringComparison.Ordinal));
        Assert.All(failures, e => Assert.Contains("deleted, moved or replaced", e.Message, StringComparison.Ordinal));
    }

    private static void CreateStudyDatabase(string path)
    {
        using (var storage = new SqliteStudyStorage(path))
        {
            long id = storage.CreateStudy("s", StoredTrials.Definition).Id;
            StoredTrials.Start(storage, id, 3);
        }

        SqliteConnection.ClearAllPools();
    }

    private static void Execute(string path, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
