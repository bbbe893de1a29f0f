using System.Globalization;
using Tuning.Storage.PostgreSql;
using Tuning.Storage.Sqlite;

/// <summary>The sample's command line.</summary>
internal sealed record SampleOptions
{
    /// <summary>
    /// The environment variable that holds the PostgreSQL connection string. The workers inherit it, so the password
    /// never appears on a command line, where <c>ps</c> would show it.
    /// </summary>
    public const string PostgresVariable = "TUNING_POSTGRES";

    private const string Usage = "Options: --workers N --trials N --study NAME --storage sqlite|postgres --db FILE --epoch-ms N "
        + $"(postgres reads its connection string from the environment variable {PostgresVariable}).";

    public int Workers { get; init; } = 4;

    public int Trials { get; init; } = 40;

    public string Study { get; init; } = "distributed-sample";

    public string Storage { get; init; } = "sqlite";

    public string Database { get; init; } = Path.Combine(Path.GetTempPath(), "tuning-distributed-sample.db");

    /// <summary>How long one epoch of the made-up training takes, in milliseconds.</summary>
    public int EpochMilliseconds { get; init; } = 20;

    public int? WorkerIndex { get; init; }

    /// <summary>The launcher a worker belongs to (<c>--launcher</c>); a launcher makes up its own, unique across machines.</summary>
    public string Launcher { get; init; } = Guid.NewGuid().ToString("N")[..12];

    public int Share { get; init; }

    public static SampleOptions Parse(string[] args)
    {
        var options = new SampleOptions();
        for (int i = 0; i < args.Length; i += 2)
        {
            if (i + 1 == args.Length)
            {
                throw new ArgumentException($"Option '{args[i]}' needs a value. {Usage}");
            }

            string value = args[i + 1];
            options = args[i] switch
            {
                "--workers" => options with { Workers = Math.Max(1, Integer(args[i], value)) },
                "--trials" => options with { Trials = Math.Max(1, Integer(args[i], value)) },
                "--study" => options with { Study = value },
                "--storage" when value is "sqlite" or "postgres" => options with { Storage = value },
                "--db" => options with { Database = Path.GetFullPath(value) },
                "--epoch-ms" => options with { EpochMilliseconds = Math.Max(0, Integer(args[i], value)) },
                "--worker" => options with { WorkerIndex = Integer(args[i], value) },
                "--share" => options with { Share = Integer(args[i], value) },
                "--launcher" => options with { Launcher = value },
                _ => throw new ArgumentException($"Unknown option '{args[i]} {value}'. {Usage}"),
            };
        }

        // A worker's share is at least one trial: more workers than trials would start workers with nothing to do.
        options = options with { Workers = Math.Min(options.Workers, options.Trials) };
        if (options.Storage == "postgres" && Environment.GetEnvironmentVariable(PostgresVariable) is not { Length: > 0 })
        {
            throw new ArgumentException($"--storage postgres reads the connection string from the environment variable {PostgresVariable}, which is not set.");
        }

        return options;
    }

    private static int Integer(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new ArgumentException($"Option '{option}' takes an integer, not '{value}'. {Usage}");

    /// <summary>The options a worker needs to reach the same study (never the connection string: the workers inherit the environment).</summary>
    public IEnumerable<string> ToArguments()
    {
        yield return "--launcher";
        yield return Launcher;
        yield return "--study";
        yield return Study;
        yield return "--storage";
        yield return Storage;
        yield return "--db";
        yield return Database;
        yield return "--epoch-ms";
        yield return EpochMilliseconds.ToString(CultureInfo.InvariantCulture);
    }

    public string Describe() => Storage == "sqlite" ? $"SQLite file {Database}" : "PostgreSQL";

    public IDisposable OpenStorage() => Storage == "sqlite"
        ? new SqliteStudyStorage(Database)
        : new PostgreSqlStudyStorage(Environment.GetEnvironmentVariable(PostgresVariable)!);
}
