using Tuning.Storage;

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

    /// <summary>
    /// Imports a study exported by <see cref="ToJson"/> into a storage, all or nothing: every trial and enqueued parameter
    /// set is checked against the study's space and metrics first, and the storage then stores the whole study in one
    /// transaction, so a refused document leaves nothing behind.
    /// </summary>
    /// <param name="json">The exported study.</param>
    /// <param name="storage">The storage to import into; the default is a new <see cref="InMemoryStudyStorage"/>. It must not hold a study of the same name.</param>
    /// <param name="suggester">The suggester for further trials; the default is a <see cref="GaussianProcessSuggester"/> with a random seed.</param>
    /// <param name="options">Further options; the default is <see cref="StudyOptions"/>' defaults. The study keeps a copy (<see cref="Options"/>): a later change to this object does not reach it.</param>
    /// <returns>The imported study, with every trial as exported.</returns>
    /// <exception cref="FormatException">
    /// The JSON is not an exported study, or a trial would break the study (a completed trial without a value for every
    /// metric, a value that is not finite, reports whose steps do not increase, an unknown state, a parameter outside its
    /// domain); the message names the trial and the field.
    /// </exception>
    /// <exception cref="InvalidOperationException">The storage already holds a study of that name.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="json"/> holds a lone UTF-16 surrogate (it is no Unicode text, so no JSON), the options are not
    /// valid, or the suggester cannot serve the study (a <see cref="MultiFidelitySuggester"/> for a space without a
    /// fidelity); nothing is written.
    /// </exception>
    public static Study FromJson(string json, IStudyStorage? storage = null, ISuggester? suggester = null, StudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        StoredText.ThrowIfNotValid(json, "The document", nameof(json));
        CheckHeartbeats(options);
        StudyJson.Document document = StudyJson.Read(json);
        CheckSuggester(suggester, document.Definition.Space, document.Definition.Metrics);
        storage ??= new InMemoryStudyStorage();

        // Everything was checked above; the storage then takes the whole study in one transaction, or nothing.
        StoredStudy stored = storage.ImportStudy(document.Name, document.Definition.ToJson(), document.Trials, document.Enqueued);
        return new Study(storage, stored, document.Definition, suggester, options);
    }

    /// <summary>
    /// Writes every trial as CSV, one row per trial: <c>id, state, started, finished, duration_s</c>, one column per
    /// metric, one per parameter (blank when inactive), one for the fidelity if the space declares one, <c>fail_reason</c>,
    /// and one <c>attr.KEY</c> column per attribute set with <see cref="Trial.SetAttribute"/>. RFC 4180 (comma-separated,
    /// CRLF record ends, quoted fields), invariant culture, numbers that round-trip exactly, times in ISO 8601 with their
    /// offset. A column named like an earlier one gets a <c>metric.</c>, <c>param.</c>, <c>fidelity.</c> or <c>attr.</c>
    /// prefix.
    /// </summary>
    /// <param name="writer">Where to write, such as a <see cref="StreamWriter"/>; it is not closed.</param>
    /// <example>
    /// <code>
    /// using var file = new StreamWriter("trials.csv");
    /// study.WriteCsv(file);
    /// </code>
    /// </example>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        StudyCsv.Write(writer, this, Trials);
    }
}
