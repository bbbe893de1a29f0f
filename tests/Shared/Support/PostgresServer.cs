using Npgsql;

namespace Tuning.TestSupport;

/// <summary>
/// The PostgreSQL server of this test run, from the environment that <c>.ci/start-postgres.sh</c> exports.
/// Without <c>TUNING_POSTGRES</c> the PostgreSQL tests are skipped — unless <c>CI_REQUIRE_POSTGRES=1</c>, which makes
/// them run and fail, so that a CI run cannot pass without them.
/// </summary>
internal static class PostgresServer
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("TUNING_POSTGRES") is { Length: > 0 } s ? s : null;

    public static string? DataDirectory => Environment.GetEnvironmentVariable("TUNING_POSTGRES_PGDATA") is { Length: > 0 } s ? s : null;

    public static string? BinDirectory => Environment.GetEnvironmentVariable("TUNING_POSTGRES_PGBIN") is { Length: > 0 } s ? s : null;

    private static bool Required => Environment.GetEnvironmentVariable("CI_REQUIRE_POSTGRES") == "1";

    public static string? SkipReason => ConnectionString is null && !Required
        ? "TUNING_POSTGRES is not set: no PostgreSQL server for this run (source .ci/start-postgres.sh to run these tests)"
        : null;

    public static string? RestartSkipReason => SkipReason
        ?? (!Required && (DataDirectory is null || BinDirectory is null)
            ? "TUNING_POSTGRES_PGDATA or TUNING_POSTGRES_PGBIN is not set: this test cannot restart the PostgreSQL server"
            : null);

    /// <summary>The connection string, or a failure explaining why there is none.</summary>
    public static string RequireConnectionString() => ConnectionString
        ?? throw new InvalidOperationException("CI_REQUIRE_POSTGRES=1 but TUNING_POSTGRES is not set: the PostgreSQL tests must run in CI.");

    /// <summary>A fresh schema name, so that tests running in parallel never share tables.</summary>
    public static string NewSchema() => $"test_{Guid.NewGuid():N}"[..20];

    /// <summary>Gets whether a schema exists.</summary>
    public static bool SchemaExists(string schema) =>
        (long)Scalar("public", $"SELECT count(*) FROM information_schema.schemata WHERE schema_name = '{schema}'")! > 0;

    /// <summary>Drops a test's schema and everything in it; nothing without a server.</summary>
    public static void DropSchema(string schema)
    {
        if (ConnectionString is not null)
        {
            Scalar("public", $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        }
    }

    /// <summary>Runs one SQL statement in a schema and returns the first column of the first row.</summary>
    public static object? Scalar(string schema, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(RequireConnectionString()) { SearchPath = schema, Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
