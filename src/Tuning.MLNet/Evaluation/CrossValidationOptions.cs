using Microsoft.ML;

namespace Tuning.MLNet;

/// <summary>How a <see cref="CrossValidationObjective"/> cross-validates a trial.</summary>
public sealed class CrossValidationOptions
{
    private int _folds = 5;
    private double? _maxTrainSeconds;

    /// <summary>Gets or sets the number of folds; at least 2.</summary>
    /// <value>The default is 5.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 2.</exception>
    public int Folds
    {
        get => _folds;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2);
            _folds = value;
        }
    }

    /// <summary>
    /// Gets or sets the seed of the folds and of the <see cref="MLContext"/> each evaluation creates, so a configuration
    /// always meets the same folds and, on one thread, gives the same result.
    /// </summary>
    /// <value>The default is 0.</value>
    public int Seed { get; set; }

    /// <summary>
    /// Gets or sets the pipeline that prepares the features before the trainer (for example
    /// <c>ml =&gt; ml.Transforms.Concatenate("Features", …).Append(ml.Transforms.NormalizeMinMax("Features"))</c>), fitted
    /// on each training fold only. It is called with the evaluation's own context, so build everything in it from that
    /// context; <see langword="null"/> means the data already has the trainer's feature column.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Func<MLContext, IEstimator<ITransformer>>? Featurizer { get; set; }

    /// <summary>
    /// Gets or sets the column whose equal values stay in one fold (for example a group or user id), or
    /// <see langword="null"/> for independent rows. The folds are split before the <see cref="Featurizer"/> runs, so it
    /// is a column of the data itself; <see cref="CrossValidationObjective"/>'s constructor refuses one the data lacks.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? SamplingKeyColumnName { get; set; }

    /// <summary>
    /// Gets or sets the limit on the mean training time per fold, in seconds, which makes
    /// <see cref="CrossValidationObjective.TrainSeconds"/> a SigOpt-style constraint (trials over it are infeasible and
    /// the suggester learns to avoid them); <see langword="null"/> only stores the time with each trial.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public double? MaxTrainSeconds
    {
        get => _maxTrainSeconds;
        set
        {
            if (value is double v && (!double.IsFinite(v) || v <= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The training-time limit must be a positive number of seconds.");
            }

            _maxTrainSeconds = value;
        }
    }

    /// <summary>A copy that later changes to these options do not reach (the featurizer factory is shared, as it is called afresh per fold).</summary>
    internal CrossValidationOptions Snapshot() => (CrossValidationOptions)MemberwiseClone();
}
