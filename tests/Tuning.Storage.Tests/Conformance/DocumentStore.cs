namespace Tuning.Storage.Tests;

/// <summary>
/// Where <see cref="DocumentStudyStorage"/>s keep their studies: one document per study, read and written whole, as a
/// file or a JSON row holds one, and a lock per study. Storages opened on one store see the same studies, as processes
/// opening one folder would.
/// </summary>
internal sealed class DocumentStore
{
    private readonly Dictionary<long, SemaphoreSlim> _locks = [];

    /// <summary>Gets the lock held to read or replace documents; never held while waiting for a study's lock.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Gets the documents by study id (under <see cref="Gate"/>).</summary>
    public SortedDictionary<long, StudyDocument> Studies { get; } = [];

    /// <summary>Gets or sets the last study id handed out (under <see cref="Gate"/>).</summary>
    public long LastId { get; set; }

    /// <summary>Gets, by study id, when its name was last written, counted in writes of names (under <see cref="Gate"/>).</summary>
    public Dictionary<long, long> NameWrittenAt { get; } = [];

    /// <summary>Records that a study's name was written, as a create or a rename does (under <see cref="Gate"/>).</summary>
    public void NameWritten(long studyId) => NameWrittenAt[studyId] = NameWrittenAt.Count == 0 ? 1 : NameWrittenAt.Values.Max() + 1;

    /// <summary>The lock a transaction on the study holds from its reads to its commit (a file lock, say).</summary>
    public SemaphoreSlim LockOf(long studyId)
    {
        lock (Gate)
        {
            if (!_locks.TryGetValue(studyId, out SemaphoreSlim? studyLock))
            {
                studyLock = new SemaphoreSlim(1, 1);
                _locks.Add(studyId, studyLock);
            }

            return studyLock;
        }
    }

    /// <summary>Reads a study's document.</summary>
    /// <exception cref="InvalidOperationException">There is no such study.</exception>
    public StudyDocument Read(long studyId)
    {
        lock (Gate)
        {
            return Studies.TryGetValue(studyId, out StudyDocument? document)
                ? document
                : throw new InvalidOperationException($"The store has no study with id {studyId}.");
        }
    }

    /// <summary>Replaces a study's document whole.</summary>
    public void Write(StudyDocument document)
    {
        lock (Gate)
        {
            Studies[document.Study.Id] = document;
        }
    }
}

/// <summary>A study as one document: its catalogue entry, trials in number order, queue oldest first, and revision.</summary>
internal sealed record StudyDocument(StoredStudy Study, IReadOnlyList<StoredTrial> Trials, IReadOnlyList<string> Queue, long Revision);
