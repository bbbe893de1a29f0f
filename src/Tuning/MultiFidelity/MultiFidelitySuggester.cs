using Tuning.Bayesian;
using Tuning.MultiFidelity;

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
/// <item>Model: one Gaussian process over (x, s) with the product kernel σ²·k_x(x, x′)·k_s(s, s′): Matérn-5/2 with
/// one lengthscale per parameter for x, as <see cref="GaussianProcessSuggester"/>; for a range fidelity the
/// downsampling kernel 1 + a·((1 − u)(1 − u′))^p on the fidelity's unit coordinate u (Wu et al., UAI 2019), which
/// models each fidelity as the target plus a bias that decays towards the target; for tasks a free-form task
/// covariance B = LLᵀ (intrinsic coregionalization, as in Swersky, Snoek and Adams' multi-task BO, NeurIPS 2013). The
/// kernel's fidelity part is learned with the rest by MAP.</item>
/// <item>Acquisition: log EI at the target fidelity, plus the log of the posterior correlation between an evaluation at
/// s and the target at the same x, minus the log of the cost of s (an augmented expected improvement per unit cost,
/// after Huang et al. 2006). A cheap fidelity is chosen while what it tells about the target is worth more per unit of
/// cost than a target trial; once cheap evaluations have said what they can about a region, the correlation there
/// falls and the target is chosen.</item>
/// <item>Budget: with <see cref="MultiFidelityOptions.Budget"/>, the last
/// <see cref="MultiFidelityOptions.ConfirmationShare"/> of it goes to target-fidelity trials chosen by LogEI at the
/// target, so the study finishes with results at the fidelity that counts.</item>
/// <item>Best trial: <see cref="Study.BestTrial"/> considers trials at the target fidelity only; a configuration seen
/// only at low fidelity is the model's evidence, not a result, until a trial confirms it at the target.</item>
/// <item>Pending trials and the earlier points of a batch are added to the model at their predicted mean (the kriging
/// believer), so a batch spreads out. A seeded suggester makes identical suggestions in identical runs.</item>
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
public sealed class MultiFidelitySuggester : ISuggester
{
    private readonly int _seed;
    private readonly MultiFidelityOptions _options;
    private double[]? _warmStart;
    private SearchSpace? _space;
    private FeatureMap? _map;
    private FidelityAxis? _axis;
    private FeatureMap? _augmentedMap;
    private SobolSequence? _startup;

    /// <summary>Creates a multi-fidelity suggester.</summary>
    /// <param name="seed">The seed of every random choice; the default, <see langword="null"/>, draws one at random.</param>
    /// <param name="options">The options; the default is <see cref="MultiFidelityOptions"/>' defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public MultiFidelitySuggester(int? seed = null, MultiFidelityOptions? options = null)
    {
        _options = options ?? new MultiFidelityOptions();
        _options.Validate();
        _seed = seed ?? Seeds.Fresh();
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The space declares no fidelity, or the study has two objectives.</exception>
    public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        SearchSpace space = context.Space;
        if (space.Fidelity is null)
        {
            throw new InvalidOperationException(
                "The MultiFidelitySuggester needs a space with a fidelity: declare one with FloatFidelity, IntFidelity or Tasks on the SearchSpaceBuilder.");
        }

        if (context.Metrics.Count(m => m.IsObjective) != 1)
        {
            throw new InvalidOperationException("The MultiFidelitySuggester optimizes one objective; this study has two.");
        }

        if (!ReferenceEquals(_space, space))
        {
            _space = space;
            _map = new FeatureMap(space);
            _axis = new FidelityAxis(space, _map.Columns);
            _augmentedMap = new FeatureMap(_axis.AugmentedSpace);
            _startup = new SobolSequence(space.Count + 1, _seed);
            _warmStart = null;
        }

        int startup = _options.StartupTrials ?? Math.Clamp(2 * space.Count, 5, 10);
        int completed = context.Trials.Count(t => t.State == TrialState.Completed);
        if (context.Trials.Count < startup || completed < 2)
        {
            return [.. Enumerable.Range(0, count).Select(i => StartupPoint(context.Trials.Count + i))];
        }

        Random random = Seeds.Stream(_seed, context.Trials.Count, 1);
        MultiFidelityStep? step = MultiFidelityStep.Prepare(context, _map!, _axis!, _augmentedMap!, _options, ref _warmStart, random);
        if (step is null)
        {
            return [.. Enumerable.Range(0, count).Select(i => StartupPoint(context.Trials.Count + i))];
        }

        double spent = CostLedger.Spent(context.Trials, _options.PrunedTrialsAtLastStep);
        var suggestions = new List<ParameterValues>(count);
        for (int i = 0; i < count; i++)
        {
            bool confirm = _options.Budget is double budget && budget - spent <= _options.ConfirmationShare * budget;
            ParameterValues values = step.Next(random, confirm) is (double[] point, double raw)
                ? space.Decode(point).WithFidelityRaw(raw)
                : StartupPoint(context.Trials.Count + i);
            suggestions.Add(values);
            spent += values.FidelityCost;
            step.AddPending(space.Encode(values), values.FidelityRaw);
        }

        return suggestions;
    }

    /// <summary>
    /// The <paramref name="index"/>-th point of the startup design: scrambled Sobol over the parameters and the
    /// fidelity's coordinate, with every fourth point (indices 1, 5, 9, …) at the target fidelity.
    /// </summary>
    private ParameterValues StartupPoint(int index)
    {
        SearchSpace space = _space!;
        double[] unit = new double[space.Count + 1];
        _startup!.Point(index, unit);
        double raw = index % 4 == 1 ? space.Fidelity!.TargetRaw : _axis!.RawOfUnit(unit[^1]);
        return space.Decode(unit.AsSpan(0, space.Count)).WithFidelityRaw(raw);
    }
}
