namespace Tuning;

/// <summary>
/// Keeps studies in this process's memory: the default storage, fast and thread-safe, gone when the process ends.
/// One instance can hold many studies, and several <see cref="Study"/> objects can share it.
/// </summary>
/// <remarks>
/// One lock guards every study: a transaction (see <see cref="TransactionalStudyStorage"/>) holds it from its start to
/// its commit, so both the ask lock and the write lock of every study are that one lock.
/// </remarks>
public sealed class InMemoryStudyStorage : TransactionalStudyStorage
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, StudyEntry> _studies = [];
    private long _lastId;

    /// <inheritdoc />
    public override StoredStudy? FindStudy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return _studies.Values.FirstOrDefault(s => s.Study.Name == name)?.Study;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<StoredStudy> ListStudies()
    {
        lock (_gate)
        {
            return [.. _studies.Values.Select(s => s.Study)];
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter)
    {
        lock (_gate)
        {
            return Entry(studyId).ChangedAfter(changedAfter);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> ReadEnqueued(long studyId)
    {
        lock (_gate)
        {
            return [.. Entry(studyId).Queue];
        }
    }

    /// <inheritdoc />
    protected override StudyTransaction Begin(long studyId, TransactionReads reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        _gate.Enter();
        try
        {
            return new Transaction(this, Entry(studyId), reads);
        }
        catch
        {
            _gate.Exit();
            throw;
        }
    }

    /// <inheritdoc />
    protected override StoredStudy CreateStudyCore(
        string name, string definition, IReadOnlyList<StoredTrial> trials, IReadOnlyList<string> enqueued, Guid operation, int attempt)
    {
        lock (_gate)
        {
            if (_studies.Values.Any(s => s.Study.Name == name))
            {
                throw new InvalidOperationException($"A study named '{name}' already exists in this storage.");
            }

            var entry = new StudyEntry(new StoredStudy(++_lastId, name, definition, DateTimeOffset.UtcNow));
            foreach (StoredTrial trial in trials)
            {
                entry.Add(trial);
            }

            entry.Revision = trials.Count;
            foreach (string parameters in enqueued)
            {
                entry.Queue.Enqueue(parameters);
            }

            _studies.Add(entry.Study.Id, entry);
            return entry.Study;
        }
    }

    /// <inheritdoc />
    protected override StoredStudy RenameStudyCore(long studyId, string newName)
    {
        lock (_gate)
        {
            StudyEntry entry = Entry(studyId);
            if (_studies.Values.Any(s => s.Study.Name == newName && s != entry))
            {
                throw new InvalidOperationException($"A study named '{newName}' already exists in this storage.");
            }

            entry.Study = entry.Study with { Name = newName };
            return entry.Study;
        }
    }

    /// <inheritdoc />
    protected override void DeleteStudyCore(long studyId)
    {
        lock (_gate)
        {
            _studies.Remove(Entry(studyId).Study.Id);
        }
    }

    /// <inheritdoc />
    protected override void EnqueueCore(long studyId, string parameters)
    {
        lock (_gate)
        {
            Entry(studyId).Queue.Enqueue(parameters);
        }
    }

    /// <inheritdoc />
    protected override void HeartbeatCore(long studyId, IReadOnlyCollection<int> numbers, DateTimeOffset now)
    {
        lock (_gate)
        {
            StudyEntry entry = Entry(studyId);
            System.Collections.ObjectModel.ReadOnlyCollection<StoredTrial> trials = entry.Trials;
            foreach (int n in numbers)
            {
                if (n >= 0 && n < trials.Count && trials[n].State == TrialState.Running)
                {
                    entry.Replace(trials[n] with { HeartbeatAt = now });
                }
            }
        }
    }

    private StudyEntry Entry(long studyId) =>
        _studies.TryGetValue(studyId, out StudyEntry? entry)
            ? entry
            : throw new InvalidOperationException($"This storage has no study with id {studyId}.");

    /// <summary>
    /// A study's trials, queue and revision. Its trials are also kept in revision order, so that reading the few trials
    /// changed since a revision (at every ask and refresh) does not look at every trial of a large study.
    /// </summary>
    private sealed class StudyEntry
    {
        private readonly List<StoredTrial> _trials = [];
        private readonly SortedSet<(long Revision, int Number)> _byRevision = [];

        public StudyEntry(StoredStudy study)
        {
            Study = study;
            Trials = _trials.AsReadOnly();
        }

        public StoredStudy Study { get; set; }

        /// <summary>Gets the trials, by number, as a live view; they change through <see cref="Add"/> and <see cref="Replace"/> only.</summary>
        public System.Collections.ObjectModel.ReadOnlyCollection<StoredTrial> Trials { get; }

        public Queue<string> Queue { get; } = new();

        public long Revision { get; set; }

        /// <summary>Adds the next trial by number.</summary>
        public void Add(StoredTrial trial)
        {
            _trials.Add(trial);
            _byRevision.Add((trial.Revision, trial.Number));
        }

        /// <summary>Replaces the trial of the same number.</summary>
        public void Replace(StoredTrial trial)
        {
            _byRevision.Remove((_trials[trial.Number].Revision, trial.Number));
            _trials[trial.Number] = trial;
            _byRevision.Add((trial.Revision, trial.Number));
        }

        /// <summary>The trials whose revision is above <paramref name="revision"/>, in number order: O(k log n) for k of them.</summary>
        public List<StoredTrial> ChangedAfter(long revision)
        {
            if (revision == long.MaxValue)
            {
                return [];
            }

            List<StoredTrial> changed = [.. _byRevision.GetViewBetween((revision + 1, int.MinValue), (long.MaxValue, int.MaxValue)).Select(r => _trials[r.Number])];
            changed.Sort((a, b) => a.Number.CompareTo(b.Number));
            return changed;
        }
    }

    /// <summary>A transaction that holds the storage's lock from its start until it is disposed.</summary>
    private sealed class Transaction : StudyTransaction
    {
        private readonly InMemoryStudyStorage _owner;
        private readonly StudyEntry _entry;
        private bool _released;

        public Transaction(InMemoryStudyStorage owner, StudyEntry entry, TransactionReads reads)
        {
            _owner = owner;
            _entry = entry;
            System.Collections.ObjectModel.ReadOnlyCollection<StoredTrial> trials = entry.Trials;
            NextNumber = trials.Count;
            if (reads.ChangedAfter is long after)
            {
                Changed = entry.ChangedAfter(after);
            }

            if (reads.TrialNumber is int number && number >= 0 && number < trials.Count)
            {
                Trial = trials[number];
            }

            if (reads.StaleBefore is DateTimeOffset before)
            {
                Stale = [.. trials.Where(t => t.State == TrialState.Running && t.HeartbeatAt < before)];
            }

            Claimed = [.. entry.Queue.Take(reads.Claim)];
        }

        protected override IReadOnlyList<StoredTrial> CommitCore(TransactionChanges changes)
        {
            // Checked before anything changes, so that a refused commit changes nothing.
            for (int i = 0; i < changes.Inserted.Count; i++)
            {
                if (changes.Inserted[i].Number != _entry.Trials.Count + i)
                {
                    throw new InvalidOperationException($"Trial {changes.Inserted[i].Number} would leave a gap: the study has {_entry.Trials.Count + i} trials.");
                }
            }

            if (changes.Updated.Any(t => t.Number < 0 || t.Number >= _entry.Trials.Count))
            {
                throw new InvalidOperationException("An updated trial is not a trial of the study.");
            }

            var stored = new List<StoredTrial>(changes.Inserted.Count + changes.Updated.Count);
            foreach (StoredTrial trial in changes.Inserted)
            {
                StoredTrial added = trial with { Revision = ++_entry.Revision };
                _entry.Add(added);
                stored.Add(added);
            }

            foreach (StoredTrial trial in changes.Updated)
            {
                StoredTrial updated = trial with { Revision = ++_entry.Revision };
                _entry.Replace(updated);
                stored.Add(updated);
            }

            for (int i = 0; i < Claimed.Count; i++)
            {
                _entry.Queue.Dequeue();
            }

            foreach (string parameters in changes.Enqueued)
            {
                _entry.Queue.Enqueue(parameters);
            }

            return stored;
        }

        protected override void Dispose(bool disposing)
        {
            if (!_released)
            {
                _released = true;
                _owner._gate.Exit();
            }
        }
    }
}
