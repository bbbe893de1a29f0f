using System.Net.Sockets;
using Npgsql;
using Tuning.Storage.PostgreSql;

namespace Tuning.Cli.Storage;

/// <summary>
/// A PostgreSQL schema that a command about to create its storage (an import, a copy's destination) will create: noted
/// before the storage is opened, and dropped again with the tables the storage made in it when the command fails and no
/// study got into it, so that a failed import or copy leaves no empty schema behind.
/// </summary>
internal sealed class CreatedSchema
{
    private readonly string _connectionString;
    private readonly string _schema;

    private CreatedSchema(string connectionString, string schema)
    {
        _connectionString = connectionString;
        _schema = schema;
    }

    /// <summary>
    /// The schema, if it does not exist yet and so will be created; <see langword="null"/> if it exists, or if the server
    /// cannot be asked (opening the storage then says why).
    /// </summary>
    /// <param name="connectionString">The storage's connection string.</param>
    /// <param name="schema">The schema given, or <see langword="null"/> for the storage's default.</param>
    public static CreatedSchema? IfMissing(string connectionString, string? schema)
    {
        string name = schema ?? new PostgreSqlStudyStorageOptions().Schema;
        try
        {
            string unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
            using var connection = new NpgsqlConnection(unpooled);
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection);
            exists.Parameters.Add(new NpgsqlParameter { Value = name });
            return exists.ExecuteScalar() is true ? null : new CreatedSchema(unpooled, name);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException or SocketException)
        {
            return null;
        }
    }

    /// <summary>
    /// Drops the schema with everything in it, if it exists and holds no study (its studies table is locked meanwhile, so
    /// none gets in). A failure to do so is left unreported: the command's own failure is the one to report.
    /// </summary>
    public void RemoveIfEmpty()
    {
        string quoted = "\"" + _schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        try
        {
            using var connection = new NpgsqlConnection(_connectionString);
            connection.Open();
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            using (var studies = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection, transaction))
            {
                studies.Parameters.Add(new NpgsqlParameter { Value = quoted + ".studies" });
                if (studies.ExecuteScalar() is true)
                {
                    using var count = new NpgsqlCommand($"LOCK TABLE {quoted}.studies IN ACCESS EXCLUSIVE MODE; SELECT count(*) FROM {quoted}.studies", connection, transaction);
                    if (count.ExecuteScalar() is not 0L)
                    {
                        return;
                    }
                }
            }

            using (var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {quoted} CASCADE", connection, transaction))
            {
                drop.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or SocketException)
        {
            // Best effort, as said above.
        }
    }
}
