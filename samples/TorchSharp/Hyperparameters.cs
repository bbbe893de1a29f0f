using Tuning;

namespace TorchSharpDigits;

/// <summary>
/// The hyperparameters of the MLP and its optimizer, as a typed space: <c>SearchSpace.From&lt;Hyperparameters&gt;()</c>
/// declares one parameter per property and <c>trial.Bind&lt;Hyperparameters&gt;()</c> reads a trial back.
/// </summary>
internal sealed class Hyperparameters
{
    [IntRange(16, 256, Log = true)]
    public int Hidden { get; set; }

    [FloatRange(1e-4, 1e-1, Log = true)]
    public double LearningRate { get; set; }

    [FloatRange(1e-6, 1e-1, Log = true)]
    public double WeightDecay { get; set; }

    [FloatRange(0.0, 0.5)]
    public double Dropout { get; set; }

    [IntRange(16, 256, Log = true)]
    public int BatchSize { get; set; }

    /// <summary>The search space; with <paramref name="maxEpochs"/>, the number of epochs is its fidelity, for the multi-fidelity suggester.</summary>
    public static SearchSpace Space(int? maxEpochs = null) => maxEpochs is int max
        ? new SearchSpaceBuilder().Properties<Hyperparameters>().IntFidelity("epochs", 1, max, log: true).Build()
        : SearchSpace.From<Hyperparameters>();
}
