namespace Tuning.MLNet;

/// <summary>
/// One metric a <see cref="CrossValidationObjective"/> can optimize: its name in the study, the task it applies to,
/// its direction, the names it is known by, and whether it is stored with every trial when it is not the objective.
/// </summary>
internal sealed record TrainerMetric(string Name, TrainerTask Task, bool Minimize, bool StoredByDefault, bool NeedsProbabilities, params string[] Aliases)
{
    /// <summary>Gets every metric, by task.</summary>
    public static IReadOnlyList<TrainerMetric> All { get; } =
    [
        new("auc", TrainerTask.BinaryClassification, Minimize: false, StoredByDefault: true, NeedsProbabilities: false, "auc", "rocauc", "areaunderroccurve"),
        new("accuracy", TrainerTask.BinaryClassification, Minimize: false, StoredByDefault: true, NeedsProbabilities: false, "accuracy"),
        new("log_loss", TrainerTask.BinaryClassification, Minimize: true, StoredByDefault: true, NeedsProbabilities: true, "logloss", "crossentropy"),
        new("auprc", TrainerTask.BinaryClassification, Minimize: false, StoredByDefault: false, NeedsProbabilities: false, "auprc", "prauc", "areaunderprcurve", "areaunderprecisionrecallcurve"),
        new("f1", TrainerTask.BinaryClassification, Minimize: false, StoredByDefault: false, NeedsProbabilities: false, "f1", "f1score"),
        new("micro_accuracy", TrainerTask.MulticlassClassification, Minimize: false, StoredByDefault: true, NeedsProbabilities: false, "microaccuracy", "accuracy"),
        new("macro_accuracy", TrainerTask.MulticlassClassification, Minimize: false, StoredByDefault: true, NeedsProbabilities: false, "macroaccuracy"),
        new("log_loss", TrainerTask.MulticlassClassification, Minimize: true, StoredByDefault: true, NeedsProbabilities: true, "logloss", "crossentropy"),
        new("rmse", TrainerTask.Regression, Minimize: true, StoredByDefault: true, NeedsProbabilities: false, "rmse", "rootmeansquarederror"),
        new("mae", TrainerTask.Regression, Minimize: true, StoredByDefault: true, NeedsProbabilities: false, "mae", "meanabsoluteerror"),
        new("r_squared", TrainerTask.Regression, Minimize: false, StoredByDefault: true, NeedsProbabilities: false, "rsquared", "r2"),
        new("mse", TrainerTask.Regression, Minimize: true, StoredByDefault: false, NeedsProbabilities: false, "mse", "meansquarederror"),
    ];

    /// <summary>Finds a metric of a task by any of its names, ignoring case, spaces, hyphens and underscores.</summary>
    /// <param name="task">The trainer's task.</param>
    /// <param name="metric">The metric's name, as <see cref="CrossValidationObjective"/>'s constructor takes it (so a refusal names that parameter).</param>
    /// <exception cref="ArgumentException">The task has no metric of that name; the message lists the ones it has.</exception>
    public static TrainerMetric Find(TrainerTask task, string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        string key = new([.. metric.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
        return All.FirstOrDefault(m => m.Task == task && m.Aliases.Contains(key))
            ?? throw new ArgumentException(
                $"'{metric}' is not a metric of {task}; use one of {string.Join(", ", All.Where(m => m.Task == task).Select(m => m.Name))}.",
                nameof(metric));
    }

    /// <summary>Gets the study's metric: minimized or maximized.</summary>
    public Metric ToObjective() => Minimize ? Metric.Minimize(Name) : Metric.Maximize(Name);
}
