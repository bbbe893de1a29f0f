namespace Tuning;

public sealed partial class Study
{
    /// <summary>
    /// Exports the study (name, space, metrics, every trial and the enqueued parameters) as JSON, which
    /// <see cref="FromJson"/> reads back exactly.
    /// </summary>
    /// <returns>The JSON document, indented.</returns>
    public string ToJson()
    {
        lock (_gate)
        {
            return StudyJson.Write(Name, new StudyDefinition(Space, Metrics), Trials, Storage.ReadEnqueued(_studyId));
        }
    }

    /// <summary>Imports a study exported by <see cref="ToJson"/> into a storage.</summary>
    /// <param name="json">The exported study.</param>
    /// <param name="storage">The storage to import into; the default is a new <see cref="InMemoryStudyStorage"/>. It must not hold a study of the same name.</param>
    /// <param name="suggester">The suggester for further trials; the default is a <see cref="RandomSuggester"/>.</param>
    /// <param name="options">Further options.</param>
    /// <returns>The imported study, with every trial as exported.</returns>
    /// <exception cref="FormatException">The JSON is not an exported study.</exception>
    /// <exception cref="InvalidOperationException">The storage already holds a study of that name.</exception>
    public static Study FromJson(string json, IStudyStorage? storage = null, ISuggester? suggester = null, StudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        StudyJson.Document document = StudyJson.Read(json);
        storage ??= new InMemoryStudyStorage();
        StoredStudy stored = storage.CreateStudy(document.Name, document.Definition.ToJson());
        storage.ImportTrials(stored.Id, document.Trials);
        foreach (string parameters in document.Enqueued)
        {
            storage.Enqueue(stored.Id, parameters);
        }

        return new Study(storage, stored, document.Definition, suggester, options);
    }
}
