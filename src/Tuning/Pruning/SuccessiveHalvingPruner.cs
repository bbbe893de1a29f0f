namespace Tuning;

/// <summary>
/// Asynchronous successive halving (ASHA; Li et al., "A System for Massively Parallel Hyperparameter Tuning",
/// MLSys 2020), with the promotion rule of Optuna's <c>SuccessiveHalvingPruner</c>.
/// </summary>
/// <remarks>
/// <para>
/// Rungs lie at the steps <c>r · η^(s + k)</c> for <c>k = 0, 1, 2, …</c> below the maximum resource, if one is set (see
/// <see cref="SuccessiveHalvingPrunerOptions"/>).
/// When a trial's report first reaches a rung, the trial continues only if its value there is in the best 1/<c>η</c>
/// of all values at that rung so far, its own included (at least as good as the <c>max(⌊n/η⌋, 1)</c>-th best of
/// <c>n</c>); otherwise it is pruned. Better means lower for a minimized first objective and higher for a maximized one.
/// </para>
/// <para>
/// A trial's value at a rung is its report at the rung's step; if it skipped that step, its latest report before it;
/// if its first report already lies beyond the step, that first report. Every trial that has reported at or beyond a
/// rung's step counts at that rung, whatever its state (running, completed, pruned or failed).
/// </para>
/// <para>
/// The rung records are derived from the reports in the study's storage rather than kept in memory, so the pruner
/// works across threads, <see cref="Study.OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, int, int, IProgress{StudyProgress}?, IReadOnlyCollection{Type}?, CancellationToken)"/>
/// workers and processes that share a storage. Each rung is judged at the report that first reaches it, so call
/// <see cref="Study.ShouldPrune"/> once after every <see cref="Trial.Report"/>: a rung skipped that way is never
/// judged, and a second call before the next report judges the rung again against the values there by then. The pruner holds no mutable state and is
/// safe to call from many threads at once.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var pruner = new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 1, ReductionFactor = 3 });
/// var study = new Study(space, Metric.Minimize("val_loss"), new SobolSuggester(seed: 1), new StudyOptions { Pruner = pruner });
/// </code>
/// </example>
public sealed class SuccessiveHalvingPruner : IPruner
{
    private readonly SuccessiveHalvingRule _rule;

    /// <summary>Creates an asynchronous successive-halving pruner.</summary>
    /// <param name="options">The options; the default is <see cref="SuccessiveHalvingPrunerOptions"/>' defaults. They are read once, here.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="SuccessiveHalvingPrunerOptions.MinResource"/> is below 1, <see cref="SuccessiveHalvingPrunerOptions.MaxResource"/> is set
    /// below it, <see cref="SuccessiveHalvingPrunerOptions.ReductionFactor"/> is below 2, or
    /// <see cref="SuccessiveHalvingPrunerOptions.MinEarlyStoppingRate"/> or <see cref="SuccessiveHalvingPrunerOptions.BootstrapCount"/> negative.
    /// </exception>
    public SuccessiveHalvingPruner(SuccessiveHalvingPrunerOptions? options = null)
    {
        options ??= new SuccessiveHalvingPrunerOptions();
        var check = new OptionCheck(nameof(SuccessiveHalvingPrunerOptions), nameof(options));
        check.AtLeast(options.MinResource, 1);
        if (options.MaxResource is long max)
        {
            check.AtLeast(max, options.MinResource, nameof(options.MinResource), nameof(options.MaxResource));
        }

        check.AtLeast(options.ReductionFactor, 2);
        check.AtLeast(options.MinEarlyStoppingRate, 0);
        check.AtLeast(options.BootstrapCount, 0);
        _rule = new SuccessiveHalvingRule(
            options.MinResource, options.ReductionFactor, options.MinEarlyStoppingRate, options.BootstrapCount, options.MaxResource);
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

        List<IReadOnlyList<TrialReport>> others = [.. trials.Where(t => t.Id != trial.Id).Select(t => t.Reports)];
        return _rule.ShouldPrune(reports, others, LearningCurve.Objective(trial));
    }
}
