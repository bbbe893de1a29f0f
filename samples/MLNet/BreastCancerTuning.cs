using Microsoft.ML;
using Tuning;
using Tuning.MLNet;
using Tuning.Reporting;

namespace MLNetSample;

/// <summary>What a tuning run found.</summary>
/// <param name="Study">The study, with every trial.</param>
/// <param name="Best">The best feasible trial, or <see langword="null"/> if no trial met the training-time constraint.</param>
/// <param name="Defaults">LightGBM and FastTree with ML.NET's default hyperparameters, cross-validated on the same folds (empty if skipped).</param>
/// <param name="Elapsed">The wall time of the tuning alone.</param>
/// <param name="ReportPath">The HTML report's full path (the study's JSON export is beside it, with the extension <c>.json</c>), or <see langword="null"/>.</param>
public sealed record TuningOutcome(
    Study Study, Trial? Best, IReadOnlyDictionary<string, Measurements> Defaults, TimeSpan Elapsed, string? ReportPath);

/// <summary>
/// Tunes ML.NET's LightGBM classifier on the breast-cancer data with Tuning.MLNet: minimizes the k-fold
/// cross-validated log-loss under a limit on the training time per fold, storing the AUC and accuracy with every trial.
/// </summary>
public sealed class BreastCancerTuning(TuningSettings settings)
{
    /// <summary>The objective's metric: log-loss in nats, probabilities clipped to [1e-15, 1 − 1e-15].</summary>
    public const string Objective = "log_loss";

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
        var ml = new MLContext(Settings.Seed);
        IDataView data = ml.Data.LoadFromTextFile<BreastCancerRow>(Settings.DataPath ?? BreastCancerRow.DefaultPath, separatorChar: ',', hasHeader: true);
        var folds = new CrossValidationOptions { Folds = Settings.Folds, Seed = Settings.Seed, MaxTrainSeconds = Settings.MaxTrainMilliseconds / 1000 };
        var objective = new CrossValidationObjective(data, BinaryTrainerSpaces.LightGbm(), "log-loss", folds);

        // The baselines, on the same folds. They also warm up ML.NET (JIT, native LightGBM), which would otherwise
        // inflate the first trials' training times; without them, one cross-validation of LightGBM's defaults does that.
        var defaults = new Dictionary<string, Measurements>();
        if (Settings.CompareWithDefaults)
        {
            defaults["LightGBM"] = objective.EvaluateDefaults(cancellationToken);
            defaults["FastTree"] = new CrossValidationObjective(data, BinaryTrainerSpaces.FastTree(), "log-loss", folds).EvaluateDefaults(cancellationToken);
        }
        else
        {
            objective.EvaluateDefaults(cancellationToken);
        }

        Study study = objective.CreateStudy(CreateSuggester(Settings.Suggester, Settings.Seed));
        study.Enqueue(new LightGbmParameters());   // the first trial: LightGBM's documented defaults
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await study.OptimizeAsync(objective.EvaluateAsync, Settings.Trials, Settings.Concurrency, progress, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
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
}
