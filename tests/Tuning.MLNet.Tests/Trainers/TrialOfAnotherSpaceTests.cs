using Microsoft.ML;
using Tuning.MLNet.Tests.Support;

namespace Tuning.MLNet.Tests.Trainers;

/// <summary>A trial whose values are no point of the trainer's space is refused under the name <c>trial</c>, the parameter that carried it.</summary>
public sealed class TrialOfAnotherSpaceTests
{
    private static readonly MLContext Ml = new(1);

    [Fact]
    public void Every_overload_that_takes_a_trial_names_the_trial()
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        Trial trial = study.Ask();
        var space = BinaryTrainerSpaces.LightGbm();
        var objective = new CrossValidationObjective(SyntheticData.Binary(Ml), space, "auc", new CrossValidationOptions { Folds = 2 });

        Assert.All(
            [
                () => space.CreateOptions(trial),
                () => space.CreateTrainer(Ml, trial),
                () => objective.Evaluate(trial),
                () => objective.EvaluateAsync(trial, CancellationToken.None).GetAwaiter().GetResult(),
            ],
            (Func<object> call) =>
            {
                var e = Assert.Throws<ArgumentException>(call);
                Assert.Equal("trial", e.ParamName);
                Assert.StartsWith("The values are not a point of LightGbm (BinaryClassification)'s search space: ", e.Message, StringComparison.Ordinal);
                Assert.EndsWith("(Parameter 'trial')", e.Message, StringComparison.Ordinal);
            });
    }
}
