using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Bayesian.Proposals;

namespace Tuning;

/// <summary>
/// Multi-fidelity Bayesian optimization: learns from cheap partial runs (fewer epochs, a fraction of the data, a proxy
/// task) to find configurations that are good at the target fidelity, choosing for each trial both the parameters and
/// how much to train. The space must declare a fidelity (<see cref="SearchSpaceBuilder.FloatFidelity"/>,
/// <see cref="SearchSpaceBuilder.IntFidelity"/> or <see cref="SearchSpaceBuilder.Tasks"/>); each trial reads its
/// fidelity from <see cref="Trial.Fidelity"/> or <see cref="Trial.Task"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Start: a scrambled Sobol design of 4·(parameters + 1) configurations (<see cref="MultiFidelityOptions.StartupTrials"/>),
/// two of them at the target and the rest cycling through the cheaper levels, so that it is wide and yet cheap: the
/// model decides better when it has seen every region at some fidelity.</item>
/// <item>Model: the <see cref="GaussianProcessSuggester"/>'s Gaussian process, fitted by the same fitter, with a
/// covariance over (x, s): Matérn-5/2 with one lengthscale per parameter for x, times a fidelity factor, plus a bias
/// with lengthscales of its own and an offset that depends on the fidelity alone. For a range fidelity the factors are
/// an exponential-decay kernel taken relative to the target (the freeze-thaw kernel of Swersky, Snoek and Adams,
/// 2014), which models each fidelity as the target plus a bias that decays towards it; for tasks the autoregressive
/// form of Kennedy and O'Hagan (2000), each cheap task a scaled copy ρ·g(x) of the target plus a discrepancy of its
/// own, so the data tell how far a proxy follows the target (ρ near 1, near 0, or negative). On data at the target alone
/// the model is exactly the single-fidelity one.</item>
/// <item>Guard against misleading cheap runs: once there are five target results, the joint model must rank them,
/// each predicted leave-one-out from every other observation (cheap ones included), at least as well as a GP on the
/// target results alone (Kendall's τ); otherwise the ask searches at the target as that GP would.</item>
/// <item>Acquisition, in two steps. The candidates are the local maxima of LogEI at the target fidelity, one per local
/// search, against the best posterior mean at the target among the configurations evaluated at the target: a
/// configuration seen only at a cheap fidelity is not a result, and its predicted target value, an extrapolation
/// through the learned task relation, would set the bar where the cheap runs look best and keep the target runs there
/// (measured in <c>benchmarks/Tuning.Quality/results-fidelity.md</c>, "The incumbent"). Each is given the fidelity
/// that buys the most information about the target at that configuration per unit of cost, log ρ²(x, s) − log cost(s),
/// with ρ the posterior correlation between an observation at s and the target at x, among the fidelities that tell at
/// least a quarter of what a target trial would; the candidate with the highest log EI_target(x) + log ρ²(x, s) −
/// log cost(s) wins. This is the log form of cost-aware EI (Huang et al. 2006's augmented EI), restricted so that cost
/// decides among promising configurations and how to evaluate them but never makes an unpromising one worth trying: a
/// free joint maximization spends the budget on nearly free, nearly uninformative runs. A cheap run in a promising
/// region the model knows little about can so win over a target run next to the incumbent. Because ρ is posterior, a
/// configuration chosen again is promoted to a higher fidelity once the cheap ones have told what they can.</item>
/// <item>Fidelity levels: a range is evaluated at levels a factor 3 apart in cost (epochs 1–100: 1, 4, 11, 33, 100),
/// as Hyperband's rungs; a cheaper level is always a real saving, never a value just below the target that costs
/// nearly as much and is not a result. Tasks are their own levels.</item>
/// <item>Results: <see cref="Study.BestTrial"/> considers trials at the target fidelity only. Whenever less than
/// <see cref="MultiFidelityOptions.ConfirmationShare"/> of the cost so far went to the target, the next trial is at
/// the target: the configuration the model expects to be best if no target result matches it yet (a confirmation),
/// else LogEI at the target. With <see cref="MultiFidelityOptions.Budget"/>, the last share of the budget goes to the
/// target in the same way, so the study finishes with results at the fidelity that counts.</item>
/// <item>When no cheaper fidelity costs at most half of the target (BoTorch's test problems with cost 5 + s on [0, 1]:
/// the cheapest run costs 5/6 of a full one), cheap runs cannot pay for what they leave unknown, and the suggester
/// suggests the target fidelity only, exactly as <see cref="GaussianProcessSuggester"/> would with the same seed and
/// options.</item>
/// <item>With <see cref="MultiFidelityOptions.ReportsAreFidelities"/>, a trial's reports at earlier steps (epochs) are
/// observations too, so every run teaches the model a stretch of its learning curve. That is where the suggester's
/// gains come from on smooth learning curves; on noisy, crossing ones recorded from real training it pays little (see
/// <c>benchmarks/Tuning.Quality/results-fidelity.md</c>).</item>
/// <item>Pending trials and the earlier points of a batch are added to the model at their predicted mean (the kriging
/// believer), so a batch spreads out. A seeded suggester makes identical suggestions in identical runs.</item>
/// <item>Give each study a suggester of its own: one given to several studies serves their asks one at a time and
/// starts afresh (no warm start, no kept model) whenever the study it is asked for changes.</item>
/// </list>
/// The first objective is modelled; constraint metrics are not (they still decide feasibility for
/// <see cref="Study.BestTrial"/>). Studies with two objectives are not supported.
/// </remarks>
/// <example>
/// <code>
/// SearchSpace space = new SearchSpaceBuilder()
///     .Float("learning_rate", 1e-4, 1e-1, log: true)
///     .IntFidelity("epochs", 1, 81, log: true)
///     .Build();
/// var study = new Study(space, Metric.Minimize("loss"), new MultiFidelitySuggester(seed: 1, new MultiFidelityOptions { Budget = 30 }));
/// Trial trial = study.Ask();
/// study.Tell(trial, Train(trial.GetDouble("learning_rate"), epochs: (int)trial.Fidelity!.Value));
/// </code>
/// </example>
public sealed class MultiFidelitySuggester : ISuggester, IModelBasedSuggester, IStudyRequirements
{
    /// <summary>The fewest target-fidelity observations with which the joint and the target-only models are compared.</summary>
    private const int MinTargetObservationsToCompare = 5;

    private readonly int _seed;
    private readonly MultiFidelityOptions _options;
    private readonly FitMemory _memory = new();
    private readonly Lock _suggesting = new();
    private (IStudyStorage Storage, long Id)? _study;
    private SearchSpace? _space;
    private FeatureMap? _map;
    private FidelityAxis? _axis;
    private SobolSequence? _startup;
    private GaussianProcessSuggester? _targetOnly;
    private ModelFit? _lastModelFit;

    /// <summary>Creates a multi-fidelity suggester.</summary>
    /// <param name="seed">The seed of every random choice; the default, <see langword="null"/>, draws one at random.</param>
    /// <param name="options">The options; the default is <see cref="MultiFidelityOptions"/>' defaults. They are read once, here.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public MultiFidelitySuggester(int? seed = null, MultiFidelityOptions? options = null)
    {
        _options = options?.Snapshot() ?? new MultiFidelityOptions();
        _options.Validate();
        _seed = seed ?? Seeds.Fresh();
    }

    /// <inheritdoc />
    ModelFit? IModelBasedSuggester.LastModelFit => _lastModelFit;

    /// <inheritdoc />
    string? IStudyRequirements.Refusal(SearchSpace space, IReadOnlyList<Metric> metrics) =>
        space.Fidelity is null
            ? "The MultiFidelitySuggester needs a space with a fidelity: declare one with FloatFidelity, IntFidelity or Tasks on the SearchSpaceBuilder."
            : metrics.Count(m => m.IsObjective) != 1
                ? "The MultiFidelitySuggester optimizes one objective; this study has two."
                : null;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The space declares no fidelity, or the study has two objectives.</exception>
    public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
    {
        return ((IModelBasedSuggester)this).Suggest(context, count, out _);
    }

    /// <inheritdoc />
    IReadOnlyList<ParameterValues> IModelBasedSuggester.Suggest(SuggestionContext context, int count, out ModelFit? fit)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_suggesting)
        {
            IReadOnlyList<ParameterValues> suggestions = SuggestFor(context, count);
            fit = _lastModelFit;
            return suggestions;
        }
    }

    /// <summary>One suggestion, under the suggester's lock: the memory and the start-up design serve one ask at a time.</summary>
    private IReadOnlyList<ParameterValues> SuggestFor(SuggestionContext context, int count)
    {
        _lastModelFit = null;
        if (context.Study is { } study && study != _study)
        {
            if (_study is not null)
            {
                _space = null; // the kept models and fits are another study's, their rows keyed by its trial numbers: start afresh
            }

            _study = study;
        }

        SearchSpace space = context.Space;
        if (((IStudyRequirements)this).Refusal(space, context.Metrics) is string refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        if (!ReferenceEquals(_space, space))
        {
            _space = space;
            _map = new FeatureMap(space);
            _axis = new FidelityAxis(space);
            _startup = new SobolSequence(space.Count, _seed);
            _memory.Clear();
            _targetOnly = null;
        }

        if (!_axis!.OffersSaving)
        {
            return SuggestAtTarget(context, count);
        }

        int startup = _options.StartupTrials ?? DefaultStartupTrials(space.Count);
        // Results the model learns from: completed trials, and with reports as fidelities, pruned trials at their last report.
        bool prunedAreResults = _options.ReportsAreFidelities && !_axis.IsTasks;
        int completed = context.Trials.Count(t => t.State == TrialState.Completed
            || (prunedAreResults && t.IsPrunedWithReports));
        if (context.Trials.Count < startup || completed < 2)
        {
            return StartupPoints(context, count);
        }

        Random random = Seeds.Stream(_seed, context.Trials.Count, 1);
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        MultiFidelityProposal? proposal = MultiFidelityProposal.Prepare(context, _map!, _axis!, _options, _memory);
        TimeSpan fit = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        if (proposal is null)
        {
            return StartupPoints(context, count);
        }

        if (proposal.TargetObservations >= MinTargetObservationsToCompare && TargetOnlyRanking(context) is double targetOnly
            && proposal.TargetRanking < targetOnly)
        {
            // The cheap runs do not help the model rank the target results: they may mislead. Search as the target-only
            // GP would, until they earn their place again.
            return SuggestAtTarget(context, count);
        }

        List<ParameterValues> suggestions = ProposalBatch.Run(proposal, space, count, random, i => StartupPoint(context.Trials.Count + i));
        int observations = context.Trials.Count(t => t.State is TrialState.Completed or TrialState.Failed
            || (prunedAreResults && t.IsPrunedWithReports));
        _lastModelFit = new ModelFit(observations, fit, System.Diagnostics.Stopwatch.GetElapsedTime(start) - fit);
        return suggestions;
    }

    /// <summary>Suggests as the target-only GP does, and reports its model fit as this suggester's.</summary>
    private IReadOnlyList<ParameterValues> SuggestAtTarget(SuggestionContext context, int count)
    {
        GaussianProcessSuggester targetOnly = TargetOnly();
        IReadOnlyList<ParameterValues> suggestions = targetOnly.Suggest(context, count);
        _lastModelFit = targetOnly.LastModelFit;
        return suggestions;
    }

    /// <summary>
    /// How well a GP on the target-fidelity trials alone ranks them, leave-one-out (see
    /// <see cref="MultiFidelityProposal.TargetRanking"/>); null if there are too few to tell.
    /// </summary>
    private double? TargetOnlyRanking(SuggestionContext context)
    {
        var targetOnly = new SuggestionContext(context.Space, context.Metrics, [.. context.Trials.Where(t => t.IsAtTargetFidelity)]);
        TrainingData data = TrainingData.From(targetOnly, _map!);
        if (data.Count < MinTargetObservationsToCompare)
        {
            return null;
        }

        double[] y = OutputTransform.Apply(data.Objective, _options.TargetOnlyWarping);
        FitResult fit = GaussianProcessFitter.Update(
            _memory, new ModelRole(ModelKind.Objective, context.Metrics.First(m => m.IsObjective).Name), new MaternKernelFamily(_map!),
            data.Features, y, data.Keys, _options.Settings);
        return fit.Model is not null
            ? MultiFidelityProposal.LeaveOneOutRanking(fit, data.Features, y, [.. Enumerable.Range(0, data.Count)])
            : null;
    }

    /// <summary>The GP suggester this suggester searches with at the target fidelity alone, with the same seed and shared options.</summary>
    private GaussianProcessSuggester TargetOnly() => _targetOnly ??= new GaussianProcessSuggester(_seed, TargetOnlyOptions(_options));

    /// <summary>The options of the target-only GP suggester: those the two suggesters share, taken from these.</summary>
    internal static GaussianProcessOptions TargetOnlyOptions(MultiFidelityOptions options) => new()
    {
        StartupTrials = options.StartupTrials,
        Candidates = options.Candidates,
        LocalSearches = options.LocalSearches,
        NoiseFloor = options.NoiseFloor,
        OutputWarping = options.TargetOnlyWarping,
        MaxFitPoints = options.MaxFitPoints,
        WarmStart = options.WarmStart,
        MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
    };

    /// <summary>
    /// The default size of the startup design: 4·(parameters + 1) in [10, 40]; with a budget, no more than its first
    /// quarter pays for (the points' costs summed as <see cref="StartupPoint"/> lays them out), but never fewer than the
    /// <see cref="GaussianProcessSuggester"/>'s default, min(max(2·parameters, 5), 10).
    /// </summary>
    private int DefaultStartupTrials(int parameters)
    {
        const double BudgetShare = 0.25;
        int size = Math.Clamp(4 * (parameters + 1), 10, 40), floor = Math.Clamp(2 * parameters, 5, 10);
        if (_options.Budget is not double budget)
        {
            return size;
        }

        double cost = 0;
        for (int i = 0; i < size; i++)
        {
            cost += StartupPoint(i).FidelityCost;
            if (cost > BudgetShare * budget)
            {
                return Math.Max(i, floor);
            }
        }

        return size;
    }

    /// <summary>
    /// The next <paramref name="count"/> points of the startup design; at the target fidelity once what is left of the
    /// <see cref="MultiFidelityOptions.Budget"/> is the share kept for confirming at the target (as the proposal's points are).
    /// </summary>
    private List<ParameterValues> StartupPoints(SuggestionContext context, int count)
    {
        bool confirming = _options.Budget is double budget
            && budget - CostLedger.Spent(context.Trials, _options.ReportsAreFidelities) <= _options.ConfirmationShare * budget;
        return [.. Enumerable.Range(0, count).Select(i => StartupPoint(context.Trials.Count + i))
            .Select(p => confirming ? p.WithFidelity(context.Space.Fidelity!.Target) : p)];
    }

    /// <summary>
    /// The <paramref name="index"/>-th point of the startup design, scrambled Sobol over the parameters. The first two
    /// configurations run in pairs, first at a cheap fidelity and then at the target, so that the model sees how the
    /// fidelities relate at the same configuration; later ones cycle through the cheaper fidelity levels.
    /// </summary>
    private ParameterValues StartupPoint(int index)
    {
        SearchSpace space = _space!;
        FidelityLevel[] cheap = _axis!.Levels[..^1];
        double[] unit = new double[space.Count];
        bool pairedTarget = index is 1 or 3;
        _startup!.Point(pairedTarget ? index - 1 : index, unit);
        int cheapIndex = index < 4 ? index / 2 : index - 2;
        FidelityLevel level = pairedTarget ? space.Fidelity!.Target : cheap[cheapIndex % cheap.Length];
        return space.Decode(unit.AsSpan(0, space.Count)).WithFidelity(level);
    }
}
