namespace Tuning;

/// <summary>Options of the <see cref="MultiFidelitySuggester"/>. Every default is chosen to work well without tuning.</summary>
public sealed class MultiFidelityOptions
{
    /// <summary>
    /// Gets or sets how many trials come from a scrambled Sobol design before the model takes over. The design runs its
    /// second and fourth configurations at the target fidelity, each paired with the one before it at a cheaper level,
    /// so the model sees early how the fidelities relate; the others cycle through the cheaper levels, so the design is
    /// cheap: with epochs 1–100 (levels 1, 4, 11, 33) a design of 24 costs about 4.5 target trials.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>: 4·(parameters + 1), at least 10 and at most 40, and with
    /// <see cref="Budget"/> no more than its first quarter pays for (but no fewer than the <see cref="GaussianProcessSuggester"/>'s
    /// default, min(max(2·parameters, 5), 10)). A wide, mostly cheap design is worth its cost: on the
    /// learning-curve problems of the quality suite it reached the target-only GP's final regret sooner than a design of
    /// 10 or 16 configurations (<c>benchmarks/Tuning.Quality/fidelity-results.md</c>).
    /// When no cheaper level offers a saving (see <see cref="MultiFidelitySuggester"/>), the
    /// <see cref="GaussianProcessSuggester"/>'s default applies.
    /// </value>
    public int? StartupTrials { get; set; }

    /// <summary>
    /// Gets or sets the total budget, in units of one trial at the target fidelity (a trial at cost 0.1 spends 0.1).
    /// Every trial of the study counts: completed, failed and pruned ones (a pruned trial at its full fidelity's cost,
    /// or at its last report's if <see cref="ReportsAreFidelities"/>), and running ones as if they completed. When
    /// what is left falls to <see cref="ConfirmationShare"/> of the budget or below, every further suggestion is at the
    /// target fidelity, confirming the configurations the model expects to be best.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no budget, the cost-aware acquisition alone chooses fidelities. When set, it must be positive.</value>
    public double? Budget { get; set; }

    /// <summary>Gets or sets the share of <see cref="Budget"/> kept for target-fidelity trials at the end.</summary>
    /// <value>The default is 0.2. It must lie in [0, 1].</value>
    public double ConfirmationShare { get; set; } = 0.2;

    /// <summary>
    /// Gets or sets a value indicating whether report steps are values of the range fidelity, as epochs are when the
    /// fidelity is the number of epochs and a trial reports after each one (<see cref="Trial.Report"/>). Then a trial's
    /// reports are observations too: its last report at or before each fidelity level below its own (the levels are
    /// spaced by a factor 3 in cost), so a run of 33 epochs also tells the model what it had learned after 1, 4 and 11;
    /// and a pruned trial counts as an evaluation at its last report, for the model, for the budget, and as one of
    /// the two results the model needs before it takes over from the start-up design.
    /// </summary>
    /// <value>The default is <see langword="false"/>: only told values are modelled, and pruned trials are not.</value>
    public bool ReportsAreFidelities { get; set; }

    /// <summary>Gets or sets how many Sobol candidates over the parameters and the fidelity are scored before the local searches.</summary>
    /// <value>The default is 2048. It must lie in [1, 1048576] (2²⁰).</value>
    public int Candidates { get; set; } = 2048;

    /// <summary>Gets or sets how many of the best candidates seed a local search.</summary>
    /// <value>The default is 10. It must lie in [1, 1048576] (2²⁰).</value>
    public int LocalSearches { get; set; } = 10;

    /// <summary>Gets or sets the smallest noise variance of the model, relative to the standardized output's variance of 1.</summary>
    /// <value>The default is 1e-7, as <see cref="GaussianProcessOptions.NoiseFloor"/>'s. It must be positive and finite.</value>
    public double NoiseFloor { get; set; } = Bayesian.Models.ModelSettings.DefaultNoiseFloor;

    /// <summary>Gets or sets how objective values are transformed before they are modelled.</summary>
    /// <value>
    /// The default is <see langword="null"/>: for a range fidelity, <see cref="OutputWarping.None"/> (standardized
    /// values); for tasks, and when the suggester suggests the target fidelity only, what the
    /// <see cref="GaussianProcessSuggester"/> uses by default (<see cref="OutputWarping.PowerTransform"/>). Along an
    /// epoch range the values lie on different scales (losses after one epoch are several times those after a hundred),
    /// and a power transform fitted to them pooled compresses the differences at the target that matter, which left the
    /// final regret higher on the learning-curve problems of the quality suite. Tasks' values are final results on
    /// comparable scales, and there the power transform did better (the measurements are in
    /// <c>benchmarks/Tuning.Quality/fidelity-results.md</c>). When set, it must be a defined value of <see cref="Tuning.OutputWarping"/>.
    /// </value>
    public OutputWarping? OutputWarping { get; set; }

    /// <summary>Gets the warping the joint model uses: <see cref="OutputWarping"/>, else none for a range fidelity and the GP suggester's default for tasks.</summary>
    internal Tuning.OutputWarping ModelWarping(bool tasks) => OutputWarping ?? (tasks ? TargetOnlyWarping : Tuning.OutputWarping.None);

    /// <summary>Gets the warping when the suggester suggests the target only: <see cref="OutputWarping"/>, else the GP suggester's default.</summary>
    internal Tuning.OutputWarping TargetOnlyWarping => OutputWarping ?? new GaussianProcessOptions().OutputWarping;

    /// <summary>Gets or sets the largest number of observations the hyperparameter fit uses (a random subset above it; the model uses all).</summary>
    /// <value>The default is 300. It must be at least 10.</value>
    public int MaxFitPoints { get; set; } = 300;

    /// <summary>Gets or sets a value indicating whether each fit starts from the previous one's hyperparameters.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool WarmStart { get; set; } = true;

    /// <summary>
    /// Gets or sets how many threads a suggestion at the target fidelity alone may use: while the suggester searches as
    /// the target-only <see cref="GaussianProcessSuggester"/> would (cheap runs do not help it rank the target's results,
    /// or no cheaper level offers a saving), that search runs as <see cref="GaussianProcessOptions.MaxDegreeOfParallelism"/>
    /// says, and the suggestions do not depend on it. The joint model's searches over the parameters and the fidelity
    /// run on the thread that asks. Set 1 where many studies ask at once in one process.
    /// </summary>
    /// <value>The default is -1: up to one thread per processor. It must be -1 or at least 1.</value>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>Gets the settings of the model machinery these options give (the objective is taken as noisy).</summary>
    internal Bayesian.Models.ModelSettings Settings => new(NoiseFloor, Deterministic: false, MaxFitPoints, WarmStart, Candidates, LocalSearches, MaxModelPoints: 2000);

    /// <summary>A copy that later changes to these options do not reach.</summary>
    internal MultiFidelityOptions Snapshot() => (MultiFidelityOptions)MemberwiseClone();

    internal void Validate()
    {
        if (StartupTrials is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(StartupTrials), StartupTrials, "StartupTrials cannot be negative.");
        }

        if (Budget is double budget && !(budget > 0 && double.IsFinite(budget)))
        {
            throw new ArgumentOutOfRangeException(nameof(Budget), budget, "Budget must be positive and finite.");
        }

        if (!(ConfirmationShare >= 0 && ConfirmationShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ConfirmationShare), ConfirmationShare, "ConfirmationShare must lie in [0, 1].");
        }

        GaussianProcessOptions.CheckMaxDegreeOfParallelism(MaxDegreeOfParallelism);
        Bayesian.Models.ModelSettings.Check(Candidates, LocalSearches, MaxFitPoints, NoiseFloor, OutputWarping);
    }
}
