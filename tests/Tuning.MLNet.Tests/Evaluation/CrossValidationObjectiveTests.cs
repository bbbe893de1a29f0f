using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Tuning.MLNet.Tests.Support;

namespace Tuning.MLNet.Tests.Evaluation;

public sealed class CrossValidationObjectiveTests
{
    private static readonly MLContext Ml = new(1);

    [Theory]
    [InlineData("AUC", "auc", false)]
    [InlineData("log-loss", "log_loss", true)]
    [InlineData("LogLoss", "log_loss", true)]
    [InlineData("accuracy", "accuracy", false)]
    [InlineData("F1 score", "f1", false)]
    [InlineData("area_under_pr_curve", "auprc", false)]
    public void A_binary_metric_is_found_by_any_spelling_with_its_direction(string given, string name, bool minimize)
    {
        var objective = new CrossValidationObjective(SyntheticData.Binary(Ml), BinaryTrainerSpaces.LightGbm(), given);

        Metric metric = objective.Metrics[0];
        Assert.Equal(name, metric.Name);
        Assert.Equal(minimize ? MetricKind.Minimize : MetricKind.Maximize, metric.Kind);
    }

    [Theory]
    [InlineData("rmse", "rmse", true)]
    [InlineData("MAE", "mae", true)]
    [InlineData("r2", "r_squared", false)]
    [InlineData("mse", "mse", true)]
    public void A_regression_metric_is_found_with_its_direction(string given, string name, bool minimize)
    {
        var objective = new CrossValidationObjective(SyntheticData.Regression(Ml), RegressionTrainerSpaces.FastTree(), given);

        Assert.Equal((name, minimize ? MetricKind.Minimize : MetricKind.Maximize), (objective.Metrics[0].Name, objective.Metrics[0].Kind));
    }

    [Fact]
    public void The_metrics_are_the_objective_then_training_time_then_the_other_main_metrics()
    {
        var stored = new CrossValidationObjective(SyntheticData.Binary(Ml), BinaryTrainerSpaces.LightGbm(), "auc");
        var constrained = new CrossValidationObjective(SyntheticData.Binary(Ml), BinaryTrainerSpaces.FastForest(), "accuracy", new CrossValidationOptions { MaxTrainSeconds = 2 });
        var multiclass = new CrossValidationObjective(SyntheticData.Multiclass(Ml), MulticlassTrainerSpaces.LightGbm(), "accuracy", new CrossValidationOptions { Featurizer = SyntheticData.MulticlassFeaturizer });

        Assert.Equal(["auc", "train_seconds", "accuracy", "log_loss"], stored.Metrics.Select(m => m.Name));
        Assert.Equal(MetricKind.Store, stored.Metrics[1].Kind);
        Assert.Equal(["accuracy", "train_seconds", "auc"], constrained.Metrics.Select(m => m.Name));
        Assert.Equal(MetricKind.Constraint, constrained.Metrics[1].Kind);
        Assert.Equal(2, constrained.Metrics[1].Max);
        Assert.Equal(["micro_accuracy", "train_seconds", "macro_accuracy", "log_loss"], multiclass.Metrics.Select(m => m.Name));
    }

    [Fact]
    public void Misuse_is_named()
    {
        IDataView data = SyntheticData.Binary(Ml);

        var unknown = Assert.Throws<ArgumentException>(() => new CrossValidationObjective(data, BinaryTrainerSpaces.LightGbm(), "rmse"));
        var noProbabilities = Assert.Throws<ArgumentException>(() => new CrossValidationObjective(data, BinaryTrainerSpaces.FastForest(), "log-loss"));

        Assert.Contains("'rmse' is not a metric of BinaryClassification", unknown.Message);
        Assert.Equal("metric", unknown.ParamName);
        Assert.Equal("metric", Assert.ThrowsAny<ArgumentException>(() => new CrossValidationObjective(data, BinaryTrainerSpaces.LightGbm(), " ")).ParamName);
        Assert.Contains("auc, accuracy, log_loss, auprc, f1", unknown.Message);
        Assert.Contains("FastForest scores no probabilities", noProbabilities.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossValidationOptions { Folds = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossValidationOptions { MaxTrainSeconds = 0 });
    }

    [Fact]
    public void CreateStudy_documents_the_argument_exception_it_throws()
    {
        var objective = new CrossValidationObjective(SyntheticData.Binary(Ml), BinaryTrainerSpaces.LightGbm(), "auc");

        Assert.Throws<ArgumentException>(() => objective.CreateStudy(new MultiFidelitySuggester(1)));
        Assert.Throws<ArgumentException>(() => objective.CreateStudy(
            options: new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), HeartbeatGracePeriod = TimeSpan.FromSeconds(1) }));
        Assert.Contains(
            "System.ArgumentException",
            PublicDocs.Exceptions("M:Tuning.MLNet.CrossValidationObjective.CreateStudy(Tuning.ISuggester,Tuning.StudyOptions)"));
    }

    [Fact]
    public void The_options_are_read_once_when_the_objective_is_created()
    {
        var options = new CrossValidationOptions { Folds = 2 };
        var objective = new CrossValidationObjective(SyntheticData.Binary(Ml), BinaryTrainerSpaces.LbfgsLogisticRegression(), "auc", options);
        Measurements before = objective.EvaluateDefaults();

        // A key the constructor would refuse, and a time limit the metrics were not built with, change nothing now.
        options.SamplingKeyColumnName = "no such column";
        options.MaxTrainSeconds = 1e-9;
        options.Folds = 3;

        Assert.Equal(before["auc"], objective.EvaluateDefaults()["auc"]);
        Assert.Equal(MetricKind.Store, objective.Metrics.Single(m => m.Name == CrossValidationObjective.TrainSeconds).Kind);
    }

    [Fact]
    public void A_featurizer_that_returns_null_is_named()
    {
        var objective = new CrossValidationObjective(
            SyntheticData.Binary(Ml), BinaryTrainerSpaces.LbfgsLogisticRegression(), "auc", new CrossValidationOptions { Folds = 2, Featurizer = _ => null! });

        var e = Assert.Throws<InvalidOperationException>(() => objective.EvaluateDefaults());

        Assert.Contains("CrossValidationOptions.Featurizer returned null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_folds_than_rows_are_refused_before_the_split()
    {
        var objective = new CrossValidationObjective(
            SyntheticData.Binary(Ml, rows: 40), BinaryTrainerSpaces.LbfgsLogisticRegression(), "auc", new CrossValidationOptions { Folds = int.MaxValue });
        var elapsed = Stopwatch.StartNew();

        var e = Assert.Throws<InvalidOperationException>(() => objective.EvaluateDefaults());

        Assert.Contains("40 rows, fewer than the 2147483647 folds", e.Message, StringComparison.Ordinal);
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(30), $"refused after {elapsed.Elapsed}");
    }

    [Fact]
    public void An_evaluation_measures_every_metric_and_is_reproducible()
    {
        var objective = new CrossValidationObjective(SyntheticData.Binary(Ml), BinaryTrainerSpaces.LightGbm(), "log-loss", new CrossValidationOptions { Folds = 3, Seed = 5 });
        ParameterValues values = SearchSpace.From<LightGbmParameters>().Decode([0.3, 0.5, 0.4, 0.2, 0.6, 0.9, 0.1, 0.5]);

        Measurements first = objective.Evaluate(values);
        Measurements second = objective.Evaluate(values);

        Assert.Equal(objective.Metrics.Select(m => m.Name).Order(), first.Select(m => m.Key).Order());
        Assert.All(first, m => Assert.True(double.IsFinite(m.Value)));
        Assert.InRange(first["auc"], 0.8, 1);
        Assert.InRange(first["log_loss"], 0, Math.Log(2));
        Assert.True(first[CrossValidationObjective.TrainSeconds] > 0);
        Assert.Equal(first.Where(m => m.Key != "train_seconds"), second.Where(m => m.Key != "train_seconds"));
    }

    [Fact]
    public void Concurrent_evaluations_give_the_results_of_sequential_ones()
    {
        // Each evaluation has its own MLContext: evaluations on several threads at once must not disturb each other.
        var objective = new CrossValidationObjective(SyntheticData.Multiclass(Ml), MulticlassTrainerSpaces.LightGbm(), "log-loss",
            new CrossValidationOptions { Folds = 3, Featurizer = SyntheticData.MulticlassFeaturizer });
        ParameterValues[] points = [.. Enumerable.Range(0, 6).Select(i => objective.Space.Decode([.. Enumerable.Range(0, 8).Select(k => ((i * 0.37) + (k * 0.11)) % 1)]))];

        double[] sequential = [.. points.Select(p => objective.Evaluate(p)["log_loss"])];
        double[] parallel = new double[points.Length];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i => parallel[i] = objective.Evaluate(points[i])["log_loss"]);

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void The_defaults_are_cross_validated_on_the_same_folds()
    {
        var objective = new CrossValidationObjective(SyntheticData.Regression(Ml), RegressionTrainerSpaces.FastTree(), "rmse", new CrossValidationOptions { Folds = 3 });
        var defaults = new FastTreeParameters();
        var study = objective.CreateStudy();
        study.Enqueue(defaults);

        Measurements baseline = objective.EvaluateDefaults();
        Measurements sameValues = objective.Evaluate(study.Ask());

        Assert.Equal(baseline["rmse"], sameValues["rmse"], 10);
        Assert.IsType<GaussianProcessSuggester>(study.Suggester);
    }

    [Fact]
    public async Task A_study_runs_the_objective_under_OptimizeAsync()
    {
        var objective = new CrossValidationObjective(SyntheticData.Binary(Ml), BinaryTrainerSpaces.SdcaLogisticRegression(), "auc", new CrossValidationOptions { Folds = 2 });
        Study study = objective.CreateStudy(new RandomSuggester(3));

        await study.OptimizeAsync(objective.EvaluateAsync, trials: 3, maxConcurrency: 2);

        Assert.All(study.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.InRange(study.BestTrial.Values["auc"], 0.8, 1);
    }

    [Fact]
    public void A_metric_that_is_not_finite_fails_the_evaluation_with_a_reason()
    {
        // A constant label has no variance, so R² is 0/0 on every fold.
        IDataView constant = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 30).Select(i => new SyntheticData.RegressionRow { Features = [i, 1, 2, 3], Label = 1 }));
        var objective = new CrossValidationObjective(constant, RegressionTrainerSpaces.FastTree(), "r2", new CrossValidationOptions { Folds = 2 });

        var e = Assert.Throws<InvalidOperationException>(() => objective.EvaluateDefaults());

        Assert.Contains("r_squared of FastTree is NaN", e.Message);
    }

    [Theory]
    [InlineData(0, "The data has 0 rows, fewer than the 5 folds, too few")]
    [InlineData(3, "The data has 3 rows, fewer than the 5 folds, too few")]
    public void Too_few_rows_for_the_folds_are_named_before_training(int rows, string expected)
    {
        var objective = new CrossValidationObjective(SyntheticData.Binary(Ml, rows), BinaryTrainerSpaces.LightGbm(), "accuracy");

        var e = Assert.Throws<InvalidOperationException>(() => objective.EvaluateDefaults());

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void An_empty_fold_made_by_a_sampling_key_of_too_few_values_names_the_key()
    {
        // Rows of one key value stay in one fold, so a key with a single value leaves the other folds empty whatever the
        // number of rows: "more data" would not help.
        IDataView data = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 60).Select(i => new GroupedRow { Features = [i % 7, i % 3, 1, 2], Label = i % 2 == 0, Hospital = "north" }).ToList());
        var objective = new CrossValidationObjective(data, BinaryTrainerSpaces.LightGbm(), "auc", new CrossValidationOptions { Folds = 2, SamplingKeyColumnName = nameof(GroupedRow.Hospital) });

        var e = Assert.Throws<InvalidOperationException>(() => objective.EvaluateDefaults());

        Assert.Contains("held-out rows, too few to cross-validate LightGbm.", e.Message);
        Assert.Contains("The sampling key column 'Hospital' keeps the rows of each of its values in one fold", e.Message);
    }

    [Fact]
    public void A_binary_fold_of_one_class_is_named_whatever_the_objective()
    {
        IDataView positive = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new SyntheticData.BinaryRow { Features = [i, 1, 2, 3], Label = true }));
        var objective = new CrossValidationObjective(positive, BinaryTrainerSpaces.FastForest(), "accuracy");

        var e = Assert.Throws<InvalidOperationException>(() => objective.EvaluateDefaults());

        Assert.Contains("Fold 1 of 5: all 32 training rows are positive", e.Message);
        Assert.Contains("AUC and F1 are not defined for one class", e.Message);
    }

    [Fact]
    public void A_multiclass_fold_of_one_class_is_named_for_every_trainer()
    {
        // ML.NET's own refusals differ by trainer: LightGBM's native "Number of classes should be ... greater than 1",
        // SDCA's "Must be at least 2 (numClasses)", L-BFGS's schema mismatch for the score column.
        IDataView oneClass = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new SyntheticData.MulticlassRow { Features = [i, i % 3, 1, 2], Class = "benign" }).ToList());
        var options = new CrossValidationOptions { Folds = 2, Featurizer = SyntheticData.MulticlassFeaturizer };

        foreach (TrainerSearchSpace trainer in MulticlassTrainerSpaces.All())
        {
            var e = Assert.Throws<InvalidOperationException>(() => new CrossValidationObjective(oneClass, trainer, "accuracy", options).EvaluateDefaults());

            Assert.StartsWith($"Fold 1 of 2: the label 'Label' of the training rows has 1 class, so {trainer.Trainer} cannot learn to tell classes apart;", e.Message);
        }
    }

    [Fact]
    public void A_model_that_scores_held_out_rows_as_NaN_fails_instead_of_scoring_a_perfect_error()
    {
        // Leaves of 100 rows cannot be grown from a bagged sample of 66: every tree is a leaf that predicts NaN, and
        // ML.NET's regression metrics skip NaN predictions, reporting an RMSE of 0.
        TrainerSearchSpace trainer = RegressionTrainerSpaces.FastForest();
        ParameterValues values = trainer.Space.CreateValues(new Dictionary<string, object>
        {
            ["NumberOfTrees"] = 20, ["NumberOfLeaves"] = 14, ["MinimumExampleCountPerLeaf"] = 100,
            ["FeatureFraction"] = 0.55, ["BaggingExampleFraction"] = 0.55,
        });
        var objective = new CrossValidationObjective(SyntheticData.Regression(Ml), trainer, "rmse");

        var e = Assert.Throws<TrialFailedException>(() => objective.Evaluate(values));

        Assert.Matches(@"^Fold 1 of 5: FastForest scored (\d+) of its \1 held-out rows as NaN or infinite", e.Message);
    }

    [Fact]
    public void A_LightGbm_configuration_that_grows_a_tree_without_a_split_fails_its_trial_and_the_study_goes_on()
    {
        // On data this easy, many fast iterations run out of splits, and ML.NET cannot convert LightGBM's split-less
        // tree ("Value cannot be null. (Parameter 'items')" from RegressionTreeBase); other settings train fine.
        var random = new Random(5);
        IDataView easy = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 120).Select(_ =>
        {
            float[] x = [(float)random.NextDouble(), (float)random.NextDouble(), 1, 2];
            return new SyntheticData.BinaryRow { Features = x, Label = x[0] > 0.5 };
        }).ToList());
        var objective = new CrossValidationObjective(easy, BinaryTrainerSpaces.LightGbm(), "auc", new CrossValidationOptions { Folds = 2, Seed = 2 });
        Study study = objective.CreateStudy(new RandomSuggester(seed: 3));
        study.Enqueue(new LightGbmParameters { NumberOfIterations = 117, LearningRate = 0.32, NumberOfLeaves = 67, MinimumExampleCountPerLeaf = 10, FeatureFraction = 0.68, L1Regularization = 5, L2Regularization = 1.5e-8 });
        study.Enqueue(new LightGbmParameters { NumberOfIterations = 20, NumberOfLeaves = 4 });

        study.Optimize(objective.Evaluate, trials: 2);

        Assert.Equal(TrialState.Failed, study.Trials[0].State);
        Assert.StartsWith("Fold 1 of 2: LightGbm grew a tree without a split, which ML.NET cannot turn into a model", study.Trials[0].FailReason);
        Assert.True(study.Trials[1].State == TrialState.Completed, study.Trials[1].FailReason);
    }

    [Fact]
    public void A_configuration_whose_model_scores_NaN_fails_its_trial_and_the_study_goes_on()
    {
        TrainerSearchSpace trainer = RegressionTrainerSpaces.FastForest();
        var objective = new CrossValidationObjective(SyntheticData.Regression(Ml), trainer, "rmse", new CrossValidationOptions { Folds = 2 });
        Study study = objective.CreateStudy(new RandomSuggester(seed: 3));
        study.Enqueue(new Dictionary<string, object>
        {
            ["NumberOfTrees"] = 20, ["NumberOfLeaves"] = 14, ["MinimumExampleCountPerLeaf"] = 100,
            ["FeatureFraction"] = 0.55, ["BaggingExampleFraction"] = 0.55,
        });

        study.Enqueue(new Dictionary<string, object>
        {
            ["NumberOfTrees"] = 20, ["NumberOfLeaves"] = 4, ["MinimumExampleCountPerLeaf"] = 2,
            ["FeatureFraction"] = 0.9, ["BaggingExampleFraction"] = 0.9,
        });

        study.Optimize(objective.Evaluate, trials: 2);

        Assert.Equal(TrialState.Failed, study.Trials[0].State);
        Assert.StartsWith("Fold 1 of 2: FastForest scored", study.Trials[0].FailReason);
        Assert.True(study.Trials[1].State == TrialState.Completed, study.Trials[1].FailReason);
    }

    [Fact]
    public void Missing_feature_values_a_linear_model_cannot_score_are_named_as_a_data_problem_not_a_bad_configuration()
    {
        // SDCA skips training rows with a NaN feature but scores held-out ones as NaN whatever its settings, so failing
        // only the trial (and blaming its settings) would fail every trial of the study in turn.
        IDataView data = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 120).Select(i => new SyntheticData.BinaryRow
        {
            Features = [i % 7, i % 3 == 0 ? float.NaN : i % 5, 1, 2],
            Label = i % 2 == 0,
        }).ToList());
        var objective = new CrossValidationObjective(data, BinaryTrainerSpaces.SdcaLogisticRegression(), "auc", new CrossValidationOptions { Folds = 2 });
        Study study = objective.CreateStudy(new RandomSuggester(seed: 3));

        var e = Assert.Throws<InvalidOperationException>(() => study.Optimize(objective.Evaluate, trials: 3));

        Assert.Matches(@"^Fold 1 of 2: (\d+) of its (\d+) held-out rows have missing \(NaN\) values in the feature column 'Features', which SdcaLogisticRegression scores as NaN\.", e.Message);
        Assert.Contains("ReplaceMissingValues", e.Message);
        Assert.Contains("or tune LightGbm, which learns where missing values go", e.Message);
        Assert.Single(study.Trials);
    }

    [Fact]
    public void Infinite_feature_values_are_not_sent_to_ReplaceMissingValues_which_replaces_NaN_only()
    {
        IDataView data = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 120).Select(i => new SyntheticData.BinaryRow
        {
            Features = [i % 7, i % 3 == 0 ? float.PositiveInfinity : i % 5, 1, 2],
            Label = i % 2 == 0,
        }).ToList());
        var objective = new CrossValidationObjective(data, BinaryTrainerSpaces.LbfgsLogisticRegression(), "auc", new CrossValidationOptions { Folds = 2 });

        var e = Assert.Throws<InvalidOperationException>(() => objective.EvaluateDefaults());

        Assert.Contains("have infinite values in the feature column 'Features'", e.Message);
        Assert.DoesNotContain("ReplaceMissingValues", e.Message);
    }

    [Fact]
    public void Cancellation_stops_an_evaluation()
    {
        var objective = new CrossValidationObjective(SyntheticData.Binary(Ml), BinaryTrainerSpaces.LightGbm(), "auc");

        Assert.ThrowsAny<OperationCanceledException>(() => objective.EvaluateDefaults(new CancellationToken(canceled: true)));
    }

    [Fact]
    public void A_binary_label_the_featurizer_creates_is_cross_validated()
    {
        IDataView data = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 60).Select(i => new NumericTargetRow { Features = [i % 7, i % 3, 1, 2], Target = i % 2 }));
        var options = new CrossValidationOptions { Folds = 2, Featurizer = ml => ml.Transforms.Conversion.ConvertType("Label", nameof(NumericTargetRow.Target), DataKind.Boolean) };
        var objective = new CrossValidationObjective(data, BinaryTrainerSpaces.FastTree(), "auc", options);

        Measurements measured = objective.EvaluateDefaults();

        Assert.InRange(measured["auc"], 0, 1);
    }

    [Fact]
    public void A_label_the_trainer_cannot_read_is_named_before_any_trial()
    {
        IDataView data = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 60).Select(i => new NumericTargetRow { Features = [i % 7, i % 3, 1, 2], Target = i % 2 }));

        var missing = Assert.Throws<ArgumentException>(() => new CrossValidationObjective(data, BinaryTrainerSpaces.LightGbm(), "auc"));
        var floatLabel = Assert.Throws<ArgumentException>(() => new CrossValidationObjective(data, BinaryTrainerSpaces.LightGbm(o => o.LabelColumnName = "Target"), "auc"));
        var boolLabel = Assert.Throws<ArgumentException>(() => new CrossValidationObjective(SyntheticData.Binary(Ml), RegressionTrainerSpaces.Sdca(), "rmse"));
        var afterFeaturizer = Assert.Throws<InvalidOperationException>(() => new CrossValidationObjective(
            data, MulticlassTrainerSpaces.LightGbm(), "accuracy", new CrossValidationOptions { Featurizer = ml => ml.Transforms.NormalizeMinMax("Features") }).EvaluateDefaults());

        Assert.All(new[] { missing, floatLabel, boolLabel }, e => Assert.Equal("data", e.ParamName));
        Assert.StartsWith("The data has no label column 'Label', which LightGbm reads; its columns are Features, Target.", missing.Message);
        Assert.StartsWith("The data has the label column 'Target' of type Single, but LightGbm (BinaryClassification) reads a Boolean (bool) label.", floatLabel.Message);
        Assert.Contains("ConvertType(\"Target\", \"…\", DataKind.Boolean)", floatLabel.Message);
        Assert.StartsWith("The data has the label column 'Label' of type Boolean, but Sdca (Regression) reads a Single (float) label.", boolLabel.Message);
        Assert.StartsWith("The data after the featurizer has no label column 'Label'", afterFeaturizer.Message);
    }

    [Fact]
    public void Features_the_trainer_cannot_read_are_named_before_any_trial_with_the_transform_that_makes_them_readable()
    {
        // A row class of one property per feature, or of doubles, is the usual first attempt; ML.NET would refuse it at
        // the first evaluation with "Could not find feature column" or "Schema mismatch for feature column".
        IDataView columns = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new ColumnsRow { Age = i, Size = i % 5, Label = i % 2 == 0 }).ToList());
        IDataView doubles = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new DoublesRow { Features = [i, i % 5], Label = i % 2 == 0 }).ToList());
        var concatenated = new CrossValidationOptions { Folds = 2, Featurizer = ml => ml.Transforms.Concatenate("Features", nameof(ColumnsRow.Age)) };

        var missing = Assert.Throws<ArgumentException>(() => new CrossValidationObjective(columns, BinaryTrainerSpaces.LightGbm(), "auc"));
        var wrongType = Assert.Throws<ArgumentException>(() => new CrossValidationObjective(doubles, BinaryTrainerSpaces.FastTree(), "auc"));
        var afterFeaturizer = Assert.Throws<InvalidOperationException>(() => new CrossValidationObjective(columns, BinaryTrainerSpaces.LightGbm(o => o.FeatureColumnName = "Numbers"), "auc", concatenated).EvaluateDefaults());

        Assert.Equal("data", missing.ParamName);
        Assert.StartsWith("The data has no feature column 'Features', which LightGbm reads; its columns are Age, Size, Label.", missing.Message);
        Assert.Contains("ml => ml.Transforms.Concatenate(\"Features\", \"Age\", \"Size\")", missing.Message);
        Assert.Equal("data", wrongType.ParamName);
        Assert.StartsWith("The data has the feature column 'Features' of type Vector<Double, 2>, but FastTree reads a vector of Single (float).", wrongType.Message);
        Assert.Contains("ConvertType(\"Features\", outputKind: DataKind.Single)", wrongType.Message);
        Assert.StartsWith("The data after the featurizer has no feature column 'Numbers'", afterFeaturizer.Message);
    }

    [Fact]
    public void A_multiclass_label_that_is_not_a_key_is_named_with_the_mapping_that_makes_it_one()
    {
        // ML.NET's multiclass trainers read the class as a key; a string or float label is refused before any trial,
        // and, created by a featurizer, at the first evaluation, instead of with ML.NET's message about 'labelCol'.
        IDataView classes = SyntheticData.Multiclass(Ml);
        var renamed = new CrossValidationOptions { Featurizer = ml => ml.Transforms.CopyColumns("Label", nameof(SyntheticData.MulticlassRow.Class)) };

        var text = Assert.Throws<ArgumentException>(() => new CrossValidationObjective(classes, MulticlassTrainerSpaces.LightGbm(o => o.LabelColumnName = "Class"), "accuracy"));
        var number = Assert.Throws<ArgumentException>(() => new CrossValidationObjective(SyntheticData.Regression(Ml), MulticlassTrainerSpaces.SdcaMaximumEntropy(), "accuracy"));
        var afterFeaturizer = Assert.Throws<InvalidOperationException>(() => new CrossValidationObjective(classes, MulticlassTrainerSpaces.LbfgsMaximumEntropy(), "accuracy", renamed).EvaluateDefaults());

        Assert.Equal("data", text.ParamName);
        Assert.StartsWith("The data has the label column 'Class' of type String, but LightGbm (MulticlassClassification) reads a key-typed label (the class's index).", text.Message);
        Assert.Contains("MapValueToKey(\"Class\")", text.Message);
        Assert.StartsWith("The data has the label column 'Label' of type Single, but SdcaMaximumEntropy (MulticlassClassification) reads a key-typed label", number.Message);
        Assert.StartsWith("The data after the featurizer has the label column 'Label' of type String, but LbfgsMaximumEntropy", afterFeaturizer.Message);
    }

    [Fact]
    public void A_sampling_key_the_data_lacks_is_named_before_any_trial()
    {
        var options = new CrossValidationOptions { SamplingKeyColumnName = "Patient" };

        var e = Assert.Throws<ArgumentException>(() => new CrossValidationObjective(SyntheticData.Binary(Ml), BinaryTrainerSpaces.FastTree(), "auc", options));

        Assert.Equal("options", e.ParamName);
        Assert.StartsWith("The sampling key column 'Patient' (CrossValidationOptions.SamplingKeyColumnName) is not a column of the data; its columns are Features, Label.", e.Message);
    }

    internal sealed class GroupedRow
    {
        [VectorType(SyntheticData.FeatureCount)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }

        public string Hospital { get; set; } = string.Empty;
    }

    internal sealed class ColumnsRow
    {
        public float Age { get; set; }

        public float Size { get; set; }

        public bool Label { get; set; }
    }

    internal sealed class DoublesRow
    {
        [VectorType(2)]
        public double[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    internal sealed class NumericTargetRow
    {
        [VectorType(SyntheticData.FeatureCount)]
        public float[] Features { get; set; } = [];

        public float Target { get; set; }
    }
}
