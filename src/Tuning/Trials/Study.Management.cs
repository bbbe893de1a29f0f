using Tuning.Storage;
namespace Tuning;

public sealed partial class Study
{
    /// <summary>Creates a new study with one metric in a storage.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="name">The study's name, unique in the storage.</param>
    /// <param name="space">The search space.</param>
    /// <param name="metric">The metric to optimize.</param>
    /// <param name="suggester">The suggester; the default is a <see cref="GaussianProcessSuggester"/> with a random seed.</param>
    /// <param name="options">Further options; the default is <see cref="StudyOptions"/>' defaults. The study keeps a copy (<see cref="Options"/>): a later change to this object does not reach it.</param>
    /// <returns>The study.</returns>
    /// <exception cref="InvalidOperationException">A study with that name already exists.</exception>
    /// <exception cref="ArgumentException">
    /// The name is blank or holds a lone UTF-16 surrogate, the metric is not an objective, the options are not valid, or
    /// the suggester cannot serve such a study (a <see cref="MultiFidelitySuggester"/> without a fidelity in the space);
    /// then nothing is written.
    /// </exception>
    public static Study Create(IStudyStorage storage, string name, SearchSpace space, Metric metric, ISuggester? suggester = null, StudyOptions? options = null) =>
        Create(storage, name, space, [metric ?? throw new ArgumentNullException(nameof(metric))], suggester, options);

    /// <summary>Creates a new study in a storage.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="name">The study's name, unique in the storage.</param>
    /// <param name="space">The search space.</param>
    /// <param name="metrics">The metrics.</param>
    /// <param name="suggester">The suggester; the default is a <see cref="GaussianProcessSuggester"/> with a random seed.</param>
    /// <param name="options">Further options; the default is <see cref="StudyOptions"/>' defaults. The study keeps a copy (<see cref="Options"/>): a later change to this object does not reach it.</param>
    /// <returns>The study.</returns>
    /// <exception cref="InvalidOperationException">A study with that name already exists.</exception>
    /// <exception cref="ArgumentException">
    /// The name is blank or holds a lone UTF-16 surrogate, the metrics or the options are not valid, or the suggester
    /// cannot serve such a study (a <see cref="MultiFidelitySuggester"/> without a fidelity in the space); then nothing is written.
    /// </exception>
    public static Study Create(
        IStudyStorage storage, string name, SearchSpace space, IReadOnlyList<Metric> metrics, ISuggester? suggester = null, StudyOptions? options = null)
    {
        CheckHeartbeats(options);
        StudyDefinition definition = Define(storage, name, space, metrics);
        CheckSuggester(suggester, definition.Space, definition.Metrics);
        StoredStudy stored = storage.CreateStudy(name, definition.ToJson());
        return new Study(storage, stored, definition, suggester, options);
    }

    /// <summary>Opens an existing study with its full history, to continue it.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="name">The study's name.</param>
    /// <param name="suggester">The suggester; the default is a <see cref="GaussianProcessSuggester"/> with a random seed.</param>
    /// <param name="options">Further options; the default is <see cref="StudyOptions"/>' defaults. The study keeps a copy (<see cref="Options"/>): a later change to this object does not reach it.</param>
    /// <returns>The study.</returns>
    /// <exception cref="InvalidOperationException">The storage has no study of that name.</exception>
    /// <exception cref="FormatException">The stored study cannot be read: its definition or a trial's parameters are malformed or do not fit its space.</exception>
    /// <exception cref="ArgumentException">The options are not valid, or the suggester cannot serve the study (a <see cref="MultiFidelitySuggester"/> for a space without a fidelity).</exception>
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
    /// <param name="options">Further options; the default is <see cref="StudyOptions"/>' defaults. The study keeps a copy (<see cref="Options"/>): a later change to this object does not reach it.</param>
    /// <returns>The study.</returns>
    /// <exception cref="InvalidOperationException">The study exists with a different space or different metrics.</exception>
    /// <exception cref="ArgumentException">
    /// The name is blank or holds a lone UTF-16 surrogate, the metrics or the options are not valid, or the suggester
    /// cannot serve such a study (a <see cref="MultiFidelitySuggester"/> without a fidelity in the space); then nothing is written.
    /// </exception>
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
    /// <param name="options">Further options; the default is <see cref="StudyOptions"/>' defaults. The study keeps a copy (<see cref="Options"/>): a later change to this object does not reach it.</param>
    /// <returns>The study.</returns>
    /// <exception cref="InvalidOperationException">The study exists with a different space or different metrics.</exception>
    /// <exception cref="ArgumentException">
    /// The name is blank or holds a lone UTF-16 surrogate, the metrics or the options are not valid, or the suggester
    /// cannot serve such a study (a <see cref="MultiFidelitySuggester"/> without a fidelity in the space); then nothing is written.
    /// </exception>
    public static Study CreateOrOpen(
        IStudyStorage storage, string name, SearchSpace space, IReadOnlyList<Metric> metrics, ISuggester? suggester = null, StudyOptions? options = null)
    {
        CheckHeartbeats(options);
        StudyDefinition wanted = Define(storage, name, space, metrics);
        CheckSuggester(suggester, wanted.Space, wanted.Metrics);
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
            string difference = DefinitionDifference.Describe(existing, wanted) is string first ? $": {first}" : string.Empty;
            throw new InvalidOperationException(
                $"The study '{name}' exists with a different space or different metrics{difference}.{Environment.NewLine}Stored: {existing.ToJson()}{Environment.NewLine}Given:  {wanted.ToJson()}");
        }

        return new Study(storage, stored, existing, suggester, options);
    }

    /// <summary>Checks the arguments of <see cref="Create(IStudyStorage, string, SearchSpace, IReadOnlyList{Metric}, ISuggester?, StudyOptions?)"/> and <c>CreateOrOpen</c>, and gives the study's definition.</summary>
    private static StudyDefinition Define(IStudyStorage storage, string name, SearchSpace space, IReadOnlyList<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(storage);
        CheckName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(space);
        var definition = new StudyDefinition(space, metrics);
        _ = new MetricSet(metrics);
        return definition;
    }

    /// <summary>Deletes a study, with its trials and enqueued parameters, from a storage.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="name">The study's name.</param>
    /// <exception cref="InvalidOperationException">The storage has no study of that name.</exception>
    /// <remarks>Workers still running the study fail at their next call to the storage.</remarks>
    public static void Delete(IStudyStorage storage, string name) => storage.DeleteStudy(Find(storage, name).Id);

    /// <summary>Renames a study in its storage; its trials and enqueued parameters stay with it.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="name">The study's name.</param>
    /// <param name="newName">Its new name, unique in the storage.</param>
    /// <exception cref="InvalidOperationException">The storage has no study named <paramref name="name"/>, or already one named <paramref name="newName"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="newName"/> is blank or holds a lone UTF-16 surrogate, which no storage can keep.</exception>
    /// <remarks>Workers that opened the study under its old name go on with it; new ones open it under the new name.</remarks>
    public static void Rename(IStudyStorage storage, string name, string newName)
    {
        CheckName(newName, nameof(newName));
        storage.RenameStudy(Find(storage, name).Id, newName);
    }

    /// <summary>
    /// Refuses a name for a new study that is blank, or that no storage can keep (a lone UTF-16 surrogate: it would be
    /// stored as U+FFFD, and the study not found again under the name given).
    /// </summary>
    private static void CheckName(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        StoredText.ThrowIfNotValid(name, $"The study name '{name}'", paramName);
    }

    /// <summary>
    /// Copies a study — its space and metrics, every trial as it is (state, values, reports, attributes, times) and its
    /// enqueued parameters — into a storage, which may be of another kind (SQLite to PostgreSQL and back). The copy is
    /// all or nothing: the destination stores the whole study in one transaction.
    /// </summary>
    /// <param name="source">The storage that holds the study.</param>
    /// <param name="name">The study's name.</param>
    /// <param name="destination">The storage to copy into; it may be <paramref name="source"/> itself.</param>
    /// <param name="newName">The copy's name; the default, <see langword="null"/>, keeps the study's name.</param>
    /// <exception cref="InvalidOperationException">The source has no study of that name, or the destination already has one named like the copy.</exception>
    /// <exception cref="FormatException">The stored study cannot be read (it was written by a broken storage).</exception>
    /// <exception cref="ArgumentException"><paramref name="newName"/> is blank or holds a lone UTF-16 surrogate, which no storage can keep.</exception>
    /// <remarks>
    /// Running trials are copied as running; nobody runs them in the copy, so their heartbeats stop and a sweep
    /// (<see cref="FailStaleTrials"/>) fails them there. A study that workers change while it is copied is copied as its
    /// trials, then its queue, were when read.
    /// </remarks>
    public static void Copy(IStudyStorage source, string name, IStudyStorage destination, string? newName = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (newName is not null)
        {
            CheckName(newName, nameof(newName));
        }

        StoredStudy stored = Find(source, name);
        StudyDefinition.Parse(stored.Definition); // a definition that cannot be read is refused before anything is written
        destination.ImportStudy(newName ?? stored.Name, stored.Definition, source.ReadTrials(stored.Id, 0), source.ReadEnqueued(stored.Id));
    }

    private static StoredStudy Find(IStudyStorage storage, string name)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return storage.FindStudy(name) ?? throw new InvalidOperationException($"The storage has no study named '{name}'.");
    }
}
