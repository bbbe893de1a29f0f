using Microsoft.Data.Sqlite;

namespace Tuning.Storage.Sqlite;

/// <summary>
/// The tables of a SQLite study database and their migrations. <c>schema_version</c> holds one row, the version of
/// the tables; a database from a newer Tuning is refused rather than misread.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The version these tables have; raise it with every migration added to <see cref="Migrations"/>.</summary>
    public const int Current = 1;

    /// <summary>The statements that bring a database from version <c>i</c> to <c>i + 1</c>, at index <c>i</c>.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        INSERT INTO schema_version (version) VALUES (0);
        CREATE TABLE studies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            definition TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            revision INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE trials (
            study_id INTEGER NOT NULL REFERENCES studies (id),
            number INTEGER NOT NULL,
            state TEXT NOT NULL,
            parameters TEXT NOT NULL,
            metric_values TEXT NOT NULL, -- JSON: {"loss": 0.25}
            reports TEXT NOT NULL, -- JSON: [[step, value], ...]
            fail_reason TEXT, -- a JSON string literal
            attributes TEXT NOT NULL,
            started_at INTEGER NOT NULL, -- UTC ticks (100 ns since 0001-01-01)
            finished_at INTEGER,
            heartbeat_at INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            PRIMARY KEY (study_id, number)
        );
        CREATE INDEX trials_by_revision ON trials (study_id, revision);
        CREATE INDEX running_trials_by_heartbeat ON trials (study_id, heartbeat_at) WHERE state = 'running';
        CREATE TABLE enqueued (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            study_id INTEGER NOT NULL REFERENCES studies (id),
            parameters TEXT NOT NULL
        );
        CREATE INDEX enqueued_by_study ON enqueued (study_id, id);
        """,
    ];

    /// <summary>Reads the version of an open database: 0 for an empty one.</summary>
    /// <exception cref="InvalidDataException">The database holds tables but is not a Tuning study database.</exception>
    public static int ReadVersion(SqliteConnection connection, string path)
    {
        using SqliteCommand tables = connection.CreateCommand();
        tables.CommandText = "SELECT count(*), sum(name = 'schema_version') FROM sqlite_master WHERE type = 'table'";
        using (SqliteDataReader reader = tables.ExecuteReader())
        {
            reader.Read();
            if (reader.GetInt64(0) == 0)
            {
                return 0;
            }

            if (reader.IsDBNull(1) || reader.GetInt64(1) == 0)
            {
                throw new InvalidDataException($"The SQLite database '{path}' holds tables but no schema_version: it is not a Tuning study database.");
            }
        }

        using SqliteCommand version = connection.CreateCommand();
        version.CommandText = "SELECT max(version) FROM schema_version";
        object? value = version.ExecuteScalar();
        return value is long v ? (int)v : throw new InvalidDataException($"The SQLite database '{path}' has an empty schema_version table.");
    }

    /// <summary>Refuses a database whose tables are newer than this library's.</summary>
    public static void CheckNotNewer(int version, string path)
    {
        if (version > Current)
        {
            throw new InvalidOperationException(
                $"The SQLite database '{path}' has Tuning storage schema version {version}; this version of Tuning.Storage.Sqlite "
                + $"knows versions up to {Current}. Upgrade Tuning.Storage.Sqlite to open it (nothing was changed).");
        }
    }

    /// <summary>Creates or migrates the tables to <see cref="Current"/>, in one write transaction so that concurrent openers agree.</summary>
    public static void Upgrade(SqliteConnection connection, string path)
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        int version = ReadVersion(connection, path);
        CheckNotNewer(version, path);
        if (version == Current)
        {
            return;
        }

        for (int v = version; v < Current; v++)
        {
            using SqliteCommand migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = Migrations[v] + $"; UPDATE schema_version SET version = {v + 1};";
            migrate.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
