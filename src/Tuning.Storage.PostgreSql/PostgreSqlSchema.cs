using Npgsql;

namespace Tuning.Storage.PostgreSql;

/// <summary>
/// The tables of a PostgreSQL study schema and their migrations. <c>schema_version</c> holds one row, the version of
/// the tables; a schema from a newer Tuning is refused rather than misread. Creation and migration run under an
/// advisory lock, so that many workers starting at once agree.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>The version these tables have; raise it with every migration added to <see cref="Migrations"/>.</summary>
    public const int Current = 1;

    /// <summary>The first key of the advisory lock taken while creating or migrating ("TUNI").</summary>
    private const int LockClass = 0x54554E49;

    /// <summary>The statements that bring a schema from version <c>i</c> to <c>i + 1</c>, at index <c>i</c>.</summary>
    /// <remarks>
    /// Each change of a study's trials takes the study's next revision from <c>study_revisions</c>, under that row's
    /// lock held to the commit, so commits are ordered by revision and a reader of "revision &gt; r" never skips one.
    /// Asks take turns on the <c>studies</c> row (FOR NO KEY UPDATE, which does not block inserts referencing it).
    /// Times are UTC ticks (100 ns), so trials read back exactly as written.
    /// </remarks>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE schema_version (version integer NOT NULL);
        INSERT INTO schema_version (version) VALUES (0);
        CREATE TABLE studies (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            definition text NOT NULL,
            created_at bigint NOT NULL
        );
        CREATE TABLE study_revisions (
            study_id bigint PRIMARY KEY REFERENCES studies (id) ON DELETE CASCADE,
            revision bigint NOT NULL
        );
        CREATE TABLE trials (
            study_id bigint NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
            number integer NOT NULL,
            state text NOT NULL,
            parameters text NOT NULL,
            metric_values text NOT NULL, -- JSON: {"loss": 0.25}
            reports text NOT NULL, -- JSON: [[step, value], ...]
            fail_reason text, -- a JSON string literal
            attributes text NOT NULL,
            started_at bigint NOT NULL, -- UTC ticks (100 ns since 0001-01-01)
            finished_at bigint,
            heartbeat_at bigint NOT NULL,
            revision bigint NOT NULL,
            ask_token uuid,
            PRIMARY KEY (study_id, number)
        );
        CREATE INDEX trials_by_revision ON trials (study_id, revision);
        CREATE INDEX running_trials_by_heartbeat ON trials (study_id, heartbeat_at) WHERE state = 'running';
        CREATE INDEX trials_by_ask_token ON trials (study_id, ask_token) WHERE ask_token IS NOT NULL;
        CREATE TABLE enqueued (
            position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            study_id bigint NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
            parameters text NOT NULL,
            token uuid NOT NULL UNIQUE
        );
        CREATE INDEX enqueued_by_study ON enqueued (study_id, position);
        """,
    ];

    /// <summary>Creates or migrates the schema's tables to <see cref="Current"/>, or checks that they are usable.</summary>
    /// <exception cref="InvalidOperationException">The tables are newer, missing (with creation off), or not Tuning's.</exception>
    public static void Upgrade(NpgsqlConnection connection, string schema, bool create)
    {
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = LockClass });
            command.Parameters.Add(new NpgsqlParameter { Value = schema });
            command.ExecuteNonQuery();
        }

        int version = ReadVersion(connection, transaction, schema);
        if (version > Current)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema '{schema}' has Tuning storage schema version {version}; this version of Tuning.Storage.PostgreSql "
                + $"knows versions up to {Current}. Upgrade Tuning.Storage.PostgreSql to use it (nothing was changed).");
        }

        if (version == Current)
        {
            return;
        }

        if (!create)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema '{schema}' has no Tuning study tables of version {Current} (found version {version}), and CreateIfMissing is off.");
        }

        using (var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS \"{schema}\"", connection, transaction))
        {
            command.ExecuteNonQuery();
        }

        for (int v = version; v < Current; v++)
        {
            using var migrate = new NpgsqlCommand(
                $"SET LOCAL search_path TO \"{schema}\"; {Migrations[v]}; UPDATE schema_version SET version = {v + 1};", connection, transaction);
            migrate.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>
    /// Reads the schema's version: 0 if it has no tables. The tables are counted in the catalog, which lists them whatever
    /// the role may do with them (<c>information_schema</c> hides the tables a role has no privilege on, and the storage
    /// would then try to create tables that are there).
    /// </summary>
    /// <exception cref="InvalidOperationException">The tables are not Tuning's, or the role may not read them.</exception>
    private static int ReadVersion(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema)
    {
        using (var tables = new NpgsqlCommand(
            "SELECT count(*), count(*) FILTER (WHERE c.relname = 'schema_version') FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'f')",
            connection,
            transaction))
        {
            tables.Parameters.Add(new NpgsqlParameter { Value = schema });
            using NpgsqlDataReader reader = tables.ExecuteReader();
            reader.Read();
            if (reader.GetInt64(0) == 0)
            {
                return 0;
            }

            if (reader.GetInt64(1) == 0)
            {
                throw new InvalidOperationException($"The PostgreSQL schema '{schema}' holds tables but no schema_version: it is not a Tuning study schema.");
            }
        }

        using var version = new NpgsqlCommand($"SELECT max(version) FROM \"{schema}\".schema_version", connection, transaction);
        object? read;
        try
        {
            read = version.ExecuteScalar();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema '{schema}' holds Tuning's study tables, but the role may not use them ({e.MessageText}). Grant it USAGE on the "
                + "schema and SELECT, INSERT, UPDATE and DELETE on its tables, or use another schema.",
                e);
        }

        return read is int v
            ? v
            : throw new InvalidOperationException($"The PostgreSQL schema '{schema}' has an empty schema_version table.");
    }
}
