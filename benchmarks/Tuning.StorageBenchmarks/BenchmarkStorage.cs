using Npgsql;
using Tuning;
using Tuning.Storage.PostgreSql;
using Tuning.Storage.Sqlite;

namespace Tuning.StorageBenchmarks;

/// <summary>Where a benchmark keeps its study: a SQLite file or a PostgreSQL schema, named by a target string.</summary>
internal static class BenchmarkStorage
{
    public static readonly SearchSpace Space = new SearchSpaceBuilder()
        .Float("learning_rate", 1e-5, 1e-1, log: true)
        .Float("dropout", 0, 0.5)
        .Int("layers", 1, 8)
        .Categorical("optimizer", "adam", "sgd")
        .Build();

    public static readonly Metric[] Metrics = [Metric.Minimize("loss")];

    /// <summary>Opens the storage: <paramref name="kind"/> is <c>sqlite</c> (target: a file) or <c>postgres</c> (target: <c>schema|connection string</c>).</summary>
    public static IStudyStorage Open(string kind, string target) => kind switch
    {
        "sqlite" => new SqliteStudyStorage(target),
        "postgres" => new PostgreSqlStudyStorage(target[(target.IndexOf('|', StringComparison.Ordinal) + 1)..], new PostgreSqlStudyStorageOptions { Schema = target[..target.IndexOf('|', StringComparison.Ordinal)] }),
        _ => throw new ArgumentException($"Unknown storage '{kind}'."),
    };

    /// <summary>A fresh, empty target for one measurement.</summary>
    public static string NewTarget(string kind, string folder, string? connectionString) => kind switch
    {
        "sqlite" => Path.Combine(folder, $"bench-{Guid.NewGuid():N}.db"),
        _ => $"bench_{Guid.NewGuid():N}"[..20] + "|" + connectionString,
    };

    /// <summary>Deletes a target's data.</summary>
    public static void Drop(string kind, string target)
    {
        if (kind == "sqlite")
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string suffix in (string[])["", "-wal", "-shm"])
            {
                File.Delete(target + suffix);
            }

            return;
        }

        string schema = target[..target.IndexOf('|', StringComparison.Ordinal)];
        using var connection = new NpgsqlConnection(target[(target.IndexOf('|', StringComparison.Ordinal) + 1)..]);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        drop.ExecuteNonQuery();
    }
}
