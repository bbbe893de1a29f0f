using System.Globalization;
using Tuning;
using Tuning.Storage.PostgreSql;
using Tuning.Storage.Sqlite;

// A worker process of the storage tests. Arguments are "--name value" pairs (see WorkerOptions); it prints one line
// per event ("ASKED 3", "TOLD 3", "DONE 25") so the test can follow it, and exits 0 when its work is done.
var options = WorkerOptions.Parse(args);
using IDisposable storageLifetime = (IDisposable)OpenStorage(options);
var storage = (IStudyStorage)storageLifetime;
SearchSpace space = WorkerOptions.Space;
ISuggester suggester = options.QueueOnly
    ? new QueueOnlySuggester()
    : options.Suggester == "random" ? new RandomSuggester(options.Seed) : new SobolSuggester(options.Seed);
var studyOptions = new StudyOptions
{
    HeartbeatInterval = options.HeartbeatMs > 0 ? TimeSpan.FromMilliseconds(options.HeartbeatMs) : null,
    HeartbeatGracePeriod = options.GraceMs > 0 ? TimeSpan.FromMilliseconds(options.GraceMs) : null,
    RetryStaleTrials = options.RetryStale,
};
Study study = Study.CreateOrOpen(storage, options.Study, space, [Metric.Minimize("loss")], suggester, studyOptions);
Console.WriteLine("OPENED");

if (options.HangAfterAsk)
{
    Trial hanging = study.Ask();
    Console.WriteLine($"ASKED {hanging.Id}");
    Thread.Sleep(Timeout.Infinite); // the test kills this process with SIGKILL
}

if (options.WriteForever)
{
    // Many small writes of every kind, until the test kills the process in the middle of one.
    for (long i = 0; ; i++)
    {
        Trial trial = study.Ask();
        trial.Report(0, i);
        trial.SetAttribute("payload", new string('x', 2000 + (int)(i % 5000)));
        study.Tell(trial, Objective(trial));
        if (i % 50 == 0)
        {
            Console.WriteLine($"WROTE {i}");
        }
    }
}

if (options.QueueOnly)
{
    // Runs enqueued trials only, until the queue is empty and no trial runs anywhere (a dead worker's trial goes stale,
    // is enqueued again by a sweep, and runs here).
    int ran = 0;
    while (true)
    {
        Trial trial;
        try
        {
            trial = study.Ask();
        }
        catch (SearchSpaceExhaustedException)
        {
            if (!study.Trials.Any(t => t.State == TrialState.Running))
            {
                break;
            }

            Thread.Sleep(50);
            continue;
        }

        Console.WriteLine($"ASKED {trial.Id}");
        Thread.Sleep(options.TrialMs);
        try
        {
            study.Tell(trial, Objective(trial));
            Console.WriteLine($"TOLD {trial.Id}");
            ran++;
        }
        catch (InvalidOperationException)
        {
            Console.WriteLine($"REFUSED {trial.Id}"); // failed as stale meanwhile: its parameters run again elsewhere
        }
    }

    Console.WriteLine($"DONE {ran}");
    return 0;
}

int done = 0;
while (options.UntilCompleted > 0
    ? study.Trials.Count(t => t.State == TrialState.Completed) < options.UntilCompleted
    : done < options.Trials)
{
    int batch = options.UntilCompleted > 0 ? 1 : Math.Min(options.Batch, options.Trials - done);
    foreach (Trial trial in study.Ask(batch))
    {
        Console.WriteLine($"ASKED {trial.Id}");
        for (int step = 0; step < options.Reports; step++)
        {
            trial.Report(step, Objective(trial) + 1.0 / (step + 1));
        }

        if (options.TrialMs > 0)
        {
            Thread.Sleep(options.TrialMs);
        }

        study.Tell(trial, Objective(trial));
        Console.WriteLine($"TOLD {trial.Id}");
        done++;
    }
}

Console.WriteLine($"DONE {done}");
return 0;

static object OpenStorage(WorkerOptions options) => options.Storage switch
{
    "sqlite" => new SqliteStudyStorage(options.Target),
    // The connection string comes from the environment the test shares with its workers, never from the command line.
    "postgres" => new PostgreSqlStudyStorage(
        Environment.GetEnvironmentVariable("TUNING_POSTGRES") ?? throw new ArgumentException("TUNING_POSTGRES is not set."),
        new PostgreSqlStudyStorageOptions { Schema = options.Schema }),
    _ => throw new ArgumentException($"Unknown storage '{options.Storage}'."),
};

static double Objective(Trial trial) =>
    Math.Pow(trial.GetDouble("x") - 0.3, 2) + Math.Pow(trial.GetDouble("y") - 0.7, 2) + (trial.GetString("kind") == "b" ? 0.1 : 0);

/// <summary>The worker's command line.</summary>
internal sealed record WorkerOptions
{
    public static SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("x", 0, 1)
        .Float("y", 0, 1)
        .Categorical("kind", "a", "b")
        .Build();

    public string Storage { get; init; } = "sqlite";

    public string Target { get; init; } = "";

    public string Schema { get; init; } = "tuning";

    public string Study { get; init; } = "workers";

    public string Suggester { get; init; } = "sobol";

    public int Seed { get; init; } = 1;

    public int Trials { get; init; } = 25;

    public int Batch { get; init; } = 1;

    public int UntilCompleted { get; init; }

    public int TrialMs { get; init; }

    public int Reports { get; init; }

    public int HeartbeatMs { get; init; }

    public int GraceMs { get; init; }

    public bool RetryStale { get; init; }

    public bool HangAfterAsk { get; init; }

    public bool WriteForever { get; init; }

    public bool QueueOnly { get; init; }

    public static WorkerOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string key = args[i].TrimStart('-');
            values[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        string Get(string key, string fallback) => values.TryGetValue(key, out string? v) ? v : fallback;
        int Int(string key) => int.Parse(Get(key, "0"), CultureInfo.InvariantCulture);
        return new WorkerOptions
        {
            Storage = Get("storage", "sqlite"),
            Target = Get("target", ""),
            Schema = Get("schema", "tuning"),
            Study = Get("study", "workers"),
            Suggester = Get("suggester", "sobol"),
            Seed = Int("seed"),
            Trials = values.ContainsKey("trials") ? Int("trials") : 25,
            Batch = values.ContainsKey("batch") ? Int("batch") : 1,
            UntilCompleted = Int("until-completed"),
            TrialMs = Int("trial-ms"),
            Reports = Int("reports"),
            HeartbeatMs = Int("heartbeat-ms"),
            GraceMs = Int("grace-ms"),
            RetryStale = values.ContainsKey("retry-stale"),
            HangAfterAsk = values.ContainsKey("hang-after-ask"),
            WriteForever = values.ContainsKey("write-forever"),
            QueueOnly = values.ContainsKey("queue-only"),
        };
    }
}

/// <summary>A suggester with nothing to suggest: the worker runs enqueued trials only.</summary>
internal sealed class QueueOnlySuggester : ISuggester
{
    public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count) =>
        throw new SearchSpaceExhaustedException("This worker runs enqueued trials only, and the queue is empty.");
}
