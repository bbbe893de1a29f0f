using System.Globalization;
using Microsoft.Extensions.Logging;
using Tuning.Storage;

namespace Tuning.Extensions.Logging;

/// <summary>
/// A <see cref="StudyListener"/> that writes a study's events to an <see cref="ILogger"/>: asks and model fits at
/// <see cref="LogLevel.Debug"/>, tells and prunes at <see cref="LogLevel.Information"/>, failures at
/// <see cref="LogLevel.Warning"/>, each with its timing and structured fields (study, trial, values).
/// </summary>
/// <remarks>
/// Event ids: 1 asked and 2 model fitted (Debug), 3 completed (Information), 4 failed (Warning, the reason's
/// connection-string passwords masked), 5 pruned and 6 pruned before its first report (Information). The package's
/// README lists each event's structured fields. An exception of the logger is not caught: it reaches the study's
/// caller, after the change was recorded, as <see cref="StudyListener"/> describes.
/// </remarks>
/// <example>
/// <code>
/// var options = new StudyOptions { Listener = new LoggingStudyListener(loggerFactory.CreateLogger&lt;Study&gt;()) };
/// var study = new Study(space, Metric.Minimize("loss"), new GaussianProcessSuggester(seed: 1), options);
/// </code>
/// </example>
public sealed partial class LoggingStudyListener : StudyListener
{
    private readonly ILogger _logger;

    /// <summary>Creates a listener that writes to <paramref name="logger"/>.</summary>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentNullException"><paramref name="logger"/> is null.</exception>
    public LoggingStudyListener(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc />
    public override void OnAsked(Study study, IReadOnlyList<Trial> trials, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trials);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            string ids = string.Join(", ", trials.Select(t => t.Id));
            LogAsked(study.Name, ids, duration.TotalMilliseconds);
        }
    }

    /// <inheritdoc />
    public override void OnModelFitted(Study study, ModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(fit);
        LogModelFitted(study.Name, fit.Observations, fit.FitDuration.TotalMilliseconds, fit.AcquisitionDuration.TotalMilliseconds);
    }

    /// <inheritdoc />
    public override void OnTold(Study study, Trial trial, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            string values = Format(trial.Values), parameters = trial.Parameters.ToString();
            LogTold(study.Name, trial.Id, values, parameters, trial.Duration.TotalSeconds, duration.TotalMilliseconds);
        }
    }

    /// <inheritdoc />
    public override void OnFailed(Study study, Trial trial, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            string parameters = trial.Parameters.ToString();
            // A reason quoting an exception's message can hold a connection string; its password is not logged.
            LogFailed(study.Name, trial.Id, ConnectionStringSecrets.Redact(trial.FailReason ?? string.Empty, []), parameters, duration.TotalMilliseconds);
        }
    }

    /// <inheritdoc />
    public override void OnPruned(Study study, Trial trial, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.Reports.Count == 0)
        {
            LogPrunedUnreported(study.Name, trial.Id, duration.TotalMilliseconds);
            return;
        }

        TrialReport last = trial.Reports[^1];
        LogPruned(study.Name, trial.Id, last.Step, last.Value, duration.TotalMilliseconds);
    }

    private static string Format(IReadOnlyDictionary<string, double> values) =>
        string.Join(", ", values.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:G6}")));

    [LoggerMessage(EventId = 1, EventName = "TrialsAsked", Level = LogLevel.Debug, Message = "Study {Study}: asked trial(s) {TrialIds} in {ElapsedMilliseconds:F1} ms")]
    private partial void LogAsked(string study, string trialIds, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "ModelFitted", Level = LogLevel.Debug,
        Message = "Study {Study}: model fitted to {Observations} trials in {FitMilliseconds:F1} ms; acquisition searched in {AcquisitionMilliseconds:F1} ms")]
    private partial void LogModelFitted(string study, int observations, double fitMilliseconds, double acquisitionMilliseconds);

    [LoggerMessage(EventId = 3, EventName = "TrialCompleted", Level = LogLevel.Information,
        Message = "Study {Study}: trial {TrialId} completed with {Values} ({Parameters}) after {TrialSeconds:F1} s; told in {ElapsedMilliseconds:F1} ms")]
    private partial void LogTold(string study, int trialId, string values, string parameters, double trialSeconds, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4, EventName = "TrialFailed", Level = LogLevel.Warning, Message = "Study {Study}: trial {TrialId} failed: {Reason} ({Parameters}); recorded in {ElapsedMilliseconds:F1} ms")]
    private partial void LogFailed(string study, int trialId, string reason, string parameters, double elapsedMilliseconds);

    [LoggerMessage(EventId = 5, EventName = "TrialPruned", Level = LogLevel.Information,
        Message = "Study {Study}: trial {TrialId} pruned at step {Step} with value {Value:G6}; recorded in {ElapsedMilliseconds:F1} ms")]
    private partial void LogPruned(string study, int trialId, long step, double value, double elapsedMilliseconds);

    [LoggerMessage(EventId = 6, EventName = "TrialPrunedUnreported", Level = LogLevel.Information,
        Message = "Study {Study}: trial {TrialId} pruned before its first report; recorded in {ElapsedMilliseconds:F1} ms")]
    private partial void LogPrunedUnreported(string study, int trialId, double elapsedMilliseconds);
}
