using System.Diagnostics;
using Microsoft.ML;
using Tuning;
using Tuning.Reporting;

namespace MLNetSample;

/// <summary>What a tuning run found.</summary>
/// <param name="Study">The study, with every trial.</param>
/// <param name="Best">The best feasible trial, or <see langword="null"/> if no trial met the training-time constraint.</param>
/// <param name="Defaults">ML.NET's default hyperparameters of LightGBM and FastTree, cross-validated the same way (empty if skipped).</param>
/// <param name="Elapsed">The wall time of the tuning alone.</param>
/// <param name="ReportPath">The HTML report's full path (the study's JSON export is beside it, with the extension <c>.json</c>), or <see langword="null"/>.</param>
public sealed record TuningOutcome(
    Study Study, Trial? Best, IReadOnlyDictionary<string, CrossValidationResult> Defaults, TimeSpan Elapsed, string? ReportPath);

/// <summary>
/// Tunes ML.NET's LightGBM classifier on the breast-cancer data: minimizes the k-fold cross-validated log-loss, under
/// a constraint on the training time per fold, storing the AUC and the model size with every trial.
/// </summary>
/// <remarks>
/// The first trials run in a plain ask/tell loop (a batch asked at once and trained in parallel); the rest run under
/// <see cref="Study.OptimizeAsync(Func{Trial, CancellationToken, Task{Measurements}}, int, int, IProgress{StudyProgress}?, bool, CancellationToken)"/>
/// with <c>maxConcurrency</c>. Both report progress through one <see cref="IProgress{T}"/>.
/// </remarks>
public sealed class BreastCancerTuning(TuningSettings settings)
{
    public const string Objective = "cv_log_loss";
    public const string TrainTime = "train_ms";
    public const string Auc = "cv_auc";
    public const string ModelSize = "model_kb";

    private static readonly LightGbmHyperparameters WarmUp = new(10, 0.1, 4, 10, 1.0, 0.01, LightGbmHyperparameters.Gbdt, null);

    private readonly IReadOnlyList<BreastCancerRow> _rows = BreastCancerData.Load(settings.DataPath);

    public TuningSettings Settings { get; } = settings;

    /// <summary>Creates the suggester: Bayesian optimization by default, Sobol or random search for comparison.</summary>
    public static ISuggester CreateSuggester(string name, int seed) => name switch
    {
        "gp" => new GaussianProcessSuggester(seed),
        "sobol" => new SobolSuggester(seed),
        "random" => new RandomSuggester(seed),
        _ => throw new ArgumentException($"Unknown suggester '{name}'; use gp, sobol or random.", nameof(name)),
    };

    public async Task<TuningOutcome> RunAsync(IProgress<StudyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // The baselines go first: they also warm up ML.NET (JIT, native LightGBM), which would otherwise inflate the
        // first trials' training times. Without them, one small cross-validation does the warming.
        var defaults = new Dictionary<string, CrossValidationResult>();
        if (Settings.CompareWithDefaults)
        {
            foreach ((string name, Func<MLContext, IEstimator<ITransformer>> trainer) in DefaultTrainers.All)
            {
                defaults[name] = CrossValidation.Run(_rows, trainer, Settings.Folds, Settings.Seed, cancellationToken);
            }
        }
        else
        {
            CrossValidation.Run(_rows, WarmUp.CreateTrainer, Settings.Folds, Settings.Seed, cancellationToken);
        }

        var study = new Study(
            LightGbmHyperparameters.Space,
            [Metric.Minimize(Objective), Metric.Constraint(TrainTime, max: Settings.MaxTrainMilliseconds), Metric.Store(Auc), Metric.Store(ModelSize)],
            CreateSuggester(Settings.Suggester, Settings.Seed));
        var clock = Stopwatch.StartNew();

        // 1. Ask/tell: the caller owns the loop. One batch of parallel trials, each told its measurements or failed.
        int askTell = Math.Min(Settings.Trials, Settings.Concurrency);
        IReadOnlyList<Trial> batch = study.Ask(askTell);
        var counter = new ProgressCounter(study, Settings.Trials, clock, progress);
        await Task.WhenAll(batch.Select(trial => Task.Run(
            () =>
            {
                try
                {
                    study.Tell(trial, Evaluate(trial, cancellationToken));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    study.Fail(trial, $"{e.GetType().Name}: {e.Message}");
                }

                counter.Finished(trial);
            },
            CancellationToken.None))).ConfigureAwait(false);

        // 2. OptimizeAsync: the study drives the rest, up to Concurrency trials at a time; an exception fails its trial.
        int rest = Settings.Trials - askTell;
        if (rest > 0)
        {
            await study.OptimizeAsync(
                (trial, ct) => Task.Run(() => Evaluate(trial, ct), ct),
                trials: rest,
                maxConcurrency: Settings.Concurrency,
                progress: counter.Continuing(),
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        TimeSpan elapsed = clock.Elapsed;
        string? report = null;
        if (Settings.ReportPath is string path)
        {
            // The report, and the study's JSON export beside it: Study.FromJson reads it back for another report later.
            report = StudyReport.WriteHtml(study, path, new ReportOptions { Title = "ML.NET LightGBM on breast cancer" });
            await File.WriteAllTextAsync(Path.ChangeExtension(report, ".json"), study.ToJson(), cancellationToken).ConfigureAwait(false);
        }

        return new TuningOutcome(study, study.TryGetBestTrial(out Trial? best) ? best : null, defaults, elapsed, report);
    }

    /// <summary>The objective: cross-validate the trial's configuration and measure every metric.</summary>
    private Measurements Evaluate(Trial trial, CancellationToken cancellationToken)
    {
        LightGbmHyperparameters hyperparameters = LightGbmHyperparameters.FromTrial(trial);
        CrossValidationResult result = CrossValidation.Run(_rows, hyperparameters.CreateTrainer, Settings.Folds, Settings.Seed, cancellationToken);
        return new Measurements
        {
            [Objective] = result.LogLoss,
            [TrainTime] = result.TrainMilliseconds,
            [Auc] = result.Auc,
            [ModelSize] = result.ModelKilobytes,
        };
    }
}
