using Microsoft.Extensions.Logging;

namespace Tuning.Extensions.Logging.Tests;

public class LoggingStudyListenerTests
{
    [Fact]
    public void Writes_every_event_in_order_with_levels_and_fields()
    {
        var logger = new RecordingLogger();
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var options = new StudyOptions { Listener = new LoggingStudyListener(logger) };
        var study = new Study(space, Metric.Minimize("loss"), new GaussianProcessSuggester(1, new GaussianProcessOptions { StartupTrials = 2, Candidates = 64, LocalSearches = 2 }), options);

        study.Tell(study.Ask(), 0.5);
        study.Tell(study.Ask(), 0.25);
        Trial failed = study.Ask();
        study.Fail(failed, "diverged");
        Trial pruned = study.Ask();
        pruned.Report(3, 0.9);
        study.Prune(pruned);

        Assert.Equal(
            [1, 3, 1, 3, 2, 1, 4, 2, 1, 5],
            logger.Entries.Select(e => e.Id.Id));
        Assert.Equal(
            ["TrialsAsked", "TrialCompleted", "TrialsAsked", "TrialCompleted", "ModelFitted", "TrialsAsked", "TrialFailed", "ModelFitted", "TrialsAsked", "TrialPruned"],
            logger.Entries.Select(e => e.Id.Name));
        Assert.Equal(LogLevel.Warning, logger.Entries.Single(e => e.Id.Id == 4).Level);
        Assert.Contains("trial 2 failed: diverged", logger.Entries.Single(e => e.Id.Id == 4).Message);
        Assert.Contains("loss=0.25", logger.Entries.Where(e => e.Id.Id == 3).ElementAt(1).Message);
        Assert.Contains("pruned at step 3 with value 0.9", logger.Entries.Single(e => e.Id.Id == 5).Message);
        Assert.Contains("model fitted to 2 trials", logger.Entries.First(e => e.Id.Id == 2).Message);
        Assert.All(logger.Entries, e => Assert.Equal(study.Name, e.State.First(kv => kv.Key == "Study").Value));
    }

    [Fact]
    public void A_trial_pruned_before_any_report_is_logged_as_such()
    {
        var logger = new RecordingLogger();
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(1), new StudyOptions { Listener = new LoggingStudyListener(logger) });
        study.Prune(study.Ask());

        (EventId id, LogLevel level, string message) = logger.Entries.Select(e => (e.Id, e.Level, e.Message)).Last();
        Assert.Equal(6, id.Id);
        Assert.Equal("TrialPrunedUnreported", id.Name);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains("trial 0 pruned before its first report", message);
        Assert.DoesNotContain("NaN", message);
    }

    [Fact]
    public void Respects_the_logger_level()
    {
        var logger = new RecordingLogger { Minimum = LogLevel.Warning };
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(1), new StudyOptions { Listener = new LoggingStudyListener(logger) });
        study.Tell(study.Ask(), 1);
        study.Fail(study.Ask(), "oom");
        Assert.Equal([4], logger.Entries.Select(e => e.Id.Id));
    }

    [Fact]
    public void A_fail_reason_that_quotes_a_connection_string_is_logged_without_its_password()
    {
        var logger = new RecordingLogger();
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(1), new StudyOptions { Listener = new LoggingStudyListener(logger) });

        study.Fail(study.Ask(), "NpgsqlException: cannot reach Host=db;Username=me;Password=hunter2;Database=runs");

        (_, _, string message, IReadOnlyList<KeyValuePair<string, object?>> state) = logger.Entries.Single(e => e.Id.Id == 4);
        Assert.Contains("Password=***", message);
        Assert.DoesNotContain("hunter2", message);
        Assert.DoesNotContain("hunter2", (string)state.First(kv => kv.Key == "Reason").Value!);
    }

    [Theory]
    [InlineData("Host=db;Username=me;SslPassword=hunter2;Database=runs", "SslPassword=***")]
    [InlineData("Host=db;Username=me;SSL Password=hunter2;Database=runs", "SSL Password=***")]
    public void A_fail_reason_that_quotes_an_ssl_key_password_is_logged_without_it(string connectionString, string masked)
    {
        // Npgsql reads both spellings as the password of the client certificate's key.
        var logger = new RecordingLogger();
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(1), new StudyOptions { Listener = new LoggingStudyListener(logger) });

        study.Fail(study.Ask(), $"NpgsqlException: cannot reach {connectionString}");

        (_, _, string message, IReadOnlyList<KeyValuePair<string, object?>> state) = logger.Entries.Single(e => e.Id.Id == 4);
        Assert.Contains(masked, message);
        Assert.DoesNotContain("hunter2", message);
        Assert.DoesNotContain("hunter2", (string)state.First(kv => kv.Key == "Reason").Value!);
    }

    [Fact]
    public void The_README_lists_each_event_with_its_id_name_level_and_fields()
    {
        var logger = new RecordingLogger();
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new GaussianProcessSuggester(1, new GaussianProcessOptions { StartupTrials = 2, Candidates = 64, LocalSearches = 2 }), new StudyOptions { Listener = new LoggingStudyListener(logger) });
        study.Tell(study.Ask(), 0.5);
        study.Tell(study.Ask(), 0.25);
        study.Fail(study.Ask(), "diverged");
        Trial reported = study.Ask();
        reported.Report(1, 0.9);
        study.Prune(reported);
        study.Prune(study.Ask());

        var logged = logger.Entries
            .GroupBy(e => e.Id.Id)
            .ToDictionary(g => g.Key, g => (Name: $"`{g.First().Id.Name}`", g.First().Level, Fields: string.Join(", ", g.First().State.Select(kv => kv.Key).Where(k => k != "{OriginalFormat}").Select(k => $"`{k}`"))));
        var documented = ReadmeRows().ToDictionary(r => r.Id, r => (r.Name, r.Level, r.Fields));

        Assert.Equal([1, 2, 3, 4, 5, 6], logged.Keys.Order());
        Assert.Equal(logged.Keys.Order(), documented.Keys.Order());
        Assert.All(logged, e => Assert.Equal(e.Value, documented[e.Key]));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "Tuning.sln")))
        {
            folder = folder.Parent ?? throw new InvalidOperationException("The repository root was not found.");
        }

        return folder.FullName;
    }

    private static IEnumerable<(int Id, string Name, LogLevel Level, string Fields)> ReadmeRows()
    {
        foreach (string line in File.ReadLines(Path.Combine(RepositoryRoot(), "src", "Tuning.Extensions.Logging", "README.md")))
        {
            string[] cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length == 7 && int.TryParse(cells[1], out int id))
            {
                // The fields cell may explain a field in parentheses; the names are the backquoted words.
                string fields = string.Join(", ", System.Text.RegularExpressions.Regex.Matches(cells[5], "`[A-Za-z]+`").Select(m => m.Value));
                yield return (id, cells[2], Enum.Parse<LogLevel>(cells[3]), fields);
            }
        }
    }

    [Fact]
    public void A_logger_that_throws_reaches_the_caller_after_the_trial_was_recorded_as_the_README_says()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(1), new StudyOptions { Listener = new LoggingStudyListener(new RecordingLogger { Minimum = LogLevel.Information, Throws = true }) });
        Trial trial = study.Ask();

        Assert.Throws<IOException>(() => study.Tell(trial, 0.5));

        Assert.Equal(TrialState.Completed, study.Trials.Single().State);
        Assert.Contains("A logger that throws stops the study's call", File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Tuning.Extensions.Logging", "README.md")));
    }

    [Fact]
    public void Needs_a_logger() => Assert.Throws<ArgumentNullException>(() => new LoggingStudyListener(null!));

    private sealed class RecordingLogger : ILogger
    {
        public LogLevel Minimum { get; init; } = LogLevel.Trace;

        public bool Throws { get; init; }

        public List<(LogLevel Level, EventId Id, string Message, IReadOnlyList<KeyValuePair<string, object?>> State)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Throws)
            {
                throw new IOException("The log file's disk is full.");
            }

            if (IsEnabled(logLevel))
            {
                Entries.Add((logLevel, eventId, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
            }
        }
    }
}
