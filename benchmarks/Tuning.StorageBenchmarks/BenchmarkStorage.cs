using System.Globalization;
using Npgsql;
using Tuning.Storage.PostgreSql;
using Tuning.Storage.Sqlite;

namespace Tuning.StorageBenchmarks;

/// <summary>
/// Where a benchmark keeps its study: a SQLite file, or a PostgreSQL schema on the server that the environment variable
/// <c>TUNING_POSTGRES</c> names (a connection string, never put on a command line where <c>ps</c> would show its password).
/// </summary>
internal static class BenchmarkStorage
{
    /// <summary>The environment variable with the PostgreSQL connection string, for this process and its workers.</summary>
    public const string PostgresVariable = "TUNING_POSTGRES";

    public static readonly SearchSpace Space = new SearchSpaceBuilder()
        .Float("learning_rate", 1e-5, 1e-1, log: true)
        .Float("dropout", 0, 0.5)
        .Int("layers", 1, 8)
        .Categorical("optimizer", "adam", "sgd")
        .Build();

    public static readonly Metric[] Metrics = [Metric.Minimize("loss")];

    public static string? ConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    /// <summary>Opens the storage: <paramref name="kind"/> is <c>sqlite</c> (target: a file) or <c>postgres</c> (target: a schema).</summary>
    public static IStudyStorage Open(string kind, string target) => kind switch
    {
        "sqlite" => new SqliteStudyStorage(target),
        "postgres" => new PostgreSqlStudyStorage(RequireConnectionString(), new PostgreSqlStudyStorageOptions { Schema = target }),
        _ => throw new ArgumentException($"Unknown storage '{kind}'."),
    };

    /// <summary>A fresh, empty target for one measurement.</summary>
    public static string NewTarget(string kind, string folder) => kind switch
    {
        "sqlite" => Path.Combine(folder, $"bench-{Guid.NewGuid():N}.db"),
        _ => $"bench_{Guid.NewGuid():N}"[..20],
    };

    /// <summary>
    /// Adds <paramref name="trials"/> finished trials (each with 3 reports and an attribute) to the study named
    /// <c>bench</c>, 1,000 per import.
    /// </summary>
    public static void Prefill(IStudyStorage storage, int trials)
    {
        long id = storage.FindStudy("bench")!.Id;
        var random = new Random(1);
        DateTimeOffset t0 = DateTimeOffset.UtcNow;
        for (int done = 0; done < trials; done += 1000)
        {
            storage.ImportTrials(id, [.. Enumerable.Range(done, Math.Min(1000, trials - done)).Select(n => new StoredTrial
            {
                Number = n,
                State = TrialState.Completed,
                Parameters = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{{\"learning_rate\":{Math.Pow(10, -5 + (4 * random.NextDouble())):R},\"dropout\":{random.NextDouble() / 2:R},\"layers\":{random.Next(1, 9)},\"optimizer\":\"{(n % 2 == 0 ? "adam" : "sgd")}\"}}"),
                Values = new Dictionary<string, double> { ["loss"] = random.NextDouble() },
                Reports = [new TrialReport(1, random.NextDouble()), new TrialReport(2, random.NextDouble()), new TrialReport(3, random.NextDouble())],
                Attributes = new Dictionary<string, string> { ["host"] = $"worker-{n % 16}" },
                StartedAt = t0.AddSeconds(n),
                FinishedAt = t0.AddSeconds(n + 1),
                HeartbeatAt = t0.AddSeconds(n + 1),
            })]);
        }
    }

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

        using var connection = new NpgsqlConnection(RequireConnectionString());
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{target}\" CASCADE", connection);
        drop.ExecuteNonQuery();
    }

    private static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException($"PostgreSQL needs a connection string in the environment variable {PostgresVariable}.");
}
