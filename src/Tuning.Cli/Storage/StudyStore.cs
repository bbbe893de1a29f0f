using Microsoft.Data.Sqlite;
using Tuning.Storage.PostgreSql;
using Tuning.Storage.Sqlite;

namespace Tuning.Cli.Storage;

/// <summary>
/// A study storage opened for the tool: an existing one (the tool creates a database, a file or tables only as the
/// destination of <c>copy</c>), with the storages' failures turned into messages that name the storage.
/// </summary>
internal sealed class StudyStore : IDisposable
{
    private readonly IDisposable _disposable;

    private StudyStore(StorageLocation location, IStudyStorage storage, IDisposable disposable)
    {
        Location = location;
        Storage = storage;
        _disposable = disposable;
    }

    /// <summary>Gets where the studies are.</summary>
    public StorageLocation Location { get; }

    /// <summary>Gets the opened storage.</summary>
    public IStudyStorage Storage { get; }

    /// <summary>Opens an existing storage, or with <paramref name="create"/> creates what is missing (the file, the schema and its tables).</summary>
    /// <param name="location">The storage.</param>
    /// <param name="schema">The PostgreSQL schema, or <see langword="null"/> for the storage's default.</param>
    /// <param name="create">Whether to create a missing database file or tables (for a copy's destination).</param>
    /// <exception cref="CliException">The file or the tables do not exist (and are not to be created), or the storage cannot be used.</exception>
    public static StudyStore Open(StorageLocation location, string? schema, bool create = false)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Kind switch
        {
            StorageKind.Sqlite => OpenSqlite(location, schema, create),
            _ => OpenPostgreSql(location, schema, create),
        };
    }

    /// <summary>
    /// Runs <paramref name="use"/> on the storage at <paramref name="location"/>, creating what is missing (a copy's
    /// destination). A SQLite database this call created is removed again, with the folders created for it, and a
    /// PostgreSQL schema it created is dropped again, when <paramref name="use"/> or the creation fails and it holds no
    /// study: a failed copy or import leaves no empty database or schema behind.
    /// </summary>
    /// <param name="location">The storage.</param>
    /// <param name="schema">The PostgreSQL schema, or <see langword="null"/> for the storage's default.</param>
    /// <param name="use">The command's work on the opened storage.</param>
    /// <returns>What <paramref name="use"/> returned.</returns>
    public static T WithCreated<T>(StorageLocation location, string? schema, Func<StudyStore, T> use)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(use);
        string path = location.Target;
        bool created = location.Kind == StorageKind.Sqlite && !File.Exists(path) && !Directory.Exists(path);
        string? createdFolder = created ? TopmostMissingFolder(Path.GetDirectoryName(path)!) : null;
        CreatedSchema? createdSchema = location.Kind == StorageKind.PostgreSql ? CreatedSchema.IfMissing(location.Target, schema) : null;
        try
        {
            using StudyStore store = Open(location, schema, create: true);
            return use(store);
        }
        catch when (created)
        {
            RemoveCreatedDatabase(path, createdFolder);
            throw;
        }
        catch when (createdSchema is not null)
        {
            createdSchema.RemoveIfEmpty();
            throw;
        }
    }

    /// <summary>Lists the storage's studies, oldest first.</summary>
    public IReadOnlyList<StoredStudy> ListStudies() => Storage.ListStudies();

    /// <summary>Opens a study with its full history.</summary>
    /// <exception cref="CliException">The storage has no study of that name (the message lists the ones it has).</exception>
    public (StoredStudy Stored, Study Study) OpenStudy(string name, StudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        StoredStudy? stored = Storage.FindStudy(name);
        if (stored is null)
        {
            IReadOnlyList<StoredStudy> known = Storage.ListStudies();
            string list = known.Count == 0
                ? "It holds no study."
                : $"Its studies are: {string.Join(", ", known.Select(s => s.Name))}.";
            throw CliException.Failure($"There is no study named '{name}' in {Location.Display}. {list}");
        }

        return (stored, Study.Open(Storage, name, options: options));
    }

    /// <summary>
    /// Runs a change that stores a study under <paramref name="name"/> (an import, a copy, a rename), turning the
    /// storage's refusal of the name (PostgreSQL takes no NUL, and no name too long for its index of names) into a
    /// failure that names the storage and the reason.
    /// </summary>
    /// <exception cref="CliException">The storage refused the name; nothing was stored.</exception>
    public void StoreUnder(string name, Action change)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            change();
        }
        catch (ArgumentException e) when (e.ParamName is "name" or "newName")
        {
            throw CliException.Failure($"{Location.Display} cannot hold a study named '{name}': {CliException.MessageOf(e)} Nothing was stored.", e);
        }
    }

    /// <summary>
    /// Refuses a file to write (an export, a report) that is this storage's SQLite database or a file SQLite keeps beside it (its
    /// write-ahead log, the log's index, its journal), through whatever path or symbolic link: writing it would destroy
    /// every study in the database.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="option">The option that gave it, for the message, such as <c>--out</c>.</param>
    /// <exception cref="CliException">A usage error: the file is the database or one beside it.</exception>
    public void RefuseOwnFile(string path, string option)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Location.Kind != StorageKind.Sqlite)
        {
            return;
        }

        string database = RealPath(Location.Target);
        string target = RealPath(path);
        if (((string[])["", "-wal", "-shm", "-journal"]).Any(suffix => string.Equals(target, database + suffix, StringComparison.Ordinal)))
        {
            throw CliException.Usage($"{option} {path} would overwrite the study database {Location.Display} (or a file SQLite keeps beside it): write to another file.");
        }
    }

    /// <summary>Closes the storage's connections.</summary>
    public void Dispose() => _disposable.Dispose();

    private static StudyStore OpenSqlite(StorageLocation location, string? schema, bool create)
    {
        if (schema is not null)
        {
            throw CliException.Usage("--schema names a PostgreSQL schema; a SQLite storage has none.");
        }

        string path = location.Target;
        if (!create || File.Exists(path) || Directory.Exists(path))
        {
            CheckSqliteFile(path, create);
        }

        try
        {
            var storage = new SqliteStudyStorage(path, new SqliteStudyStorageOptions { CreateIfMissing = create });
            return new StudyStore(location, storage, storage);
        }
        catch (FileNotFoundException e)
        {
            throw CliException.Failure(MissingFile(path), e);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or SqliteException)
        {
            throw CliException.Failure($"Cannot open {location.Display}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Checks, on a read-only connection, that the file exists and is a Tuning study database, so that the storage
    /// (which would create the tables of an empty database) only ever opens one; with <paramref name="create"/> (a copy's
    /// or an import's destination), a database without any table, such as an empty file, is taken too: the storage
    /// creates its tables.
    /// </summary>
    private static void CheckSqliteFile(string path, bool create)
    {
        if (Directory.Exists(path))
        {
            throw CliException.Failure($"'{path}' is a folder, not a SQLite study database.");
        }

        if (!File.Exists(path))
        {
            throw CliException.Failure(MissingFile(path));
        }

        string connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using SqliteCommand tables = connection.CreateCommand();
            tables.CommandText = "SELECT count(*), count(*) FILTER (WHERE name = 'schema_version') FROM sqlite_master WHERE type = 'table'";
            using SqliteDataReader reader = tables.ExecuteReader();
            reader.Read();
            bool empty = reader.GetInt64(0) == 0;
            if (reader.GetInt64(1) == 0 && !(create && empty))
            {
                throw CliException.Failure($"'{path}' is not a Tuning study database (it has no schema_version table).");
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_PERM or SQLitePCL.raw.SQLITE_READONLY)
        {
            // A study database uses write-ahead logging, whose shared index lives in a file beside the database: even
            // reading it needs a folder the tool can write to.
            throw CliException.Failure(
                $"'{path}' cannot be opened ({e.Message.TrimEnd('.')}). Reading a study database needs write access to it and to its folder (SQLite keeps the write-ahead log's index in a file beside it); on read-only media, copy it to a writable folder first.",
                e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_FULL || e.SqliteExtendedErrorCode is SQLitePCL.raw.SQLITE_IOERR_SHMSIZE)
        {
            throw CliException.Failure(
                $"'{path}' cannot be read: the disk holding it is full, and SQLite writes the index of a study database's write-ahead log beside it even to read it. Free some space and try again. ({e.Message})",
                e);
        }
        catch (SqliteException e)
        {
            throw CliException.Failure($"'{path}' cannot be read as a SQLite database: {e.Message}", e);
        }
    }

    /// <summary>The full path of a file or folder with every symbolic link on the way resolved (a loop or an unreadable link is left as it is).</summary>
    private static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is null)
        {
            return full; // the root
        }

        string joined = Path.Combine(RealPath(folder), Path.GetFileName(full));
        try
        {
            FileSystemInfo? target = new FileInfo(joined).ResolveLinkTarget(returnFinalTarget: true);
            return target is null ? joined : RealPath(target.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return joined;
        }
    }

    /// <summary>The outermost folder of <paramref name="folder"/>'s path that does not exist yet, or <see langword="null"/> if it exists.</summary>
    private static string? TopmostMissingFolder(string folder)
    {
        string? missing = null;
        for (string? f = folder; f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f))
        {
            missing = f;
        }

        return missing;
    }

    /// <summary>
    /// Deletes a database file the tool created (with its write-ahead log and index) and the folders created for it,
    /// unless a study got into it meanwhile. A failure to clean up is left unreported: the command's own failure is
    /// the one to report.
    /// </summary>
    private static void RemoveCreatedDatabase(string path, string? createdFolder)
    {
        try
        {
            if (File.Exists(path) && HoldsAStudy(path))
            {
                return;
            }

            foreach (string suffix in (string[])["", "-wal", "-shm", "-journal"])
            {
                File.Delete(path + suffix);
            }

            for (string? folder = Path.GetDirectoryName(path);
                createdFolder is not null && folder is not null && folder.StartsWith(createdFolder, StringComparison.Ordinal) && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any();
                folder = Path.GetDirectoryName(folder))
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            // Best effort, as said above.
        }
    }

    private static bool HoldsAStudy(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand studies = connection.CreateCommand();
        studies.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'studies'";
        if (studies.ExecuteScalar() is not long tables || tables == 0)
        {
            return false;
        }

        studies.CommandText = "SELECT count(*) FROM studies";
        return studies.ExecuteScalar() is long count && count > 0;
    }

    private static string MissingFile(string path) =>
        $"The SQLite database '{path}' does not exist. The tool opens existing study databases only; a study is created by the program that runs it (Study.Create).";

    private static StudyStore OpenPostgreSql(StorageLocation location, string? schema, bool create)
    {
        var options = new PostgreSqlStudyStorageOptions
        {
            CreateIfMissing = create,
            // A command-line read should fail soon rather than wait out a long outage.
            RetryTimeout = TimeSpan.FromSeconds(5),
        };
        if (schema is not null)
        {
            try
            {
                options.Schema = schema;
            }
            catch (ArgumentException e)
            {
                throw CliException.Usage($"--schema: {CliException.MessageOf(e)}", e);
            }
        }

        try
        {
            var storage = new PostgreSqlStudyStorage(location.Target, options);
            return new StudyStore(location, storage, storage);
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage($"The PostgreSQL connection string is not valid: {CliException.MessageOf(e)}", e);
        }
        catch (InvalidOperationException e)
        {
            throw CliException.Failure($"Cannot open {location.Display}: {e.Message}", e);
        }
    }
}
