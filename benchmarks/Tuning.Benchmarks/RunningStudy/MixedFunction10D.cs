namespace Tuning.Benchmarks.RunningStudy;

/// <summary>
/// A 10-D mixed space shaped like a gradient-boosting search space (<c>study --space mixed</c>): three log floats, two
/// floats, two log ints, two categoricals and a bool, with a smooth loss over them. The space is what a user of
/// Tuning.MLNet's LightGBM space tunes; the loss only has to be cheap and not trivial for the model.
/// </summary>
internal static class MixedFunction10D
{
    private static readonly string[] MaxBins = ["63", "127", "255", "511"];
    private static readonly string[] Boostings = ["gbdt", "dart", "goss"];

    public static SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("learning_rate", 1e-3, 0.5, log: true)
        .Int("num_leaves", 4, 512, log: true)
        .Int("min_data_in_leaf", 1, 200, log: true)
        .Float("feature_fraction", 0.3, 1)
        .Float("bagging_fraction", 0.3, 1)
        .Float("lambda_l1", 1e-8, 10, log: true)
        .Float("lambda_l2", 1e-8, 10, log: true)
        .Categorical("max_bin", MaxBins)
        .Categorical("boosting", Boostings)
        .Bool("extra_trees")
        .Build();

    public static double Value(Trial trial)
    {
        double rate = Math.Log10(trial.GetDouble("learning_rate")) + 1.3;
        double leaves = Math.Log2(trial.GetInt("num_leaves")) - 5;
        double minData = Math.Log10(trial.GetInt("min_data_in_leaf")) - 1.2;
        double features = trial.GetDouble("feature_fraction") - 0.7;
        double bagging = trial.GetDouble("bagging_fraction") - 0.8;
        double l1 = Math.Log10(trial.GetDouble("lambda_l1")) + 3;
        double l2 = Math.Log10(trial.GetDouble("lambda_l2")) + 1;
        double loss = (rate * rate) + (0.05 * leaves * leaves) + (0.3 * minData * minData) + (2 * features * features)
            + (bagging * bagging) + (0.01 * Math.Sin(l1)) + (0.02 * l2 * l2 / (1 + (0.1 * l2 * l2))) + (0.1 * rate * leaves);
        loss += 0.05 * Array.IndexOf(MaxBins, trial.GetString("max_bin")) * (rate + 0.5);
        loss += trial.GetString("boosting") switch { "gbdt" => 0, "dart" => 0.03 + (0.1 * bagging), _ => 0.08 };
        return loss + (trial.GetBool("extra_trees") ? 0.02 + (0.05 * features) : 0);
    }
}
