using System.Globalization;

namespace Tuning;

/// <summary>Options of the <see cref="GaussianProcessSuggester"/>. Every default is chosen to work well without tuning.</summary>
public sealed class GaussianProcessOptions
{
    /// <summary>
    /// Gets or sets how many trials come from a scrambled Sobol design before the model takes over.
    /// </summary>
    /// <value>The default is <see langword="null"/>: max(5, min(2·parameters, 10)).</value>
    public int? StartupTrials { get; set; }

    /// <summary>Gets or sets how many Sobol candidates are scored before the local searches.</summary>
    /// <value>The default is 2048. It must lie in [1, 1048576] (2²⁰).</value>
    public int Candidates { get; set; } = 2048;

    /// <summary>Gets or sets how many of the best candidates seed a local search (L-BFGS-B plus discrete moves).</summary>
    /// <value>The default is 10. It must lie in [1, 1048576] (2²⁰).</value>
    public int LocalSearches { get; set; } = 10;

    /// <summary>
    /// Gets or sets how many threads one suggestion may use: its candidates are scored, and its local searches
    /// (<see cref="LocalSearches"/>) run, on up to this many at once, taken from the .NET thread pool. Each candidate and
    /// each search is the same computation on whichever thread runs it, so the suggestions do not depend on this
    /// setting. The local searches of a space with a discrete parameter of more than 16 values run one after another,
    /// since their moves draw from the suggestion's random stream. A study of fewer than 300 trials asks on one thread:
    /// its suggestions take a few milliseconds, and starting threads costs about what they would save. Set 1 where many
    /// studies ask at once in one process.
    /// </summary>
    /// <value>
    /// The default is -1: up to one thread per processor (<see cref="Environment.ProcessorCount"/>), and no more than
    /// <see cref="LocalSearches"/>. It must be -1 or at least 1; 1 keeps every suggestion on the thread that asks.
    /// </value>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>
    /// Gets or sets a value indicating whether the objective is deterministic: the model then interpolates the data,
    /// with the noise fixed at <see cref="NoiseFloor"/>, instead of learning the noise.
    /// </summary>
    /// <value>The default is <see langword="false"/>: the noise is learned (above the floor), which is right for most training runs.</value>
    public bool Deterministic { get; set; }

    /// <summary>Gets or sets the smallest noise variance of the model, relative to the standardized output's variance of 1.</summary>
    /// <value>
    /// The default is 1e-7 (it must be positive and finite): low enough that the model resolves the last digits of a smooth objective, high enough to keep
    /// it from fitting every wrinkle of a rugged one (measured in <c>benchmarks/Tuning.Quality/results.md</c>).
    /// </value>
    public double NoiseFloor { get; set; } = Bayesian.Models.ModelSettings.DefaultNoiseFloor;

    /// <summary>
    /// Gets or sets how the objective's values are transformed before they are modelled, in a study with one objective.
    /// With two objectives each is standardized linearly, whatever this says: a nonlinear warping would distort the
    /// hypervolume that expected hypervolume improvement maximizes.
    /// </summary>
    /// <value>The default is <see cref="OutputWarping.PowerTransform"/>. It must be a defined value of <see cref="Tuning.OutputWarping"/>.</value>
    public OutputWarping OutputWarping { get; set; } = OutputWarping.PowerTransform;

    /// <summary>
    /// Gets or sets the largest number of observations the hyperparameter fit uses; above it, a random subset of this
    /// size is used for the fit (the model still uses every observation).
    /// </summary>
    /// <value>The default is 300. It must be at least 10.</value>
    public int MaxFitPoints { get; set; } = 300;

    /// <summary>
    /// Gets or sets the most observations a model is conditioned on. Exact inference costs O(n³) to factor and O(n²)
    /// per prediction; above this many observations a model keeps the best quarter of this many and a stable
    /// pseudo-random share of the rest (a subset-of-data approximation), so a suggestion stays within a second or two
    /// however long the study runs.
    /// </summary>
    /// <value>The default is 2000. It must be at least 10.</value>
    public int MaxModelPoints { get; set; } = 2000;

    /// <summary>
    /// Gets or sets a value indicating whether each fit starts from the previous one's hyperparameters, which is faster.
    /// A new suggester (after a restart) fits from the prior, so its suggestions can differ slightly from those of a
    /// suggester that ran all along; turn this off for suggestions that depend on the history alone.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool WarmStart { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether pruned trials inform the model, as in BOHB: each finished trial counts as
    /// an observation at the furthest step it reached, a Gaussian process over (parameters, step) learns how values at
    /// early steps relate to final ones, and the suggestion maximizes LogEI at the largest step that enough trials reached
    /// (as BOHB picks its budget). Applies to studies with one objective and no constraint
    /// metric, once a trial has been pruned with reports.
    /// </summary>
    /// <value>The default is <see langword="false"/>: pruned trials are not modelled.</value>
    public bool UsePrunedTrials { get; set; }

    /// <summary>
    /// Gets or sets the reference point of the expected hypervolume improvement in a study with two objectives: one value
    /// per objective, in the order of the study's objectives and in the metrics' own units — for a minimized metric the
    /// largest value still worth having, for a maximized one the smallest (the "metric thresholds" of SigOpt and Ax).
    /// Only results better than it in both objectives count as improvements, which focuses the search on that part of
    /// the front. A value far beyond the observed ones, up to <see cref="double.MaxValue"/> (its negation for a maximized
    /// metric), sets no threshold on its objective; as the hypervolume it measures, the search then values extending the
    /// front beyond its end in that objective above everything else. Ignored with one objective.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>: each suggestion infers it from the observed feasible results, as their worst
    /// value in each objective plus 10% of their range (in the model's standardized units), which rewards extending the
    /// front in every direction observed so far.
    /// </value>
    public IReadOnlyList<double>? ReferencePoint { get; set; }

    /// <summary>Gets the settings of the model machinery these options give.</summary>
    internal Bayesian.Models.ModelSettings Settings => new(NoiseFloor, Deterministic, MaxFitPoints, WarmStart, Candidates, LocalSearches, MaxModelPoints, Threads);

    /// <summary>A copy that later changes to these options do not reach (the reference point copied too).</summary>
    internal GaussianProcessOptions Snapshot()
    {
        var copy = (GaussianProcessOptions)MemberwiseClone();
        copy.ReferencePoint = ReferencePoint is null ? null : [.. ReferencePoint];
        return copy;
    }

    /// <summary>
    /// The fewest trials with which a suggestion uses more than one thread: below, on the 2-core machine of
    /// <c>benchmarks/Tuning.Benchmarks</c>, two threads took as long as one (n = 100 and 250), and above they took a
    /// quarter to two fifths less (n = 500 and 1000).
    /// </summary>
    internal const int ThreadsFromTrials = 300;

    /// <summary>Gets how many threads a suggestion may use, -1 resolved to this machine's processors.</summary>
    internal int Threads => MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : MaxDegreeOfParallelism;

    /// <summary>The rule for a <c>MaxDegreeOfParallelism</c> option: -1 (one thread per processor) or at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or below -1.</exception>
    internal static void CheckMaxDegreeOfParallelism(int value, string paramName = nameof(MaxDegreeOfParallelism))
    {
        if (value is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "MaxDegreeOfParallelism must be -1 (one thread per processor) or at least 1.");
        }
    }

    internal void Validate()
    {
        if (ReferencePoint is { } reference && (reference.Count != 2 || reference.Any(v => !double.IsFinite(v))))
        {
            throw new ArgumentOutOfRangeException(
                nameof(ReferencePoint),
                $"[{string.Join(", ", reference.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]",
                "ReferencePoint needs two finite values, one per objective.");
        }

        if (StartupTrials is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(StartupTrials), StartupTrials, "StartupTrials cannot be negative.");
        }

        CheckMaxDegreeOfParallelism(MaxDegreeOfParallelism);
        Bayesian.Models.ModelSettings.Check(Candidates, LocalSearches, MaxFitPoints, NoiseFloor, OutputWarping);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxModelPoints, 10, nameof(MaxModelPoints));
    }
}
