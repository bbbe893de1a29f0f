using Microsoft.Data.Sqlite;

namespace Tuning.Storage.Sqlite;

/// <summary>
/// Keeps studies in a SQLite database file, so that a study survives restarts and several worker processes on one
/// machine can share it. The file is in write-ahead-log mode: readers never wait, and writers take turns, waiting up
/// to <see cref="SqliteStudyStorageOptions.BusyTimeout"/> for each other.
/// </summary>
/// <example>
/// <code>
/// using var storage = new SqliteStudyStorage("studies/tuning.db");
/// var study = Study.CreateOrOpen(storage, "resnet-lr", space, [Metric.Minimize("loss")], new SobolSuggester(seed: 1),
///     new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), RetryStaleTrials = true });
/// </code>
/// </example>
/// <remarks>
/// <para>
/// Built on <see cref="TransactionalStudyStorage"/>: every operation is one SQLite transaction that takes the file's
/// write lock first (<c>BEGIN IMMEDIATE</c>), so an ask holds it while its suggester runs (see <see cref="TrialProposer"/>),
/// and the other workers' asks and tells wait meanwhile, up to <see cref="SqliteStudyStorageOptions.BusyTimeout"/>.
/// </para>
/// <para>
/// An operation that waits for the write lock longer than <see cref="SqliteStudyStorageOptions.BusyTimeout"/> fails with a
/// <see cref="TimeoutException"/> that names the file, and nothing of it is stored.
/// </para>
/// <para>
/// Once the database file is deleted, moved or replaced while this storage has it open, every operation fails with an
/// <see cref="IOException"/> that names the file, and nothing of it is stored (on Linux and macOS SQLite would
/// otherwise go on writing to the file it has open, and report success).
/// </para>
/// <para>
/// The file must be on a local disk: SQLite's locks are not reliable on network file systems. Use the PostgreSQL
/// storage for workers on several machines. A process killed at any moment leaves the database consistent: the
/// transaction it was writing is rolled back when the file is next opened. Commits use <c>synchronous=NORMAL</c>, so a
/// power failure (not a process crash) may lose the last changes, but never corrupts the file.
/// </para>
/// </remarks>
public sealed partial class SqliteStudyStorage : TransactionalStudyStorage, IDisposable
{
    private readonly string _connectionString;
    private readonly int _busyMilliseconds;
    private readonly TimeSpan _busyTimeout;
    private readonly DatabaseFileWatch? _file;
    private volatile bool _disposed;

    /// <summary>
    /// Opens the study database at <paramref name="path"/>, creating it unless told not to. Opening a database whose
    /// tables are current takes no write lock, so it does not wait for the asks and tells of workers on the file.
    /// </summary>
    /// <param name="path">The database file.</param>
    /// <param name="options">The options; the default is <see cref="SqliteStudyStorageOptions"/>' defaults.</param>
    /// <exception cref="FileNotFoundException">The file does not exist and <see cref="SqliteStudyStorageOptions.CreateIfMissing"/> is off.</exception>
    /// <exception cref="InvalidDataException">The file is not a SQLite database, is corrupted, or holds other tables than a study database's.</exception>
    /// <exception cref="InvalidOperationException">The database was written by a newer version of this library.</exception>
    public SqliteStudyStorage(string path, SqliteStudyStorageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new SqliteStudyStorageOptions();
        Path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(Path))
        {
            if (!options.CreateIfMissing)
            {
                throw new FileNotFoundException($"The SQLite study database '{Path}' does not exist (CreateIfMissing is off).", Path);
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }

        _busyTimeout = options.BusyTimeout;
        _busyMilliseconds = (int)Math.Min(int.MaxValue, options.BusyTimeout.TotalMilliseconds);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = options.CreateIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy statement until this (in whole seconds, at least 1); SQLite's own busy
            // handler, set below to the busy timeout, normally waits first and with finer sleeps.
            DefaultTimeout = (int)Math.Clamp(Math.Ceiling(options.BusyTimeout.TotalSeconds), 1, int.MaxValue),
        }.ToString();
        Initialize();
        _file = Translate(() => new DatabaseFileWatch(_connectionString));
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override StoredStudy? FindStudy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Run(connection =>
        {
            using SqliteCommand find = connection.CreateCommand();
            find.CommandText = "SELECT " + StoredStudyColumns.Names + " FROM studies WHERE name = $name";
            find.Parameters.AddWithValue("$name", name);
            return StoredStudyColumns.ReadAll(find).FirstOrDefault();
        });
    }

    /// <inheritdoc />
    public override IReadOnlyList<StoredStudy> ListStudies() => Run(connection =>
    {
        using SqliteCommand list = connection.CreateCommand();
        list.CommandText = "SELECT " + StoredStudyColumns.Names + " FROM studies ORDER BY id";
        return StoredStudyColumns.ReadAll(list);
    });

    /// <inheritdoc />
    public override IReadOnlyList<string> ReadEnqueued(long studyId) => Run(connection =>
    {
        using SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        RequireStudy(connection, studyId);
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = "SELECT parameters FROM enqueued WHERE study_id = $study ORDER BY id";
        read.Parameters.AddWithValue("$study", studyId);
        var enqueued = new List<string>();
        using SqliteDataReader reader = read.ExecuteReader();
        while (reader.Read())
        {
            enqueued.Add(reader.GetString(0));
        }

        return enqueued;
    });

    /// <summary>
    /// Closes this storage's connections to the file. Every later operation of this storage throws an
    /// <see cref="ObjectDisposedException"/> that names the file (a study's heartbeats stop with it, so its running
    /// trials go stale); disposing it again does nothing.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        ClearPool();
        _file?.Dispose();
    }

    /// <inheritdoc />
    protected override StoredStudy CreateStudyCore(
        string name, string definition, IReadOnlyList<StoredTrial> trials, IReadOnlyList<string> enqueued, Guid operation, int attempt) => Run(connection =>
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO studies (name, definition, created_at, revision) VALUES ($name, $definition, $created, $revision) "
            + "ON CONFLICT (name) DO NOTHING RETURNING id";
        insert.Parameters.AddWithValue("$name", name);
        insert.Parameters.AddWithValue("$definition", definition);
        insert.Parameters.AddWithValue("$created", StoredTrialCodec.WriteTime(now));
        insert.Parameters.AddWithValue("$revision", (long)trials.Count);
        if (insert.ExecuteScalar() is not long studyId)
        {
            throw new InvalidOperationException($"A study named '{name}' already exists in '{Path}'.");
        }

        SqliteStudyTransaction.InsertTrials(connection, studyId, trials);
        SqliteStudyTransaction.Enqueue(connection, studyId, enqueued);
        transaction.Commit();
        return new StoredStudy(studyId, name, definition, StoredTrialCodec.ReadTime(StoredTrialCodec.WriteTime(now)));
    });

    /// <inheritdoc />
    protected override StoredStudy RenameStudyCore(long studyId, string newName) => Run(connection =>
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        RequireStudy(connection, studyId);
        using SqliteCommand rename = connection.CreateCommand();
        rename.CommandText = "UPDATE studies SET name = $name WHERE id = $study AND NOT EXISTS (SELECT 1 FROM studies WHERE name = $name AND id <> $study) "
            + "RETURNING " + StoredStudyColumns.Names;
        rename.Parameters.AddWithValue("$name", newName);
        rename.Parameters.AddWithValue("$study", studyId);
        StoredStudy renamed = StoredStudyColumns.ReadAll(rename).FirstOrDefault()
            ?? throw new InvalidOperationException($"A study named '{newName}' already exists in '{Path}'.");
        transaction.Commit();
        return renamed;
    });

    /// <inheritdoc />
    protected override void DeleteStudyCore(long studyId) => Run(connection =>
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        RequireStudy(connection, studyId);
        using SqliteCommand delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM trials WHERE study_id = $study; DELETE FROM enqueued WHERE study_id = $study; DELETE FROM studies WHERE id = $study;";
        delete.Parameters.AddWithValue("$study", studyId);
        delete.ExecuteNonQuery();
        transaction.Commit();
        return 0;
    });

    /// <inheritdoc />
    protected override void EnqueueCore(long studyId, string parameters) => Run(connection =>
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        RequireStudy(connection, studyId);
        SqliteStudyTransaction.Enqueue(connection, studyId, [parameters]);
        transaction.Commit();
        return 0;
    });

    /// <summary>Reads the study's revision, the number of its last change.</summary>
    /// <exception cref="InvalidOperationException">There is no such study.</exception>
    internal long RequireStudy(SqliteConnection connection, long studyId)
    {
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = "SELECT revision FROM studies WHERE id = $study";
        read.Parameters.AddWithValue("$study", studyId);
        return read.ExecuteScalar() is long revision
            ? revision
            : throw new InvalidOperationException($"The SQLite database '{Path}' has no study with id {studyId}.");
    }


    /// <summary>Checks the file, refuses a newer schema, switches to write-ahead logging, and creates or migrates the tables.</summary>
    private void Initialize() => Run(connection =>
    {
        // Check before writing anything, so that a foreign, corrupted or newer file is left exactly as it was.
        int version = SqliteSchema.ReadVersion(connection, Path);
        SqliteSchema.CheckNotNewer(version, Path);
        if (version == SqliteSchema.Current && IsWriteAheadLogged(connection))
        {
            return 0; // nothing to change: opening takes no write lock, so it waits for no other worker's ask
        }

        using (SqliteCommand wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL";
            string mode = (string)wal.ExecuteScalar()!;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The SQLite database '{Path}' cannot use write-ahead logging (journal mode is '{mode}').");
            }
        }

        SqliteSchema.Upgrade(connection, Path);
        return 0;
    });

    private static bool IsWriteAheadLogged(SqliteConnection connection)
    {
        using SqliteCommand mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        return string.Equals((string?)mode.ExecuteScalar(), "wal", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Refuses to go on when the database file was deleted, moved or replaced since this storage opened it: SQLite
    /// would go on writing to the file it has open, reporting success, and the changes would be lost (see <see cref="DatabaseFileWatch"/>).
    /// </summary>
    /// <exception cref="IOException">The file is no longer at <see cref="Path"/>.</exception>
    internal void ThrowIfMoved()
    {
        if (_file?.HasMoved == true)
        {
            throw new IOException(
                $"The SQLite study database '{Path}' was deleted, moved or replaced while this storage had it open, and the operation was not stored: "
                + "open a storage on the file where it is now.");
        }
    }

    /// <summary>Opens a pooled connection with this storage's busy timeout and durability settings, on the file this storage opened.</summary>
    private SqliteConnection Open()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(
                GetType().FullName, $"The SQLite study storage of '{Path}' was disposed, and the operation was not stored: open a new storage on the file to go on.");
        }

        ThrowIfMoved();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using SqliteCommand pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {_busyMilliseconds}; PRAGMA synchronous = NORMAL;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs an operation on a pooled connection, with SQLite's failures translated (see <see cref="Translate{T}"/>).</summary>
    private T Run<T>(Func<SqliteConnection, T> operation) => Translate(() =>
    {
        using SqliteConnection connection = Open();
        return operation(connection);
    });

    /// <summary>
    /// Runs an operation, turning SQLite's "corrupt" and "not a database" errors into <see cref="InvalidDataException"/>,
    /// its "cannot open" errors and the failures of a full disk (which says so) or a failing device into <see cref="IOException"/>,
    /// and a lock held past the busy timeout into <see cref="TimeoutException"/>, each naming the file.
    /// </summary>
    internal T Translate<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_CORRUPT or SQLitePCL.raw.SQLITE_NOTADB)
        {
            ClearPool();
            throw new InvalidDataException($"The SQLite study database '{Path}' is corrupted or not a database: {e.Message}", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_PERM or SQLitePCL.raw.SQLITE_READONLY)
        {
            ClearPool();
            throw new IOException($"The SQLite study database '{Path}' cannot be opened for reading and writing: {e.Message}", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
        {
            // SQLite rolls the waiting transaction back: nothing of the operation is stored.
            throw new TimeoutException(
                $"The SQLite study database '{Path}' stayed locked by another connection for longer than the busy timeout ({_busyTimeout}), and the "
                + $"operation was not stored. Another worker's suggester may hold the lock that long: raise SqliteStudyStorageOptions.BusyTimeout. ({e.Message})",
                e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_FULL || e.SqliteExtendedErrorCode is SQLitePCL.raw.SQLITE_IOERR_SHMSIZE)
        {
            // SQLite rolls the failed transaction back. The write-ahead log's index (the -shm file) grows even for a
            // read, so on a full disk reads fail too, as a "disk I/O error".
            throw new IOException(
                $"The SQLite study database '{Path}' could not be written because the disk holding it is full (SQLite writes the database, its "
                + $"write-ahead log and the log's index, even to read), and the operation was not stored: free some space and try again. ({e.Message})",
                e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_IOERR)
        {
            // SQLite rolls the failed transaction back, so the database holds what it held before the operation.
            throw new IOException($"The SQLite study database '{Path}' could not be written, and the operation was not stored: {e.Message}", e);
        }
    }

    private void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
