namespace Tuning;

/// <summary>
/// Keeps studies in this process's memory: the default storage, fast and thread-safe, gone when the process ends.
/// One instance can hold many studies, and several <see cref="Study"/> objects can share it.
/// </summary>
public sealed class InMemoryStudyStorage : IStudyStorage
{
    private readonly Lock _gate = new();
    private readonly List<StudyEntry> _studies = [];

    /// <inheritdoc />
    public StoredStudy CreateStudy(string name, string definition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate)
        {
            if (_studies.Any(s => s.Study.Name == name))
            {
                throw new InvalidOperationException($"A study named '{name}' already exists in this storage.");
            }

            var study = new StoredStudy(_studies.Count + 1, name, definition, DateTimeOffset.UtcNow);
            _studies.Add(new StudyEntry(study));
            return study;
        }
    }

    /// <inheritdoc />
    public StoredStudy? FindStudy(string name)
    {
        lock (_gate)
        {
            return _studies.Find(s => s.Study.Name == name)?.Study;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredStudy> ListStudies()
    {
        lock (_gate)
        {
            return [.. _studies.Select(s => s.Study)];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter)
    {
        lock (_gate)
        {
            return [.. Entry(studyId).Trials.Where(t => t.Revision > changedAfter)];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> StartTrials(
        long studyId, int count, Func<IReadOnlyList<StoredTrial>, int, IReadOnlyList<string>> suggest, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(suggest);
        lock (_gate)
        {
            StudyEntry entry = Entry(studyId);
            long revision = entry.Revision;
            var started = new List<StoredTrial>(count);
            int claimed = Math.Min(count, entry.Queue.Count);
            foreach (string parameters in entry.Queue.Take(claimed))
            {
                started.Add(NewTrial(entry.Trials.Count + started.Count, parameters, now, ++revision));
            }

            if (started.Count < count)
            {
                // The claimed trials are pending for the suggester; nothing is committed until it succeeds.
                int needed = count - started.Count;
                IReadOnlyList<string> suggested = suggest([.. entry.Trials, .. started], needed);
                if (suggested.Count != needed)
                {
                    throw new InvalidOperationException($"The suggester returned {suggested.Count} suggestions; {needed} were asked for.");
                }

                foreach (string parameters in suggested)
                {
                    started.Add(NewTrial(entry.Trials.Count + started.Count, parameters, now, ++revision));
                }
            }

            for (int i = 0; i < claimed; i++)
            {
                entry.Queue.Dequeue();
            }

            entry.Trials.AddRange(started);
            entry.Revision = revision;
            return started;
        }
    }

    /// <inheritdoc />
    public void Enqueue(long studyId, string parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        lock (_gate)
        {
            Entry(studyId).Queue.Enqueue(parameters);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ReadEnqueued(long studyId)
    {
        lock (_gate)
        {
            return [.. Entry(studyId).Queue];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> ImportTrials(long studyId, IReadOnlyList<StoredTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        lock (_gate)
        {
            StudyEntry entry = Entry(studyId);
            var imported = new List<StoredTrial>(trials.Count);
            foreach (StoredTrial trial in trials)
            {
                StoredTrial stored = trial with { Number = entry.Trials.Count, Revision = ++entry.Revision };
                entry.Trials.Add(stored);
                imported.Add(stored);
            }

            return imported;
        }
    }

    /// <inheritdoc />
    public StoredTrial FinishTrial(
        long studyId, int number, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now) =>
        Update(studyId, number, t => TrialTransitions.Finish(t, state, values, failReason, now));

    /// <inheritdoc />
    public StoredTrial AddReport(long studyId, int number, TrialReport report, DateTimeOffset now) =>
        Update(studyId, number, t => TrialTransitions.AddReport(t, report, now));

    /// <inheritdoc />
    public StoredTrial SetAttribute(long studyId, int number, string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return Update(studyId, number, t => t with
        {
            Attributes = new Dictionary<string, string>(t.Attributes, StringComparer.Ordinal) { [key] = value },
        });
    }

    /// <inheritdoc />
    public void Heartbeat(long studyId, IReadOnlyCollection<int> numbers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        lock (_gate)
        {
            StudyEntry entry = Entry(studyId);
            foreach (int n in numbers)
            {
                if (n >= 0 && n < entry.Trials.Count && entry.Trials[n].State == TrialState.Running)
                {
                    entry.Trials[n] = entry.Trials[n] with { HeartbeatAt = now };
                }
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, DateTimeOffset staleBefore, bool requeue, DateTimeOffset now)
    {
        lock (_gate)
        {
            StudyEntry entry = Entry(studyId);
            var failed = new List<StoredTrial>();
            for (int n = 0; n < entry.Trials.Count; n++)
            {
                StoredTrial t = entry.Trials[n];
                if (t.State == TrialState.Running && t.HeartbeatAt < staleBefore)
                {
                    entry.Trials[n] = TrialTransitions.Finish(t, TrialState.Failed, new Dictionary<string, double>(), StaleTrial.Reason, now)
                        with { Revision = ++entry.Revision };
                    failed.Add(entry.Trials[n]);
                    if (requeue)
                    {
                        entry.Queue.Enqueue(t.Parameters);
                    }
                }
            }

            return failed;
        }
    }

    private static StoredTrial NewTrial(int number, string parameters, DateTimeOffset now, long revision) => new()
    {
        Number = number,
        State = TrialState.Running,
        Parameters = parameters,
        StartedAt = now,
        HeartbeatAt = now,
        Revision = revision,
    };

    private StoredTrial Update(long studyId, int number, Func<StoredTrial, StoredTrial> change)
    {
        lock (_gate)
        {
            StudyEntry entry = Entry(studyId);
            if (number < 0 || number >= entry.Trials.Count)
            {
                throw new InvalidOperationException($"The study has no trial {number}.");
            }

            StoredTrial current = entry.Trials[number];
            StoredTrial updated = change(current);
            if (!ReferenceEquals(updated, current))
            {
                updated = updated with { Revision = ++entry.Revision };
                entry.Trials[number] = updated;
            }

            return updated;
        }
    }

    private StudyEntry Entry(long studyId) =>
        studyId >= 1 && studyId <= _studies.Count
            ? _studies[(int)studyId - 1]
            : throw new InvalidOperationException($"This storage has no study with id {studyId}.");

    private sealed class StudyEntry(StoredStudy study)
    {
        public StoredStudy Study { get; } = study;

        public List<StoredTrial> Trials { get; } = [];

        public Queue<string> Queue { get; } = new();

        public long Revision { get; set; }
    }
}
