using System.Diagnostics;
using Microsoft.ML;

namespace Tuning.MLNet;

/// <summary>
/// The objective of tuning an ML.NET trainer: k-fold cross-validation of the featurizer and the trainer a trial
/// configures, scored by a metric chosen by name, with the training time measured as a SigOpt-style metric.
/// </summary>
/// <example>
/// <code>
/// var objective = new CrossValidationObjective(data, BinaryTrainerSpaces.LightGbm(), "log-loss");
/// Study study = objective.CreateStudy();
/// await study.OptimizeAsync(objective.EvaluateAsync, trials: 40);
/// LightGbmBinaryTrainer.Options best = BinaryTrainerSpaces.LightGbm().CreateOptions(study.BestTrial);
/// </code>
/// </example>
/// <remarks>
/// <para>
/// Metrics by task (names ignore case, spaces, hyphens and underscores): binary classification <c>auc</c>,
/// <c>accuracy</c>, <c>log-loss</c>, <c>auprc</c>, <c>f1</c>; multiclass <c>micro-accuracy</c> (or <c>accuracy</c>),
/// <c>macro-accuracy</c>, <c>log-loss</c>; regression <c>rmse</c>, <c>mae</c>, <c>r-squared</c> (or <c>r2</c>),
/// <c>mse</c>. Each is the mean over the held-out folds; binary log-loss is in nats with probabilities clipped to
/// [1e-15, 1 − 1e-15], as scikit-learn computes it. The task's other main metrics are stored with every trial, and so is
/// <see cref="TrainSeconds"/>, the mean time to fit the featurizer and trainer on one fold.
/// </para>
/// <para>
/// Concurrency: <see cref="Evaluate(ParameterValues, CancellationToken)"/> may run on several threads at once (as
/// <c>OptimizeAsync</c> with <c>maxConcurrency</c> &gt; 1 does). Each evaluation creates its own <see cref="MLContext"/>
/// (seeded with <see cref="CrossValidationOptions.Seed"/>), featurizer and trainer, and only reads the data view, which
/// ML.NET allows from many threads. An <see cref="MLContext"/>'s random source and logging are not meant to be shared
/// by trainings running at the same time, so the featurizer is a factory that receives the evaluation's context.
/// </para>
/// </remarks>
public sealed class CrossValidationObjective
{
    /// <summary>The name of the training-time metric: the mean seconds to fit the featurizer and the trainer on one fold.</summary>
    public const string TrainSeconds = "train_seconds";

    private readonly IDataView _data;
    private readonly CrossValidationOptions _options;
    private readonly TrainerMetric _objective;
    private readonly TrainerMetric[] _stored;
    private readonly Lazy<long> _rows;

    /// <summary>Creates the objective.</summary>
    /// <param name="data">The data to cross-validate on; it is only read.</param>
    /// <param name="trainer">The trainer and its search space.</param>
    /// <param name="metric">The metric to optimize, by name (see the remarks); its direction is known.</param>
    /// <param name="options">The folds, seed, featurizer and training-time limit; the default is <see cref="CrossValidationOptions"/>' defaults. They are read once, here: a later change to them does not reach this objective.</param>
    /// <exception cref="ArgumentException">
    /// The metric is not one of the trainer's task, or it is log-loss and the trainer scores no probabilities
    /// (<paramref name="metric"/>); or, without a <see cref="CrossValidationOptions.Featurizer"/>, the data has no column
    /// of the trainer's <see cref="TrainerSearchSpace.LabelColumnName"/>, or one of a type ML.NET's trainers of its task do
    /// not read: a <see cref="bool"/> in binary classification, a key in multiclass classification, a <see cref="float"/>
    /// in regression; or it has no column of the trainer's feature column name, or one that is not a vector of
    /// <see cref="float"/> (<paramref name="data"/>). With a featurizer, which may create both, the evaluations check its output.
    /// Or the <see cref="CrossValidationOptions.SamplingKeyColumnName"/> is not a column of the data (<paramref name="options"/>).
    /// </exception>
    public CrossValidationObjective(IDataView data, TrainerSearchSpace trainer, string metric, CrossValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(trainer);
        _objective = TrainerMetric.Find(trainer.Task, metric);
        if (_objective.NeedsProbabilities && !trainer.ProducesProbabilities)
        {
            throw new ArgumentException(
                $"{trainer.Trainer} scores no probabilities, so it cannot be tuned for {_objective.Name}; choose auc or accuracy, or a calibrated trainer.",
                nameof(metric));
        }

        _data = data;
        _rows = new Lazy<long>(() => FoldCheck.Rows(data));
        _options = options?.Snapshot() ?? new CrossValidationOptions();
        if (_options.Featurizer is null
            && ColumnProblem(trainer, data.Schema, featurized: false) is string problem)
        {
            throw new ArgumentException(problem, nameof(data));
        }

        // The folds are split before the featurizer runs, so the sampling key must be a column of the data itself.
        if (_options.SamplingKeyColumnName is string key && data.Schema.GetColumnOrNull(key) is null)
        {
            throw new ArgumentException(
                $"The sampling key column '{key}' (CrossValidationOptions.SamplingKeyColumnName) is not a column of the data; its columns are {string.Join(", ", data.Schema.Where(c => !c.IsHidden).Select(c => c.Name))}. The folds are split before the featurizer runs, so the key must be in the data.",
                nameof(options));
        }
        Trainer = trainer;
        _stored = [.. TrainerMetric.All.Where(m => m.Task == trainer.Task && m.StoredByDefault && m != _objective && m.Name != _objective.Name
            && (!m.NeedsProbabilities || trainer.ProducesProbabilities))];
        Metric time = _options.MaxTrainSeconds is double max ? Metric.Constraint(TrainSeconds, max: max) : Metric.Store(TrainSeconds);
        Metrics = [_objective.ToObjective(), time, .. _stored.Select(m => Metric.Store(m.Name))];
    }

    /// <summary>Gets the trainer and its search space.</summary>
    public TrainerSearchSpace Trainer { get; }

    /// <summary>Gets the search space: the trainer's.</summary>
    public SearchSpace Space => Trainer.Space;

    /// <summary>
    /// Gets the study's metrics: the objective first, then <see cref="TrainSeconds"/> (a constraint with
    /// <see cref="CrossValidationOptions.MaxTrainSeconds"/>, else stored), then the task's other main metrics, stored.
    /// </summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Creates an in-memory study over <see cref="Space"/> with <see cref="Metrics"/>.</summary>
    /// <param name="suggester">The suggester; the default is a <see cref="GaussianProcessSuggester"/> seeded with <see cref="CrossValidationOptions.Seed"/>.</param>
    /// <param name="options">The study's options; the default is <see cref="StudyOptions"/>' defaults.</param>
    /// <returns>The study.</returns>
    /// <exception cref="ArgumentException">
    /// The study's options are not valid (a <see cref="StudyOptions.HeartbeatGracePeriod"/> shorter than the
    /// <see cref="StudyOptions.HeartbeatInterval"/>), or the suggester cannot serve the study (a
    /// <see cref="MultiFidelitySuggester"/>, since the trainer's space declares no fidelity).
    /// </exception>
    public Study CreateStudy(ISuggester? suggester = null, StudyOptions? options = null) =>
        new(Space, Metrics, suggester ?? new GaussianProcessSuggester(_options.Seed), options);

    /// <summary>Cross-validates a trial's configuration.</summary>
    /// <param name="trial">A trial of a study over <see cref="Space"/>.</param>
    /// <returns>A value for every metric of <see cref="Metrics"/>.</returns>
    /// <exception cref="TrialFailedException">
    /// The configuration gave no usable model: it scored held-out rows as NaN or infinite (ML.NET's regression metrics
    /// would skip those rows and report a perfect error), or LightGBM grew a tree without a split, which ML.NET cannot
    /// convert. Under <c>Study.Optimize</c> or <c>Study.OptimizeAsync</c> this fails the trial, and the study goes on.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// The data cannot be cross-validated: a fold has too few rows, or rows of one class only (in binary classification,
    /// training or held-out; in multiclass classification, training);
    /// held-out rows have NaN or infinite features, which the trainer scores as NaN (a linear model, say); a metric came
    /// out NaN or infinite (a constant label, say); or the featurizer returned null instead of an estimator, or its output has no label or feature column the
    /// trainer can read (see the constructor).
    /// </exception>
    /// <exception cref="ArgumentException">The values are not a point of <see cref="Space"/>: a parameter is missing, or a value lies outside its range.</exception>
    public Measurements Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return CrossValidate(ml => Trainer.CreateTrainer(ml, trial.Parameters, nameof(trial)), CancellationToken.None);
    }

    /// <summary>Cross-validates a trial's configuration on the thread pool, for <c>Study.OptimizeAsync</c>.</summary>
    /// <param name="trial">A trial of a study over <see cref="Space"/>.</param>
    /// <param name="cancellationToken">Checked between folds.</param>
    /// <returns>A value for every metric of <see cref="Metrics"/>.</returns>
    /// <exception cref="TrialFailedException">
    /// The configuration gave no usable model: it scored held-out rows as NaN or infinite (ML.NET's regression metrics
    /// would skip those rows and report a perfect error), or LightGBM grew a tree without a split, which ML.NET cannot
    /// convert. Under <c>Study.Optimize</c> or <c>Study.OptimizeAsync</c> this fails the trial, and the study goes on.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// The data cannot be cross-validated: a fold has too few rows, or rows of one class only (in binary classification,
    /// training or held-out; in multiclass classification, training);
    /// held-out rows have NaN or infinite features, which the trainer scores as NaN (a linear model, say); a metric came
    /// out NaN or infinite (a constant label, say); or the featurizer returned null instead of an estimator, or its output has no label or feature column the
    /// trainer can read (see the constructor).
    /// </exception>
    /// <exception cref="OperationCanceledException">The evaluation was cancelled.</exception>
    /// <exception cref="ArgumentException">The values are not a point of <see cref="Space"/>: a parameter is missing, or a value lies outside its range.</exception>
    public Task<Measurements> EvaluateAsync(Trial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Task.Run(() => CrossValidate(ml => Trainer.CreateTrainer(ml, trial.Parameters, nameof(trial)), cancellationToken), cancellationToken);
    }

    /// <summary>Cross-validates a configuration of the space.</summary>
    /// <param name="parameters">The tuned values, from <see cref="Space"/>.</param>
    /// <param name="cancellationToken">Checked between folds.</param>
    /// <returns>A value for every metric of <see cref="Metrics"/>.</returns>
    /// <exception cref="TrialFailedException">
    /// The configuration gave no usable model: it scored held-out rows as NaN or infinite (ML.NET's regression metrics
    /// would skip those rows and report a perfect error), or LightGBM grew a tree without a split, which ML.NET cannot
    /// convert. Under <c>Study.Optimize</c> or <c>Study.OptimizeAsync</c> this fails the trial, and the study goes on.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// The data cannot be cross-validated: a fold has too few rows, or rows of one class only (in binary classification,
    /// training or held-out; in multiclass classification, training);
    /// held-out rows have NaN or infinite features, which the trainer scores as NaN (a linear model, say); a metric came
    /// out NaN or infinite (a constant label, say); or the featurizer returned null instead of an estimator, or its output has no label or feature column the
    /// trainer can read (see the constructor).
    /// </exception>
    /// <exception cref="OperationCanceledException">The evaluation was cancelled.</exception>
    /// <exception cref="ArgumentException">The values are not a point of <see cref="Space"/>: a parameter is missing, or a value lies outside its range.</exception>
    public Measurements Evaluate(ParameterValues parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return CrossValidate(ml => Trainer.CreateTrainer(ml, parameters, nameof(parameters)), cancellationToken);
    }

    /// <summary>
    /// Cross-validates the trainer with ML.NET's default hyperparameters on the same folds: the baseline to compare the
    /// tuned result with.
    /// </summary>
    /// <param name="cancellationToken">Checked between folds.</param>
    /// <returns>A value for every metric of <see cref="Metrics"/>.</returns>
    /// <exception cref="TrialFailedException">
    /// The configuration gave no usable model: it scored held-out rows as NaN or infinite (ML.NET's regression metrics
    /// would skip those rows and report a perfect error), or LightGBM grew a tree without a split, which ML.NET cannot
    /// convert. Under <c>Study.Optimize</c> or <c>Study.OptimizeAsync</c> this fails the trial, and the study goes on.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// The data cannot be cross-validated: a fold has too few rows, or rows of one class only (in binary classification,
    /// training or held-out; in multiclass classification, training);
    /// held-out rows have NaN or infinite features, which the trainer scores as NaN (a linear model, say); a metric came
    /// out NaN or infinite (a constant label, say); or the featurizer returned null instead of an estimator, or its output has no label or feature column the
    /// trainer can read (see the constructor).
    /// </exception>
    /// <exception cref="OperationCanceledException">The evaluation was cancelled.</exception>
    public Measurements EvaluateDefaults(CancellationToken cancellationToken = default) => CrossValidate(Trainer.CreateDefaultTrainer, cancellationToken);

    private Measurements CrossValidate(Func<MLContext, IEstimator<ITransformer>> createTrainer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FoldCheck.CheckFoldCount(Trainer, _rows.Value, _options.Folds);
        var ml = new MLContext(_options.Seed);
        IReadOnlyList<DataOperationsCatalog.TrainTestData> folds =
            ml.Data.CrossValidationSplit(_data, _options.Folds, _options.SamplingKeyColumnName, _options.Seed);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        double trainSeconds = 0;
        for (int k = 0; k < folds.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FoldCheck.CheckRows(Trainer, folds[k], k, folds.Count, _options.SamplingKeyColumnName);
            IEstimator<ITransformer> trainer = createTrainer(ml);

            // The featurizer is fitted first (as a chain of the two would fit it), so that the classes are checked on
            // the label the trainer reads, which the featurizer may create.
            IDataView train = folds[k].TrainSet, test = folds[k].TestSet;
            long start = Stopwatch.GetTimestamp();
            if (_options.Featurizer is { } featurizer)
            {
                IEstimator<ITransformer> estimator = featurizer(ml)
                    ?? throw new InvalidOperationException(
                        "CrossValidationOptions.Featurizer returned null; it must return the estimator that prepares the features, such as ml.Transforms.Concatenate(\"Features\", …).");
                ITransformer features = estimator.Fit(train);
                (train, test) = (features.Transform(train), features.Transform(test));
            }

            double featurizeSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (_options.Featurizer is not null
                && ColumnProblem(Trainer, train.Schema, featurized: true) is string problem)
            {
                throw new InvalidOperationException(problem);
            }

            FoldCheck.CheckClasses(Trainer, train, test, k, folds.Count);
            start = Stopwatch.GetTimestamp();
            ITransformer model = TreeConversionCheck.Fit(Trainer, trainer, train, k, folds.Count);
            trainSeconds += featurizeSeconds + Stopwatch.GetElapsedTime(start).TotalSeconds;
            IDataView scored = model.Transform(test);
            ScoreCheck.Check(Trainer, scored, k, folds.Count);
            foreach ((string name, double value) in FoldMetrics.Compute(ml, Trainer, scored))
            {
                sums[name] = sums.GetValueOrDefault(name) + value;
            }
        }

        var measurements = new Measurements { [TrainSeconds] = trainSeconds / folds.Count };
        foreach (TrainerMetric metric in _stored.Prepend(_objective))
        {
            double mean = sums[metric.Name] / folds.Count;
            if (!double.IsFinite(mean))
            {
                throw new InvalidOperationException(
                    $"The cross-validated {metric.Name} of {Trainer.Trainer} is {mean}: a fold may hold too few rows, or a feature infinite values. Use fewer folds or more data, or replace the infinite values.");
            }

            measurements[metric.Name] = mean;
        }

        return measurements;
    }

    /// <summary>The first problem with the label or feature column the trainer reads (<see cref="LabelCheck"/>, <see cref="FeatureCheck"/>), or null.</summary>
    private static string? ColumnProblem(TrainerSearchSpace trainer, DataViewSchema schema, bool featurized) =>
        LabelCheck.Problem(trainer, schema, featurized) ?? FeatureCheck.Problem(trainer, schema, featurized);
}
