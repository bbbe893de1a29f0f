using Tuning;

namespace TorchSharpDigits;

/// <summary>The hyperparameters of the MLP and its optimizer, read from a trial.</summary>
internal sealed record Hyperparameters(int Hidden, double LearningRate, double WeightDecay, double Dropout, int BatchSize)
{
    /// <summary>The search space: a one-hidden-layer MLP trained with AdamW.</summary>
    public static SearchSpace Space { get; } = Builder().Build();

    /// <summary>The same space with the number of epochs as its fidelity, for the multi-fidelity suggester.</summary>
    public static SearchSpace WithEpochs(int maxEpochs) => Builder().IntFidelity("epochs", 1, maxEpochs, log: true).Build();

    private static SearchSpaceBuilder Builder() => new SearchSpaceBuilder()
        .Int("hidden", 16, 256, log: true)
        .Float("learning_rate", 1e-4, 1e-1, log: true)
        .Float("weight_decay", 1e-6, 1e-1, log: true)
        .Float("dropout", 0.0, 0.5)
        .Int("batch_size", 16, 256, log: true);

    public static Hyperparameters From(Trial trial) => new(
        trial.GetInt("hidden"),
        trial.GetDouble("learning_rate"),
        trial.GetDouble("weight_decay"),
        trial.GetDouble("dropout"),
        trial.GetInt("batch_size"));
}
