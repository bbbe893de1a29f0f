using Npgsql;

namespace Tuning.Browser.Tests.Support;

/// <summary>The PostgreSQL server of this test run, from the environment that <c>.ci/start-postgres.sh</c> exports.</summary>
internal static class PostgresServer
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("TUNING_POSTGRES") is { Length: > 0 } s ? s : null;

    public static string? SkipReason => ConnectionString is null && Environment.GetEnvironmentVariable("CI_REQUIRE_POSTGRES") != "1"
        ? "TUNING_POSTGRES is not set: no PostgreSQL server for this run (source .ci/start-postgres.sh to run these tests)"
        : null;

    public static string RequireConnectionString() => ConnectionString
        ?? throw new InvalidOperationException("CI_REQUIRE_POSTGRES=1 but TUNING_POSTGRES is not set: the PostgreSQL tests must run in CI.");

    /// <summary>A fresh schema name, so that test runs never share tables.</summary>
    public static string NewSchema() => $"browser_{Guid.NewGuid():N}"[..24];

    /// <summary>Drops a test's schema and everything in it.</summary>
    public static void DropSchema(string schema)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(RequireConnectionString()) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        command.ExecuteNonQuery();
    }
}
