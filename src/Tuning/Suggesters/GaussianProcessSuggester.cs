using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;
using Tuning.Bayesian.Proposals;

namespace Tuning;

/// <summary>
/// Bayesian optimization with a Gaussian process: the sample-efficient suggester for expensive objectives such as
/// training runs. After a short scrambled Sobol design, each suggestion fits a Matérn-5/2 GP with one lengthscale per
/// parameter to the history and maximizes log expected improvement (LogEI), times the probability of meeting every
/// constraint metric.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Inputs are the space's unit-cube encoding (log parameters in log space); categoricals are one-hot, so the
/// kernel sees their Hamming distance; inactive conditional parameters take a fixed filler value.</item>
/// <item>Outputs are oriented for minimization, warped (<see cref="GaussianProcessOptions.OutputWarping"/>) and
/// standardized. Hyperparameters are fitted by MAP with L-BFGS-B on the log marginal likelihood plus a
/// dimension-scaled lengthscale prior (Hvarfner et al., ICML 2024), warm-started from the previous fit. The GP's
/// constant prior mean, where its predictions return far from the data, is estimated from the data (generalized least
/// squares, within the range of the values), not taken as their average, which dense sampling near good results
/// biases toward them.</item>
/// <item>Failed trials are modelled as the worst value observed so far, so the model steers away from where runs
/// failed; pruned trials are not modelled unless <see cref="GaussianProcessOptions.UsePrunedTrials"/> asks for the
/// BOHB-style multi-fidelity model over (parameters, step).</item>
/// <item>In a space with a fidelity, only trials at the target fidelity are modelled, and every suggestion is at the
/// target fidelity (<see cref="MultiFidelitySuggester"/> uses the cheaper fidelities).</item>
/// <item>Running trials and the earlier points of a batch are pending: each is added to the model at its predicted
/// mean (the kriging believer, Ginsbourger et al. 2010) by extending the Cholesky factor, which removes the
/// improvement expected there and spreads a batch or concurrent workers over different points. In a batch
/// (<c>Ask(count)</c> with count ≥ 2) of a study with one objective and no constraints, the second point is where the
/// model expects the lowest value instead, which refines the best region once per batch, and the later half of a batch
/// of three or more (the last two of four, the last four of eight) maximizes LogEI within a trust region around that
/// point, shaped by the model's lengthscales (as TuRBO's). Parallel workers asking one trial each while r others run
/// get the same roles in turn: each such ask is a point of a batch of r + 1, its index the number of trials so far
/// modulo r + 1.</item>
/// <item>With two objectives, each objective gets its own GP (on linearly standardized values, since a warping would
/// distort the hypervolume) and the acquisition is the exact expected hypervolume
/// improvement over the observed feasible front, in log form (log EHVI), times P(feasible). The reference point is
/// <see cref="GaussianProcessOptions.ReferencePoint"/>, or else inferred from the observed feasible results (their worst
/// values plus 10% of their range, in the models' standardized units). Pending points join the front at their
/// predicted values, so batches and concurrent workers spread along it.</item>
/// </list>
/// In a finite space whose every point has been tried or is pending, it suggests points of the start-up design again
/// rather than throwing <see cref="SearchSpaceExhaustedException"/> as a finished grid does: on a noisy objective a
/// repeated run is a new measurement. A seeded suggester makes identical suggestions in identical runs. The suggester keeps its last fit to warm-start the
/// next. Give each study a suggester of its own: one given to several studies serves their asks one at a time and
/// starts afresh (no warm start, no kept model) whenever the study it is asked for changes.
/// </remarks>
public sealed class GaussianProcessSuggester : ISuggester, IModelBasedSuggester
{
    /// <summary>How many random points a start-up point that repeats a trial may be replaced by.</summary>
    private const int StartupRetries = 32;

    private readonly int _seed;
    private readonly GaussianProcessOptions _options;
    private readonly FitMemory _memory = new();
    private readonly Lock _suggesting = new();
    private (IStudyStorage Storage, long Id)? _study;
    private FeatureMap? _map;
    private SobolSequence? _startup;
    private AcquisitionOptimizer? _optimizer;

    /// <summary>Creates a Gaussian-process suggester.</summary>
    /// <param name="seed">The seed of every random choice; the default, <see langword="null"/>, draws one at random.</param>
    /// <param name="options">The options; the default is <see cref="GaussianProcessOptions"/>' defaults. They are read once, here.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public GaussianProcessSuggester(int? seed = null, GaussianProcessOptions? options = null)
    {
        _options = options?.Snapshot() ?? new GaussianProcessOptions();
        _options.Validate();
        _seed = seed ?? Seeds.Fresh();
    }

    /// <inheritdoc />
    ModelFit? IModelBasedSuggester.LastModelFit => LastModelFit;

    /// <summary>Gets how the last suggestion used the model, or null if it came from the start-up design.</summary>
    internal ModelFit? LastModelFit { get; private set; }

    /// <inheritdoc />
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
            fit = LastModelFit;
            return suggestions;
        }
    }

    /// <summary>One suggestion, under the suggester's lock: the memory and the start-up design serve one ask at a time.</summary>
    private IReadOnlyList<ParameterValues> SuggestFor(SuggestionContext context, int count)
    {
        LastModelFit = null;
        if (context.Study is { } study && study != _study)
        {
            if (_study is not null)
            {
                _map = null; // the kept model and fit are another study's, their rows keyed by its trial numbers: start afresh
            }

            _study = study;
        }

        SearchSpace space = context.Space;
        if (space.Fidelity is not null)
        {
            // This model knows one fidelity: it learns from, and suggests, the target fidelity only.
            context = new SuggestionContext(space, context.Metrics, [.. context.Trials.Where(t => t.IsAtTargetFidelity)]);
        }

        if (_map is null || !ReferenceEquals(_map.Space, space))
        {
            _map = new FeatureMap(space);
            _startup = new SobolSequence(space.Count, _seed);
            _optimizer = new AcquisitionOptimizer(_map, _options.Candidates, _options.LocalSearches, _options.Threads);
            _memory.Clear();
        }

        int startup = _options.StartupTrials ?? Math.Clamp(2 * space.Count, 5, 10);
        int completed = context.Trials.Count(t => t.State == TrialState.Completed
            || (_options.UsePrunedTrials && t.IsPrunedWithReports));
        if (context.Trials.Count < startup || completed < 2)
        {
            return StartupPoints(context, count);
        }

        Random random = Seeds.Stream(_seed, context.Trials.Count, 1);
        _optimizer!.Threads = context.Trials.Count >= GaussianProcessOptions.ThreadsFromTrials ? _options.Threads : 1;
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        IProposal? proposal = Propose(context);
        TimeSpan fit = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        if (proposal is null)
        {
            return StartupPoints(context, count);
        }

        int running = context.Trials.Count(t => t.State == TrialState.Running);
        List<ParameterValues> suggestions = ProposalBatch.Run(
            proposal, space, count, random, i => StartupPoints(context, 1, offset: i)[0], BatchSlot.ForSingleAsk(context.Trials.Count, running));
        // The pruned-trial model also learns from the pruned trials with reports (one observation each, at the last report).
        bool prunedModelled = proposal is PrunedTrialsProposal;
        int observations = context.Trials.Count(t => t.State is TrialState.Completed or TrialState.Failed
            || (prunedModelled && t.IsPrunedWithReports));
        LastModelFit = new ModelFit(observations, fit, System.Diagnostics.Stopwatch.GetElapsedTime(start) - fit);
        return suggestions;
    }

    /// <summary>
    /// Fits the models the history calls for: the pruned-trial model (<see cref="GaussianProcessOptions.UsePrunedTrials"/>
    /// and a pruned trial with reports), else one model per objective and constraint; null if there is nothing to model yet.
    /// </summary>
    private IProposal? Propose(SuggestionContext context)
    {
        if (_options.UsePrunedTrials && PrunedTrialsProposal.Applies(context)
            && PrunedTrialsProposal.Prepare(context, _map!, _options, _memory, _optimizer!) is { } pruned)
        {
            return pruned;
        }

        return context.Metrics.Count(m => m.IsObjective) > 1
            ? TwoObjectiveProposal.Prepare(context, _map!, _options, _memory, _optimizer!)
            : SingleObjectiveProposal.Prepare(context, _map!, _options, _memory, _optimizer!);
    }

    /// <summary>
    /// The next points of the start-up design: the Sobol points at the history's length onwards. In a small discrete
    /// space two Sobol points can decode to one assignment; a point that repeats a trial of the history (or an earlier
    /// point of this call) is replaced by a uniform random point, a few times at most, so the design spends no run twice
    /// while assignments are left. (A later Sobol point would not do: the points whose indices differ only in high bits
    /// share their leading digits.)
    /// </summary>
    private ParameterValues[] StartupPoints(SuggestionContext context, int count, int offset = 0)
    {
        SearchSpace space = context.Space;
        var unit = new double[space.Count];
        var taken = new HashSet<double[]>(context.Trials.Select(t => t.Parameters.Raw), PointComparer.Instance);
        var points = new ParameterValues[count];
        for (int i = 0; i < count; i++)
        {
            long index = context.Trials.Count + offset + i;
            _startup!.Point(index, unit);
            ParameterValues point = space.Decode(unit);
            Random? random = null;
            for (int retry = 0; retry < StartupRetries && taken.Contains(point.Raw); retry++)
            {
                random ??= Seeds.Stream(_seed, index, 2);
                for (int p = 0; p < unit.Length; p++)
                {
                    unit[p] = random.NextDouble();
                }

                point = space.Decode(unit);
            }

            taken.Add(point.Raw);
            points[i] = point;
        }

        return points;
    }
}
