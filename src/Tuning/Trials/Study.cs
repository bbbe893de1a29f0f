namespace Tuning;

/// <summary>
/// An ask/tell optimization: a search space, the metrics to optimize, and the trials so far. Ask it for trials,
/// evaluate them in your own code, and tell it the results; the suggester uses the history to choose what comes next.
/// </summary>
/// <example>
/// <code>
/// var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(seed: 42));
/// for (int i = 0; i &lt; 20; i++)
/// {
///     Trial trial = study.Ask();
///     study.Tell(trial, Train(trial.GetDouble("learning_rate"), trial.GetInt("layers")));
/// }
/// Console.WriteLine(study.BestTrial);
/// </code>
/// </example>
/// <remarks>
/// <para>
/// A study is safe to use from many threads at once. Its trials live in an <see cref="IStudyStorage"/>: in memory by
/// default, or in a database shared with other processes (<see cref="Create(IStudyStorage, string, SearchSpace, IReadOnlyList{Metric}, ISuggester?, StudyOptions?)"/>, <see cref="Open"/>).
/// </para>
/// <para>
/// The study is a façade over parts with one job each: its <see cref="TrialHistory"/> merges the trials read from the
/// storage (only what changed since its revision); an <see cref="AskProposal"/> runs the suggester during an ask, under
/// the storage's ask lock (see <see cref="TrialProposer"/>); a <see cref="HeartbeatMonitor"/> keeps its running trials
/// alive on its own timer and lock; a <see cref="StudyOptimizer"/> runs <see cref="OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, int, int, IProgress{StudyProgress}?, IReadOnlyCollection{Type}?, CancellationToken)"/>
/// over the public ask and tell; <see cref="Pareto"/> and <see cref="FrontHypervolume"/> measure the front.
/// </para>
/// </remarks>
public sealed partial class Study
{
    private readonly Lock _gate = new();
    private readonly TrialHistory _history;
    private readonly HeartbeatMonitor _heartbeats;
    private readonly MetricSet _metrics;
    private readonly long _studyId;

    /// <summary>Creates an in-memory study with one metric.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="metric">The metric to optimize.</param>
    /// <param name="suggester">The suggester; the default is a <see cref="GaussianProcessSuggester"/> with a random seed.</param>
    /// <param name="options">Further options; the default is <see cref="StudyOptions"/>' defaults. The study keeps a copy (<see cref="Options"/>): a later change to this object does not reach it.</param>
    /// <exception cref="ArgumentException">The metric is not an objective, the options are not valid (a <see cref="StudyOptions.HeartbeatGracePeriod"/> shorter than the <see cref="StudyOptions.HeartbeatInterval"/>), or the suggester cannot serve such a study (a <see cref="MultiFidelitySuggester"/> without a fidelity in the space).</exception>
    public Study(SearchSpace space, Metric metric, ISuggester? suggester = null, StudyOptions? options = null)
        : this(space, [metric ?? throw new ArgumentNullException(nameof(metric))], suggester, options)
    {
    }

    /// <summary>Creates an in-memory study with several metrics (one or two objectives, constraints and stored metrics).</summary>
    /// <param name="space">The search space.</param>
    /// <param name="metrics">The metrics.</param>
    /// <param name="suggester">The suggester; the default is a <see cref="GaussianProcessSuggester"/> with a random seed.</param>
    /// <param name="options">Further options; the default is <see cref="StudyOptions"/>' defaults. The study keeps a copy (<see cref="Options"/>): a later change to this object does not reach it.</param>
    /// <exception cref="ArgumentException">No metric or more than two are optimized, two metrics share a name, the options are not valid (a <see cref="StudyOptions.HeartbeatGracePeriod"/> shorter than the <see cref="StudyOptions.HeartbeatInterval"/>), or the suggester cannot serve such a study (a <see cref="MultiFidelitySuggester"/> without a fidelity in the space).</exception>
    public Study(SearchSpace space, IReadOnlyList<Metric> metrics, ISuggester? suggester = null, StudyOptions? options = null)
        : this(new InMemoryStudyStorage(), null, new StudyDefinition(space ?? throw new ArgumentNullException(nameof(space)), metrics), suggester, options)
    {
    }

    private Study(IStudyStorage storage, StoredStudy? stored, StudyDefinition definition, ISuggester? suggester, StudyOptions? options)
    {
        // Read once, as the suggesters read theirs: a later change to the caller's object would skip the checks below
        // and reach the heartbeat timer while it runs.
        options = options?.Snapshot();
        CheckHeartbeats(options);
        CheckSuggester(suggester, definition.Space, definition.Metrics);
        _metrics = new MetricSet(definition.Metrics);
        Storage = storage;
        Space = definition.Space;
        Suggester = suggester ?? new GaussianProcessSuggester();
        Options = options ?? new StudyOptions();
        stored ??= storage.CreateStudy($"study-{Guid.NewGuid():N}", definition.ToJson());
        _studyId = stored.Id;
        Name = stored.Name;
        _history = new TrialHistory(this);
        _heartbeats = new HeartbeatMonitor(storage, _studyId, Options);
        Refresh();
    }

    /// <summary>Gets the study's name in its storage.</summary>
    public string Name { get; }

    /// <summary>Gets the search space.</summary>
    public SearchSpace Space { get; }

    /// <summary>Gets every metric, in declaration order.</summary>
    public IReadOnlyList<Metric> Metrics => _metrics.All;

    /// <summary>Gets the optimized metrics (one or two).</summary>
    public IReadOnlyList<Metric> Objectives => _metrics.Objectives;

    /// <summary>Gets the suggester that chooses new trials.</summary>
    public ISuggester Suggester { get; }

    /// <summary>Gets the storage that holds the study.</summary>
    public IStudyStorage Storage { get; }

    /// <summary>
    /// Gets the study's own copy of the options it was created with: a new <see cref="StudyOptions.Pruner"/> or
    /// <see cref="StudyOptions.Listener"/> set here applies to this study from its next use, while its clock and
    /// heartbeat settings stay those it was created with (see <see cref="StudyOptions"/>).
    /// </summary>
    public StudyOptions Options { get; }

    internal MetricSet MetricSet => _metrics;

    /// <summary>Gets the study's id in its storage; with the storage, which study this object is one view of.</summary>
    internal long StudyId => _studyId;

    /// <summary>Gets the study's trials as merged so far; read and changed under the study's lock only.</summary>
    internal TrialHistory History => _history;

    internal DateTimeOffset Now => _heartbeats.Now;

    /// <summary>Gets whether the study sends heartbeats (it had a <see cref="StudyOptions.HeartbeatInterval"/> when it was created or opened).</summary>
    internal bool SendsHeartbeats => _heartbeats.GracePeriod is not null;

    /// <summary>Reads the trials that changed in the storage since the last read (other workers' trials included).</summary>
    private void Refresh()
    {
        lock (_gate)
        {
            Merge(_heartbeats.Observe(() => Storage.ReadTrials(_studyId, _history.Revision)));
        }
    }

    /// <summary>Merges stored trials into the history; if they leave a gap (never expected), merges every trial instead. Call under the gate.</summary>
    internal void Merge(IReadOnlyList<StoredTrial> changed)
    {
        if (!_history.Merge(changed))
        {
            _history.Merge(Storage.ReadTrials(_studyId, 0));
        }
    }

    /// <summary>
    /// Refuses a grace period shorter than the heartbeat interval: every live trial would look stale between two beats.
    /// The factory methods check it before they write anything, so that refused options leave no study behind.
    /// </summary>
    /// <summary>Refuses a suggester that could never serve a study of this space and these metrics (<see cref="IStudyRequirements"/>).</summary>
    internal static void CheckSuggester(ISuggester? suggester, SearchSpace space, IReadOnlyList<Metric> metrics)
    {
        if (suggester is IStudyRequirements requirements && requirements.Refusal(space, metrics) is string refusal)
        {
            throw new ArgumentException(refusal, nameof(suggester));
        }
    }

    internal static void CheckHeartbeats(StudyOptions? options)
    {
        if (options is { HeartbeatInterval: TimeSpan interval, HeartbeatGracePeriod: TimeSpan grace } && grace < interval)
        {
            throw new ArgumentException(
                $"StudyOptions.HeartbeatGracePeriod ({grace}) is shorter than StudyOptions.HeartbeatInterval ({interval}): live trials would be failed as stale between two heartbeats. Make the grace period several intervals, or leave it unset (five intervals).",
                nameof(options));
        }
    }

    private Trial Own(Trial trial, string paramName)
    {
        ArgumentNullException.ThrowIfNull(trial, paramName);
        if (!ReferenceEquals(trial.Study, this))
        {
            throw new ArgumentException(NotOwn(trial), paramName);
        }

        return trial;
    }

    /// <summary>
    /// Says that a trial belongs to another <see cref="Study"/> object: to another study, to another object of this
    /// stored study (one opened again), or to a study of the same name in another storage (a copy).
    /// </summary>
    internal string NotOwn(Trial trial)
    {
        Study owner = trial.Study;
        string whose = owner.Name != Name
            ? $"the study '{owner.Name}', not to '{Name}'"
            : ReferenceEquals(owner.Storage, Storage) && owner.StudyId == StudyId
                ? $"another Study object of the study '{Name}' (one opened again, say); use it through the object that asked for it, which keeps it alive"
                : $"a study named '{Name}' in another storage (a copy of it, say), not to this one";
        return $"Trial {trial.Id} belongs to {whose}.";
    }
}
