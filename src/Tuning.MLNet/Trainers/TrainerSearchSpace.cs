using Microsoft.ML;

namespace Tuning.MLNet;

/// <summary>
/// A ready-made search space for one ML.NET trainer and task, and the way from a trial's parameters to the trainer.
/// Get one from <see cref="BinaryTrainerSpaces"/>, <see cref="MulticlassTrainerSpaces"/> or <see cref="RegressionTrainerSpaces"/>.
/// </summary>
/// <remarks>
/// A trainer's options are built in three layers: ML.NET's defaults with one thread (see the factories), then the
/// tuned values, then the caller's <c>configure</c> action, which therefore has the last word on every option.
/// </remarks>
public abstract class TrainerSearchSpace
{
    private protected TrainerSearchSpace(
        string trainer, TrainerTask task, SearchSpace space, bool producesProbabilities, string labelColumnName, string featureColumnName)
    {
        Trainer = trainer;
        Task = task;
        Space = space;
        ProducesProbabilities = producesProbabilities;
        LabelColumnName = labelColumnName;
        FeatureColumnName = featureColumnName;
    }

    /// <summary>Gets the trainer's name, such as <c>LightGbm</c>.</summary>
    public string Trainer { get; }

    /// <summary>Gets the task the trainer trains for.</summary>
    public TrainerTask Task { get; }

    /// <summary>Gets the search space of the trainer's tuned hyperparameters.</summary>
    public SearchSpace Space { get; }

    /// <summary>
    /// Gets a value indicating whether the trained model scores probabilities (a <c>Probability</c> column for binary
    /// classification), which log-loss needs. FastForest's binary classifier does not.
    /// </summary>
    public bool ProducesProbabilities { get; }

    /// <summary>Gets the name of the label column the trainer reads, after the <c>configure</c> action.</summary>
    public string LabelColumnName { get; }

    /// <summary>Gets the name of the feature column the trainer reads, after the <c>configure</c> action.</summary>
    internal string FeatureColumnName { get; }

    /// <summary>Creates the trainer for a point of the space.</summary>
    /// <param name="ml">The context that creates the trainer.</param>
    /// <param name="parameters">The tuned values, from <see cref="Space"/>.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">The values do not belong to <see cref="Space"/>.</exception>
    public abstract IEstimator<ITransformer> CreateTrainer(MLContext ml, ParameterValues parameters);

    /// <summary>Creates the trainer for a point of the space; the exception for values off the space names <paramref name="paramName"/>.</summary>
    /// <param name="ml">The context that creates the trainer.</param>
    /// <param name="parameters">The tuned values.</param>
    /// <param name="paramName">The public parameter that carried the values, such as <c>trial</c>.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">The values do not belong to <see cref="Space"/>.</exception>
    internal abstract IEstimator<ITransformer> CreateTrainer(MLContext ml, ParameterValues parameters, string paramName);

    /// <summary>Creates the trainer for a trial.</summary>
    /// <param name="ml">The context that creates the trainer.</param>
    /// <param name="trial">A trial of a study over <see cref="Space"/>.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">The trial's values do not belong to <see cref="Space"/>.</exception>
    public IEstimator<ITransformer> CreateTrainer(MLContext ml, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return CreateTrainer(ml, trial.Parameters, nameof(trial));
    }

    /// <summary>
    /// Creates the trainer with ML.NET's default hyperparameters (and the one-thread default and the
    /// <c>configure</c> action): the baseline a tuned trainer should beat.
    /// </summary>
    /// <param name="ml">The context that creates the trainer.</param>
    /// <returns>The trainer.</returns>
    public abstract IEstimator<ITransformer> CreateDefaultTrainer(MLContext ml);

    /// <summary>Returns the trainer's name and task.</summary>
    /// <returns>For example <c>LightGbm (BinaryClassification)</c>.</returns>
    public override string ToString() => $"{Trainer} ({Task})";
}
