using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Tuning.MLNet.Tests.Support;

namespace Tuning.MLNet.Tests.Trainers;

/// <summary>Every suggestion of every ready-made space maps onto the trainer's options, and the trainer accepts them: it trains and scores.</summary>
public sealed class TrainerSpaceProperties
{
    public static TheoryData<string> Spaces() => [.. AllSpaces().Select(s => Key(s))];

    [Theory]
    [MemberData(nameof(Spaces))]
    public void Every_suggestion_gives_options_the_trainer_accepts(string key)
    {
        TrainerSearchSpace space = AllSpaces().Single(s => Key(s) == key);
        var ml = new MLContext(1);
        IDataView data = space.Task switch
        {
            TrainerTask.BinaryClassification => SyntheticData.Binary(ml),
            TrainerTask.MulticlassClassification => SyntheticData.Multiclass(ml),
            _ => SyntheticData.Regression(ml),
        };

        Points.ForAll(space.Space, values =>
        {
            object options = OptionsOf(space, values);
            foreach (Parameter parameter in space.Space.Parameters)
            {
                // float options hold the float nearest the tuned double
                double expected = Expected(values, parameter), actual = Actual(options, parameter.Name);
                Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"{parameter.Name}: tuned {expected}, option {actual}");
            }

            IEstimator<ITransformer> trainer = space.CreateTrainer(ml, values);
            IEstimator<ITransformer> pipeline = space.Task == TrainerTask.MulticlassClassification
                ? SyntheticData.MulticlassFeaturizer(ml).Append(trainer)
                : trainer;
            IDataView scored = pipeline.Fit(data).Transform(data);
            Assert.Contains(scored.Schema, c => c.Name == "Score");
        }, maxTest: 8);
    }

    [Fact]
    public void Every_task_has_its_trainers()
    {
        Assert.Equal(["LightGbm", "FastTree", "FastForest", "SdcaLogisticRegression", "LbfgsLogisticRegression"], BinaryTrainerSpaces.All().Select(s => s.Trainer));
        Assert.Equal(["LightGbm", "SdcaMaximumEntropy", "LbfgsMaximumEntropy"], MulticlassTrainerSpaces.All().Select(s => s.Trainer));
        Assert.Equal(["LightGbm", "FastTree", "FastForest", "Sdca"], RegressionTrainerSpaces.All().Select(s => s.Trainer));
        Assert.False(BinaryTrainerSpaces.FastForest().ProducesProbabilities);
        Assert.True(BinaryTrainerSpaces.LightGbm().ProducesProbabilities);
    }

    [Fact]
    public void Options_are_the_defaults_with_one_thread_then_the_tuned_values_then_configure()
    {
        var space = BinaryTrainerSpaces.LightGbm(o => (o.LabelColumnName, o.NumberOfLeaves) = ("Diagnosis", 7));
        var study = new Study(space.Space, Metric.Minimize("loss"));
        study.Enqueue(new LightGbmParameters { NumberOfIterations = 50, NumberOfLeaves = 40, MinimumExampleCountPerLeaf = 3, FeatureFraction = 0.5, SubsampleFraction = 0.8, L1Regularization = 1e-3, L2Regularization = 0.5 });

        var options = space.CreateOptions(study.Ask());
        var defaults = space.CreateDefaultOptions();

        Assert.Equal((50, 7, 3, 1, "Diagnosis"), (options.NumberOfIterations, options.NumberOfLeaves, options.MinimumExampleCountPerLeaf, options.NumberOfThreads, options.LabelColumnName));
        var booster = Assert.IsType<Microsoft.ML.Trainers.LightGbm.GradientBooster.Options>(options.Booster);
        Assert.Equal((0.5, 0.8, 1, 1e-3, 0.5), (booster.FeatureFraction, booster.SubsampleFraction, booster.SubsampleFrequency, booster.L1Regularization, booster.L2Regularization));
        Assert.Equal((100, 7, 1, "Diagnosis"), (defaults.NumberOfIterations, defaults.NumberOfLeaves, defaults.NumberOfThreads, defaults.LabelColumnName));
        Assert.Null(defaults.Booster);
        Assert.Equal("Diagnosis", space.LabelColumnName);
    }

    [Fact]
    public void Values_outside_the_trainer_space_are_refused_before_any_training()
    {
        // A space of the same names with wider ranges would otherwise train two million trees, or reach ML.NET with a
        // fraction above 1, after the folds were split.
        SearchSpace wide = new SearchSpaceBuilder()
            .Int("NumberOfIterations", 1, 2_000_000_000).Float("LearningRate", 0.001, 100).Int("NumberOfLeaves", 2, 256)
            .Int("MinimumExampleCountPerLeaf", 1, 100).Float("FeatureFraction", 0.4, 1).Float("SubsampleFraction", 0.4, 1)
            .Float("L1Regularization", 1e-8, 10).Float("L2Regularization", 1e-8, 10).Build();
        ParameterValues huge = wide.CreateValues(new Dictionary<string, object>
        {
            ["NumberOfIterations"] = 2_000_000, ["LearningRate"] = 0.1, ["NumberOfLeaves"] = 4, ["MinimumExampleCountPerLeaf"] = 5,
            ["FeatureFraction"] = 1.0, ["SubsampleFraction"] = 1.0, ["L1Regularization"] = 1e-8, ["L2Regularization"] = 0.01,
        });
        var space = BinaryTrainerSpaces.LightGbm();
        var objective = new CrossValidationObjective(SyntheticData.Binary(new MLContext(1)), space, "auc");

        var options = Assert.Throws<ArgumentException>(() => space.CreateOptions(huge));
        var evaluation = Assert.Throws<ArgumentException>(() => objective.Evaluate(huge));

        Assert.Equal("parameters", options.ParamName);
        Assert.StartsWith("The values are not a point of LightGbm (BinaryClassification)'s search space: ", options.Message);
        Assert.Contains("Parameter 'NumberOfIterations' has the value 2000000, outside its domain [10, 1000].", options.Message);
        Assert.EndsWith("[10, 1000]. (Parameter 'parameters')", options.Message);
        Assert.Equal(options.Message, evaluation.Message);
    }

    [Fact]
    public void Values_of_an_equal_space_built_apart_are_accepted()
    {
        // A study reopened from its storage, or built over SearchSpace.From<FastTreeParameters>(), has a space of its own.
        var study = new Study(SearchSpace.From<FastTreeParameters>(), Metric.Minimize("loss"), new RandomSuggester(1));
        study.Enqueue(new FastTreeParameters { NumberOfTrees = 321 });

        Assert.Equal(321, BinaryTrainerSpaces.FastTree().CreateOptions(study.Ask()).NumberOfTrees);
    }

    [Fact]
    public void Values_of_a_wider_space_that_holds_the_trainer_space_give_the_trainer_its_own()
    {
        // Tuning a featurizer's options together with the trainer's: the space holds both, and the trainer takes its own.
        SearchSpace combined = new SearchSpaceBuilder()
            .Int("NumberOfTrees", 10, 1000, log: true).Float("LearningRate", 0.005, 0.5, log: true).Int("NumberOfLeaves", 2, 128, log: true)
            .Int("MinimumExampleCountPerLeaf", 1, 100, log: true).Float("FeatureFraction", 0.4, 1.0)
            .Int("NgramLength", 1, 3).Categorical("Normalizer", "min-max", "mean-variance")
            .Build();
        var study = new Study(combined, Metric.Minimize("loss"), new RandomSuggester(1));
        study.Enqueue(new Dictionary<string, object>
        {
            ["NumberOfTrees"] = 77, ["LearningRate"] = 0.1, ["NumberOfLeaves"] = 9, ["MinimumExampleCountPerLeaf"] = 4,
            ["FeatureFraction"] = 0.5, ["NgramLength"] = 2, ["Normalizer"] = "min-max",
        });

        var options = BinaryTrainerSpaces.FastTree().CreateOptions(study.Ask());

        Assert.Equal((77, 9, 4), (options.NumberOfTrees, options.NumberOfLeaves, options.MinimumExampleCountPerLeaf));
    }

    private static IEnumerable<TrainerSearchSpace> AllSpaces() =>
        [.. BinaryTrainerSpaces.All(), .. MulticlassTrainerSpaces.All(), .. RegressionTrainerSpaces.All()];

    private static string Key(TrainerSearchSpace space) => space.ToString();

    private static object OptionsOf(TrainerSearchSpace space, ParameterValues values) =>
        space.GetType().GetMethod("CreateOptions", [typeof(ParameterValues)])!.Invoke(space, [values])!;

    private static double Expected(ParameterValues values, Parameter parameter) => parameter.Kind switch
    {
        ParameterKind.Float => values.GetDouble(parameter.Name),
        ParameterKind.Int => values.GetInt(parameter.Name),
        _ => double.Parse(values.GetString(parameter.Name), CultureInfo.InvariantCulture),
    };

    /// <summary>Reads the option of the parameter's name from the options or their booster, as a double.</summary>
    private static double Actual(object options, string name)
    {
        foreach (object? holder in new[] { options, options.GetType().GetProperty("Booster")?.GetValue(options) })
        {
            if (holder?.GetType().GetField(name, BindingFlags.Public | BindingFlags.Instance) is FieldInfo field)
            {
                return Convert.ToDouble(field.GetValue(holder), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{options.GetType().Name} has no option '{name}'.");
    }
}
