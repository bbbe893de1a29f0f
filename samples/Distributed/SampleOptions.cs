using System.Globalization;
using Tuning.Storage.PostgreSql;
using Tuning.Storage.Sqlite;

/// <summary>The sample's command line.</summary>
internal sealed record SampleOptions
{
    public int Workers { get; init; } = 4;

    public int Trials { get; init; } = 40;

    public string Study { get; init; } = "distributed-sample";

    public string Database { get; init; } = Path.Combine(Path.GetTempPath(), "tuning-distributed-sample.db");

    public string? Postgres { get; init; }

    public int? WorkerIndex { get; init; }

    public int Share { get; init; }

    public static SampleOptions Parse(string[] args)
    {
        var options = new SampleOptions();
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            options = args[i] switch
            {
                "--workers" => options with { Workers = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture)) },
                "--trials" => options with { Trials = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture)) },
                "--study" => options with { Study = value },
                "--db" => options with { Database = Path.GetFullPath(value) },
                "--postgres" => options with { Postgres = value },
                "--worker" => options with { WorkerIndex = int.Parse(value, CultureInfo.InvariantCulture) },
                "--share" => options with { Share = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --workers N --trials N --study NAME --db FILE --postgres CONNECTION_STRING"),
            };
        }

        return options;
    }

    /// <summary>The options a worker needs to reach the same study.</summary>
    public IEnumerable<string> ToArguments()
    {
        yield return "--study";
        yield return Study;
        if (Postgres is not null)
        {
            yield return "--postgres";
            yield return Postgres;
        }
        else
        {
            yield return "--db";
            yield return Database;
        }
    }

    public string Describe() => Postgres is null ? $"SQLite file {Database}" : "PostgreSQL";

    public IDisposable OpenStorage() => Postgres is null
        ? new SqliteStudyStorage(Database)
        : new PostgreSqlStudyStorage(Postgres);
}
