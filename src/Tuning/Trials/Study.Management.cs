namespace Tuning;

public sealed partial class Study
{
    /// <summary>Creates a new study with one metric in a storage.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="name">The study's name, unique in the storage.</param>
    /// <param name="space">The search space.</param>
    /// <param name="metric">The metric to optimize.</param>
    /// <param name="suggester">The suggester; the default is a <see cref="GaussianProcessSuggester"/> with a random seed.</param>
    /// <param name="options">Further options.</param>
    /// <returns>The study.</returns>
    /// <exception cref="InvalidOperationException">A study with that name already exists.</exception>
    /// <exception cref="ArgumentException">The metric is not an objective.</exception>
    public static Study Create(IStudyStorage storage, string name, SearchSpace space, Metric metric, ISuggester? suggester = null, StudyOptions? options = null) =>
        Create(storage, name, space, [metric ?? throw new ArgumentNullException(nameof(metric))], suggester, options);

    /// <summary>Creates a new study in a storage.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="name">The study's name, unique in the storage.</param>
    /// <param name="space">The search space.</param>
    /// <param name="metrics">The metrics.</param>
    /// <param name="suggester">The suggester; the default is a <see cref="GaussianProcessSuggester"/> with a random seed.</param>
    /// <param name="options">Further options.</param>
    /// <returns>The study.</returns>
    /// <exception cref="InvalidOperationException">A study with that name already exists.</exception>
    /// <exception cref="ArgumentException">The metrics are not valid.</exception>
    public static Study Create(
        IStudyStorage storage, string name, SearchSpace space, IReadOnlyList<Metric> metrics, ISuggester? suggester = null, StudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(space);
        var definition = new StudyDefinition(space, metrics);
        _ = new MetricSet(metrics);
        StoredStudy stored = storage.CreateStudy(name, definition.ToJson());
        return new Study(storage, stored, definition, suggester, options);
    }

    /// <summary>Opens an existing study with its full history, to continue it.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="name">The study's name.</param>
    /// <param name="suggester">The suggester; the default is a <see cref="GaussianProcessSuggester"/> with a random seed.</param>
    /// <param name="options">Further options.</param>
    /// <returns>The study.</returns>
    /// <exception cref="InvalidOperationException">The storage has no study of that name.</exception>
    public static Study Open(IStudyStorage storage, string name, ISuggester? suggester = null, StudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        StoredStudy stored = storage.FindStudy(name)
            ?? throw new InvalidOperationException($"The storage has no study named '{name}'.");
        return new Study(storage, stored, StudyDefinition.Parse(stored.Definition), suggester, options);
    }

    /// <summary>Opens the named study if it exists, after checking it has the same space and metric, or creates it with one metric.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="name">The study's name.</param>
    /// <param name="space">The search space.</param>
    /// <param name="metric">The metric to optimize.</param>
    /// <param name="suggester">The suggester; the default is a <see cref="GaussianProcessSuggester"/> with a random seed.</param>
    /// <param name="options">Further options.</param>
    /// <returns>The study.</returns>
    /// <exception cref="InvalidOperationException">The study exists with a different space or different metrics.</exception>
    /// <example>
    /// <code>
    /// Study study = Study.CreateOrOpen(storage, "lightgbm", space, Metric.Maximize("auc"));
    /// </code>
    /// </example>
    public static Study CreateOrOpen(IStudyStorage storage, string name, SearchSpace space, Metric metric, ISuggester? suggester = null, StudyOptions? options = null) =>
        CreateOrOpen(storage, name, space, [metric ?? throw new ArgumentNullException(nameof(metric))], suggester, options);

    /// <summary>Opens the named study if it exists, after checking it has the same space and metrics, or creates it.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="name">The study's name.</param>
    /// <param name="space">The search space.</param>
    /// <param name="metrics">The metrics.</param>
    /// <param name="suggester">The suggester; the default is a <see cref="GaussianProcessSuggester"/> with a random seed.</param>
    /// <param name="options">Further options.</param>
    /// <returns>The study.</returns>
    /// <exception cref="InvalidOperationException">The study exists with a different space or different metrics.</exception>
    public static Study CreateOrOpen(
        IStudyStorage storage, string name, SearchSpace space, IReadOnlyList<Metric> metrics, ISuggester? suggester = null, StudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(space);
        var wanted = new StudyDefinition(space, metrics);
        _ = new MetricSet(metrics);
        StoredStudy? stored = storage.FindStudy(name);
        if (stored is null)
        {
            try
            {
                stored = storage.CreateStudy(name, wanted.ToJson());
            }
            catch (InvalidOperationException) when (storage.FindStudy(name) is not null)
            {
                // Another worker created it first: open theirs.
                stored = storage.FindStudy(name)!;
            }
        }

        StudyDefinition existing = StudyDefinition.Parse(stored.Definition);
        if (existing.ToJson() != wanted.ToJson())
        {
            throw new InvalidOperationException(
                $"The study '{name}' exists with a different space or different metrics.{Environment.NewLine}Stored: {existing.ToJson()}{Environment.NewLine}Given:  {wanted.ToJson()}");
        }

        return new Study(storage, stored, existing, suggester, options);
    }
}
