namespace Tuning;

/// <summary>
/// Hyperband (Li et al., "Hyperband: A Novel Bandit-Based Approach to Hyperparameter Optimization", JMLR 2018) in the
/// asynchronous form of Optuna's <c>HyperbandPruner</c>: several successive-halving brackets that start judging trials
/// at different resources, so that neither aggressive nor cautious early stopping has to be chosen up front.
/// </summary>
/// <remarks>
/// <para>
/// With <c>n = ⌊log_η(MaxResource / MinResource)⌋ + 1</c> brackets, bracket <c>b</c> is a
/// <see cref="SuccessiveHalvingPruner"/> with minimum early-stopping rate <c>b</c>: its rungs lie at
/// <c>MinResource · η^(b + k)</c>. Each trial belongs to one bracket, chosen deterministically from a hash of its id
/// with the share of trials Hyperband gives each bracket (most to the aggressive bracket 0), and is compared only with
/// the trials of its own bracket, by the rules described on <see cref="SuccessiveHalvingPruner"/>.
/// </para>
/// <para>
/// Unlike Optuna, a rung at or beyond the maximum resource is not judged: a trial that has trained that long has
/// nothing left to save, and pruning it would only throw away a finished result. So the last bracket, whose only rung
/// is at the maximum resource when <c>MaxResource / MinResource</c> is a power of <c>η</c>, runs every trial in full,
/// like Hyperband's bracket without early stopping.
/// </para>
/// <para>
/// Brackets and rung records are derived from trial ids and reports in the study's storage, so the pruner works across
/// threads and processes; it holds no mutable state and is safe to call from many threads at once. Call
/// <see cref="Study.ShouldPrune"/> after every <see cref="Trial.Report"/>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var pruner = new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 1, MaxResource = 27, ReductionFactor = 3 });
/// var study = new Study(space, Metric.Minimize("val_loss"), new SobolSuggester(seed: 1), new StudyOptions { Pruner = pruner });
/// </code>
/// </example>
public sealed class HyperbandPruner : IPruner
{
    private readonly long _minResource;
    private readonly int _reductionFactor;
    private readonly int _bootstrapCount;
    private readonly (HyperbandBrackets Brackets, long MaxResource)? _fixedLayout;

    /// <summary>Creates a Hyperband pruner.</summary>
    /// <param name="options">The options; the default is <see cref="HyperbandPrunerOptions"/>' defaults. They are read once, here.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="HyperbandPrunerOptions.MinResource"/> is below 1, <see cref="HyperbandPrunerOptions.MaxResource"/> is set
    /// below <see cref="HyperbandPrunerOptions.MinResource"/>, <see cref="HyperbandPrunerOptions.ReductionFactor"/> is
    /// below 2, or <see cref="HyperbandPrunerOptions.BootstrapCount"/> is negative.
    /// </exception>
    public HyperbandPruner(HyperbandPrunerOptions? options = null)
    {
        options ??= new HyperbandPrunerOptions();
        var check = new OptionCheck(nameof(HyperbandPrunerOptions), nameof(options));
        check.AtLeast(options.MinResource, 1);
        if (options.MaxResource is long max)
        {
            check.AtLeast(max, options.MinResource, nameof(options.MinResource), nameof(options.MaxResource));
        }

        check.AtLeast(options.ReductionFactor, 2);
        check.AtLeast(options.BootstrapCount, 0);
        _minResource = options.MinResource;
        _reductionFactor = options.ReductionFactor;
        _bootstrapCount = options.BootstrapCount;
        if (options.MaxResource is long fixedMax)
        {
            _fixedLayout = (new HyperbandBrackets(_minResource, fixedMax, _reductionFactor), fixedMax);
        }
    }

    /// <inheritdoc />
    public bool ShouldPrune(Trial trial, IReadOnlyList<Trial> trials)
    {
        PrunerArguments.Check(trial, trials);
        IReadOnlyList<TrialReport> reports = trial.Reports;
        if (reports.Count == 0 || Layout(trials) is not (HyperbandBrackets brackets, long maxResource))
        {
            return false;
        }

        int bracket = brackets.BracketOf(trial.Id);
        List<IReadOnlyList<TrialReport>> others =
            [.. trials.Where(t => t.Id != trial.Id && brackets.BracketOf(t.Id) == bracket).Select(t => t.Reports)];
        var rule = new SuccessiveHalvingRule(_minResource, _reductionFactor, minEarlyStoppingRate: bracket, _bootstrapCount, maxResource);
        return rule.ShouldPrune(reports, others, LearningCurve.Objective(trial));
    }

    /// <summary>The brackets and maximum resource for this study, or <see langword="null"/> while the maximum resource is still unknown.</summary>
    internal (HyperbandBrackets Brackets, long MaxResource)? Layout(IReadOnlyList<Trial> trials)
    {
        if (_fixedLayout is not null)
        {
            return _fixedLayout;
        }

        long maxResource = -1;
        foreach (Trial t in trials)
        {
            IReadOnlyList<TrialReport> reports = t.Reports;
            if (t.State == TrialState.Completed && reports.Count > 0)
            {
                maxResource = Math.Max(maxResource, reports[^1].Step);
            }
        }

        return maxResource < 0 ? null : (new HyperbandBrackets(_minResource, maxResource, _reductionFactor), maxResource);
    }
}
