using Microsoft.Data.Sqlite;
using Tuning.Storage.Sqlite;

namespace Tuning.Cli.Tests.Support;

/// <summary>
/// A SQLite study database written with the real storage, holding two studies with known trials:
/// <list type="bullet">
/// <item><c>mnist-lr</c>: minimize <c>loss</c>, constraint <c>latency_ms &lt;= 20</c>, stored <c>train_loss</c>;
/// <c>momentum</c> active only with <c>optimizer = sgd</c>. Trials: 0 completed, 1 completed (the best), 2 failed (a
/// reason with a comma, quotes and a line break), 3 pruned, 4 completed but infeasible (latency 30), 5 running.</item>
/// <item><c>trade-off</c>: maximize <c>accuracy</c>, minimize <c>latency_ms</c>; trials 0, 1 and 3 form the Pareto front.</item>
/// </list>
/// </summary>
internal static class SampleStudies
{
    public const string Single = "mnist-lr";
    public const string TwoObjectives = "trade-off";
    public const string FailReason = "diverged, loss = \"nan\"\nat epoch 3";

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the database at <paramref name="path"/> and closes every connection to it (checkpointing the log into the file).</summary>
    public static void Create(string path)
    {
        using (var storage = new SqliteStudyStorage(path))
        {
            CreateSingle(storage);
            CreateTwoObjectives(storage);
        }

        SqliteConnection.ClearAllPools();
    }

    public static SearchSpace Space() => new SearchSpaceBuilder()
        .Float("lr", 1e-4, 1, log: true)
        .Int("layers", 1, 4)
        .Categorical("optimizer", "adam", "sgd")
        .Float("momentum", 0, 0.99, when: ("optimizer", "sgd"))
        .Build();

    private static void CreateSingle(SqliteStudyStorage storage)
    {
        var clock = new ManualClock(Start);
        Study study = Study.Create(
            storage,
            Single,
            Space(),
            [Metric.Minimize("loss"), Metric.Constraint("latency_ms", max: 20), Metric.Store("train_loss")],
            new RandomSuggester(seed: 1),
            new StudyOptions { TimeProvider = clock });

        Trial Next(double lr, int layers, string optimizer, double? momentum = null)
        {
            var parameters = new Dictionary<string, object> { ["lr"] = lr, ["layers"] = layers, ["optimizer"] = optimizer };
            if (momentum is double m)
            {
                parameters["momentum"] = m;
            }

            study.Enqueue(parameters);
            Trial trial = study.Ask();
            clock.Advance(TimeSpan.FromSeconds(90));
            return trial;
        }

        study.Tell(Next(0.01, 2, "adam"), new Measurements { ["loss"] = 0.3, ["latency_ms"] = 12, ["train_loss"] = 0.25 });
        study.Tell(Next(0.1, 3, "sgd", 0.9), new Measurements { ["loss"] = 0.2, ["latency_ms"] = 15, ["train_loss"] = 0.125 });
        study.Fail(Next(0.5, 1, "sgd", 0.5), FailReason);
        Trial pruned = Next(0.001, 4, "adam");
        pruned.Report(1, 0.6);
        study.Prune(pruned);
        study.Tell(Next(0.05, 2, "adam"), new Measurements { ["loss"] = 0.1, ["latency_ms"] = 30, ["train_loss"] = 0.0625 });
        Next(0.2, 2, "sgd", 0.75);
    }

    private static void CreateTwoObjectives(SqliteStudyStorage storage)
    {
        var clock = new ManualClock(Start.AddHours(1));
        Study study = Study.Create(
            storage,
            TwoObjectives,
            new SearchSpaceBuilder().Int("width", 8, 256, log: true).Bool("dropout").Build(),
            [Metric.Maximize("accuracy"), Metric.Minimize("latency_ms")],
            new RandomSuggester(seed: 2),
            new StudyOptions { TimeProvider = clock });
        (double Accuracy, double Latency)[] results = [(0.9, 10), (0.95, 20), (0.85, 25), (0.97, 40)];
        foreach ((double accuracy, double latency) in results)
        {
            Trial trial = study.Ask();
            clock.Advance(TimeSpan.FromSeconds(30));
            study.Tell(trial, new Measurements { ["accuracy"] = accuracy, ["latency_ms"] = latency });
        }
    }
}
