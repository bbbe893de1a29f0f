namespace Tuning;

/// <summary>
/// Prunes a trial whose best intermediate value so far is worse than the median of the completed trials' values at the
/// same step: Optuna's <c>MedianPruner</c>, a variant of the median stopping rule of Google Vizier (Golovin et al., KDD 2017).
/// </summary>
/// <remarks>
/// <para>
/// At a trial's latest report (step <c>t</c>), the compared value is the trial's <em>best</em> report so far, at any
/// step up to <c>t</c>: the lowest for a minimized first objective, the highest for a maximized one. So a trial that
/// was once good enough is not pruned for a noisy epoch. It is compared with the median of the values that the
/// <em>completed</em> trials reported at exactly step <c>t</c>; running, pruned and failed trials, and completed trials
/// that did not report at <c>t</c>, do not count. The trial is pruned if its value is strictly worse than that median.
/// </para>
/// <para>
/// Nothing is pruned until <see cref="MedianPrunerOptions.StartupTrials"/> trials have completed, before step
/// <see cref="MedianPrunerOptions.WarmupSteps"/>, between interval steps, or when fewer than
/// <see cref="MedianPrunerOptions.MinTrialsAtStep"/> completed trials reported at <c>t</c>.
/// </para>
/// <para>
/// Every decision is computed from the trials' reports in the study's storage, so the pruner works across threads and
/// processes; it holds no mutable state and is safe to call from many threads at once.
/// </para>
/// </remarks>
public sealed class MedianPruner : IPruner
{
    private readonly int _startupTrials;
    private readonly long _warmupSteps;
    private readonly long _intervalSteps;
    private readonly int _minTrialsAtStep;

    /// <summary>Creates a median pruner.</summary>
    /// <param name="options">The options; the default is <see cref="MedianPrunerOptions"/>' defaults. They are read once, here.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="MedianPrunerOptions.StartupTrials"/> or <see cref="MedianPrunerOptions.WarmupSteps"/> is negative, or
    /// <see cref="MedianPrunerOptions.IntervalSteps"/> or <see cref="MedianPrunerOptions.MinTrialsAtStep"/> is below 1.
    /// </exception>
    public MedianPruner(MedianPrunerOptions? options = null)
    {
        options ??= new MedianPrunerOptions();
        var check = new OptionCheck(nameof(MedianPrunerOptions), nameof(options));
        check.AtLeast(options.StartupTrials, 0);
        check.AtLeast(options.WarmupSteps, 0);
        check.AtLeast(options.IntervalSteps, 1);
        check.AtLeast(options.MinTrialsAtStep, 1);
        _startupTrials = options.StartupTrials;
        _warmupSteps = options.WarmupSteps;
        _intervalSteps = options.IntervalSteps;
        _minTrialsAtStep = options.MinTrialsAtStep;
    }

    /// <inheritdoc />
    public bool ShouldPrune(Trial trial, IReadOnlyList<Trial> trials)
    {
        PrunerArguments.Check(trial, trials);
        IReadOnlyList<TrialReport> reports = trial.Reports;
        if (reports.Count == 0)
        {
            return false;
        }

        long step = reports[^1].Step;
        if (step < _warmupSteps || !IsFirstReportInInterval(step, LearningCurve.PreviousStep(reports)))
        {
            return false;
        }

        int completed = 0;
        var atStep = new List<double>();
        foreach (Trial other in trials)
        {
            if (other.Id == trial.Id || other.State != TrialState.Completed)
            {
                continue;
            }

            completed++;
            if (LearningCurve.TryGetValueAt(other.Reports, step, out double value))
            {
                atStep.Add(value);
            }
        }

        if (completed == 0 || completed < _startupTrials || atStep.Count < _minTrialsAtStep)
        {
            return false;
        }

        Metric objective = LearningCurve.Objective(trial);
        double best = LearningCurve.BestSoFar(reports, objective);
        return StudyRules.IsBetter(objective, Median(atStep), best);
    }

    /// <summary>
    /// The median; for an even count, the mean of the two middle values (as <c>numpy.percentile</c> defines it), rounded
    /// once, as (a + b)/2, or as a/2 + b/2 where a + b would overflow (two values near the largest double).
    /// </summary>
    /// <remarks>
    /// numpy rounds its interpolation twice, as b − (b − a)/2, which can differ in the last bit; a trial tied with the
    /// exact median then survives here and may be pruned by Optuna.
    /// </remarks>
    internal static double Median(List<double> values)
    {
        values.Sort();
        int middle = values.Count / 2;
        if (values.Count % 2 == 1)
        {
            return values[middle];
        }

        double a = values[middle - 1], b = values[middle], mean = (a + b) / 2;
        return double.IsFinite(mean) ? mean : (a / 2) + (b / 2);
    }

    /// <summary>
    /// Whether the report at <paramref name="step"/> is the first at or after the latest interval boundary
    /// <c>warmup + k · interval</c> at or before it (Optuna's <c>_is_first_in_interval_step</c>).
    /// </summary>
    private bool IsFirstReportInInterval(long step, long previousStep)
    {
        long boundary = ((step - _warmupSteps) / _intervalSteps * _intervalSteps) + _warmupSteps;
        return previousStep < boundary;
    }
}
