namespace Tuning.Storage.Tests;

/// <summary>
/// A storage written as a user would write one, to test the conformance suite itself: it keeps each study as one
/// document in a <see cref="DocumentStore"/>, and a transaction takes the study's lock, reads the document, and commits
/// by writing it back whole. Without a <see cref="StorageFault"/> it conforms; with one, the suite must catch it.
/// </summary>
internal sealed class DocumentStudyStorage(DocumentStore store, StorageFault fault = StorageFault.None) : TransactionalStudyStorage, IStudyStorage
{
    private readonly Dictionary<long, IReadOnlyList<string>> _queuesInThisInstance = [];

    public StorageFault Fault { get; } = fault;

    StoredStudy IStudyStorage.CreateStudy(string name, string definition) =>
        Fault == StorageFault.AcceptsAnyName ? CreateStudyCore(name, definition, [], [], Guid.NewGuid(), 1) : CreateStudy(name, definition);

    StoredStudy IStudyStorage.RenameStudy(long studyId, string newName) =>
        Fault == StorageFault.AcceptsAnyName ? RenameStudyCore(studyId, newName) : RenameStudy(studyId, newName);

    StoredTrial IStudyStorage.AddReport(long studyId, int number, TrialReport report, DateTimeOffset now) =>
        Fault == StorageFault.IgnoresNegativeSteps && report.Step < 0 ? ReadTrials(studyId, 0)[number] : AddReport(studyId, number, report, now);

    StoredTrial IStudyStorage.SetAttribute(long studyId, int number, string key, string value) =>
        Fault == StorageFault.IgnoresBlankAttributeKeys && string.IsNullOrWhiteSpace(key) ? ReadTrials(studyId, 0)[number] : SetAttribute(studyId, number, key, value);

    StoredTrial IStudyStorage.FinishTrial(
        long studyId, int number, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now) =>
        Fault == StorageFault.IgnoresTellsAsRunning && state == TrialState.Running
            ? ReadTrials(studyId, 0)[number]
            : FinishTrial(studyId, number, state, values, failReason, now);

    StoredStudy IStudyStorage.ImportStudy(string name, string definition, IReadOnlyList<StoredTrial> trials, IReadOnlyList<string> enqueued)
    {
        if (Fault != StorageFault.ImportsStudiesInSteps)
        {
            return ImportStudy(name, definition, trials, enqueued);
        }

        StoredStudy study = CreateStudy(name, definition);
        foreach (StoredTrial trial in trials)
        {
            ImportTrials(study.Id, [trial ?? throw new ArgumentException("A trial entry is null.", nameof(trials))]);
        }

        foreach (string parameters in enqueued)
        {
            Enqueue(study.Id, parameters);
        }

        return study;
    }

    IReadOnlyList<StoredTrial> IStudyStorage.StartTrials(long studyId, int count, long knownRevision, TrialProposer propose, TimeProvider clock) =>
        StartTrials(studyId, count, knownRevision, Fault == StorageFault.DropsExtraProposals ? snapshot => [.. propose(snapshot).Take(snapshot.Count)] : propose, clock);

    public override StoredStudy? FindStudy(string name)
    {
        lock (store.Gate)
        {
            return store.Studies.Values.Select(d => d.Study).FirstOrDefault(s => SameName(s.Name, name));
        }
    }

    public override IReadOnlyList<StoredStudy> ListStudies()
    {
        if (Fault == StorageFault.CannotListStudies)
        {
            throw new NotSupportedException("This storage cannot list its studies.");
        }

        lock (store.Gate)
        {
            IEnumerable<StoredStudy> studies = store.Studies.Values.Select(d => d.Study);
            return [.. Fault switch
            {
                StorageFault.ListsStudiesByName => studies.OrderBy(s => s.Name, StringComparer.Ordinal),
                StorageFault.ListsRenamedStudiesLast => studies.OrderBy(s => store.NameWrittenAt[s.Id]),
                _ => studies,
            }];
        }
    }

    public override IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter) =>
        [.. Read(studyId).Trials.Where(t => t.Revision > changedAfter)];

    public override IReadOnlyList<string> ReadEnqueued(long studyId) =>
        Fault == StorageFault.EmptyQueueForUnknownStudies && StudyOrNull(studyId) is null ? [] : Read(studyId).Queue;

    protected override StudyTransaction Begin(long studyId, TransactionReads reads)
    {
        bool locks = reads.AskLock ? Fault != StorageFault.NoAskLock : Fault != StorageFault.NoWriteLock;
        SemaphoreSlim? held = locks ? store.LockOf(studyId) : null;
        held?.Wait();
        try
        {
            StudyDocument document = Read(studyId);
            if (!locks)
            {
                Thread.Sleep(1); // reading a document takes a while, and nothing keeps another writer from reading it too
            }

            return new Transaction(this, document, reads, held);
        }
        catch
        {
            held?.Release();
            throw;
        }
    }

    protected override StoredStudy CreateStudyCore(
        string name, string definition, IReadOnlyList<StoredTrial> trials, IReadOnlyList<string> enqueued, Guid operation, int attempt)
    {
        lock (store.Gate)
        {
            if (store.Studies.Values.Any(d => SameName(d.Study.Name, name)))
            {
                throw new InvalidOperationException($"A study named '{name}' already exists in this store.");
            }

            var study = new StoredStudy(++store.LastId, name, definition, DateTimeOffset.UtcNow);
            Write(new StudyDocument(study, trials, [.. enqueued], trials.Count));
            store.NameWritten(study.Id);
            return study;
        }
    }

    protected override StoredStudy RenameStudyCore(long studyId, string newName) => UnderStudyLock(studyId, () =>
    {
        lock (store.Gate)
        {
            StudyDocument document = Read(studyId);
            if (store.Studies.Values.Any(d => SameName(d.Study.Name, newName) && d.Study.Id != studyId))
            {
                throw new InvalidOperationException($"A study named '{newName}' already exists in this store.");
            }

            Write(document with { Study = document.Study with { Name = newName } });
            store.NameWritten(studyId);
            return document.Study with { Name = newName };
        }
    });

    protected override void DeleteStudyCore(long studyId) => UnderStudyLock(studyId, () =>
    {
        lock (store.Gate)
        {
            return store.Studies.Remove(store.Read(studyId).Study.Id);
        }
    });

    protected override void EnqueueCore(long studyId, string parameters) => UnderStudyLock(studyId, () =>
    {
        StudyDocument document = Read(studyId);
        Write(document with { Queue = Enqueue(document.Queue, [parameters]) });
        return 0;
    });

    protected override void HeartbeatCore(long studyId, IReadOnlyCollection<int> numbers, DateTimeOffset now) => UnderStudyLock(studyId, () =>
    {
        StudyDocument document = Read(studyId);
        Write(document with
        {
            Trials = [.. document.Trials.Select(t => numbers.Contains(t.Number) && t.State == TrialState.Running ? t with { HeartbeatAt = now } : t)],
        });
        return 0;
    });

    private StoredStudy? StudyOrNull(long studyId)
    {
        lock (store.Gate)
        {
            return store.Studies.GetValueOrDefault(studyId)?.Study;
        }
    }

    private bool SameName(string a, string b) =>
        string.Equals(a, b, Fault == StorageFault.CaseInsensitiveNames ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private string[] Enqueue(IEnumerable<string> queue, IReadOnlyList<string> added) =>
        Fault == StorageFault.QueueIsASet ? [.. queue.Union(added)] : [.. queue, .. added];

    /// <summary>The attributes as this storage writes them: with <see cref="StorageFault.NormalizesAttributeText"/> composed, with <see cref="StorageFault.AttributeKeysIgnoreCase"/> keyed ignoring case.</summary>
    private Dictionary<string, string> Stored(IReadOnlyDictionary<string, string> attributes)
    {
        var stored = new Dictionary<string, string>(Fault == StorageFault.AttributeKeysIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach ((string key, string value) in attributes)
        {
            stored[Composed(key)] = Composed(value);
        }

        return stored;
    }

    /// <summary>The text with e and a combining acute accent composed into é, as normalizing it to form C would (string.Normalize needs ICU, which these tests run without).</summary>
    private string Composed(string text) => Fault == StorageFault.NormalizesAttributeText ? text.Replace("e\u0301", "\u00e9", StringComparison.Ordinal) : text;

    private StudyDocument Read(long studyId)
    {
        StudyDocument document = store.Read(studyId);
        lock (_queuesInThisInstance)
        {
            return Fault == StorageFault.KeepsTheQueueInTheInstance
                ? document with { Queue = _queuesInThisInstance.GetValueOrDefault(studyId) ?? [] }
                : document;
        }
    }

    private void Write(StudyDocument document)
    {
        if (Fault == StorageFault.TimesToTheMillisecond)
        {
            static DateTimeOffset Cut(DateTimeOffset t) => new(t.UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
            document = document with
            {
                Trials = [.. document.Trials.Select(t => t with
                {
                    StartedAt = Cut(t.StartedAt), HeartbeatAt = Cut(t.HeartbeatAt), FinishedAt = t.FinishedAt is DateTimeOffset f ? Cut(f) : null,
                })],
            };
        }

        if (Fault == StorageFault.KeepsTheQueueInTheInstance)
        {
            lock (_queuesInThisInstance)
            {
                _queuesInThisInstance[document.Study.Id] = document.Queue;
            }

            document = document with { Queue = [] };
        }

        store.Write(document);
    }

    private T UnderStudyLock<T>(long studyId, Func<T> change)
    {
        SemaphoreSlim studyLock = store.LockOf(studyId);
        studyLock.Wait();
        try
        {
            return change();
        }
        finally
        {
            studyLock.Release();
        }
    }

    /// <summary>A transaction on the document read when it began, written back whole when it commits.</summary>
    private sealed class Transaction : StudyTransaction
    {
        private readonly DocumentStudyStorage _owner;
        private readonly StudyDocument _read;
        private SemaphoreSlim? _held;

        public Transaction(DocumentStudyStorage owner, StudyDocument read, TransactionReads reads, SemaphoreSlim? held)
        {
            _owner = owner;
            _read = read;
            _held = held;
            NextNumber = read.Trials.Count;
            Changed = reads.ChangedAfter is long after ? [.. read.Trials.Where(t => t.Revision > after)] : [];
            Trial = reads.TrialNumber is int n && n >= 0 && n < read.Trials.Count ? read.Trials[n] : null;
            Stale = reads.StaleBefore is DateTimeOffset before
                ? [.. read.Trials.Where(t => t.State == TrialState.Running && (t.HeartbeatAt < before || (owner.Fault == StorageFault.StaleAtTheCutOff && t.HeartbeatAt == before)))]
                : [];
            Claimed = [.. (owner.Fault == StorageFault.QueueServedNewestFirst ? read.Queue.Reverse() : read.Queue).Take(reads.Claim)];
        }

        protected override IReadOnlyList<StoredTrial> CommitCore(TransactionChanges changes)
        {
            List<StoredTrial> trials = [.. _read.Trials];
            long revision = _read.Revision;
            var stored = new List<StoredTrial>();
            foreach (StoredTrial trial in changes.Inserted)
            {
                if (trial.Number != trials.Count)
                {
                    throw new InvalidOperationException($"Trial {trial.Number} would leave a gap: the study has {trials.Count} trials.");
                }

                trials.Add(trial with { Revision = ++revision });
                stored.Add(trials[^1]);
            }

            foreach (StoredTrial trial in changes.Updated)
            {
                StoredTrial updated = trial with { Revision = ++revision };
                if (_owner.Fault == StorageFault.FinishForgetsAttributes && updated.State != TrialState.Running)
                {
                    updated = updated with { Attributes = new Dictionary<string, string>() };
                }

                if (_owner.Fault is StorageFault.NormalizesAttributeText or StorageFault.AttributeKeysIgnoreCase)
                {
                    updated = updated with { Attributes = _owner.Stored(updated.Attributes) };
                }

                if (_owner.Fault == StorageFault.TellDropsTheFailReason && trials[trial.Number].State == TrialState.Running)
                {
                    updated = updated with { FailReason = null };
                }

                if (!(_owner.Fault == StorageFault.DropsChangesToFinishedTrials && trials[trial.Number].State != TrialState.Running))
                {
                    trials[trial.Number] = updated;
                }

                stored.Add(updated);
            }

            IReadOnlyList<string> queue = _owner.Enqueue(_owner.Fault == StorageFault.QueueServedNewestFirst ? _read.Queue.SkipLast(Claimed.Count) : _read.Queue.Skip(Claimed.Count), changes.Enqueued);
            if (_owner.Fault == StorageFault.RequeuesAtTheFront)
            {
                queue = [.. changes.Enqueued, .. queue.SkipLast(changes.Enqueued.Count)];
            }

            _owner.Write(_read with { Trials = trials, Queue = queue, Revision = revision });
            return stored;
        }

        protected override void Dispose(bool disposing)
        {
            _held?.Release();
            _held = null;
        }
    }
}
