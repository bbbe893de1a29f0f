using Microsoft.Data.Sqlite;

namespace Tuning.Storage.Sqlite;

public sealed partial class SqliteStudyStorage
{
    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter) => Run(connection =>
    {
        using SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        RequireStudy(connection, studyId);
        return ReadChanged(connection, studyId, changedAfter);
    });

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> StartTrials(
        long studyId, int count, Func<IReadOnlyList<StoredTrial>, int, IReadOnlyList<string>> suggest, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(suggest);
        return Run(connection =>
        {
            // The write lock is taken first and held to the commit: no other ask or tell, in any process, runs meanwhile.
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            long revision = RequireStudy(connection, studyId);
            StoredTrial[] history = History(connection, studyId);
            var started = new List<StoredTrial>(count);
            var claimedIds = new List<long>();
            using (SqliteCommand claim = connection.CreateCommand())
            {
                claim.CommandText = "SELECT id, parameters FROM enqueued WHERE study_id = $study ORDER BY id LIMIT $count";
                claim.Parameters.AddWithValue("$study", studyId);
                claim.Parameters.AddWithValue("$count", count);
                using SqliteDataReader reader = claim.ExecuteReader();
                while (reader.Read())
                {
                    claimedIds.Add(reader.GetInt64(0));
                    started.Add(NewTrial(history.Length + started.Count, reader.GetString(1), now, ++revision));
                }
            }

            if (started.Count < count)
            {
                int needed = count - started.Count;
                IReadOnlyList<string> suggested = suggest([.. history, .. started], needed);
                if (suggested is null || suggested.Count != needed)
                {
                    throw new InvalidOperationException($"The suggester returned {suggested?.Count ?? 0} suggestions; {needed} were asked for.");
                }

                foreach (string parameters in suggested)
                {
                    started.Add(NewTrial(history.Length + started.Count, parameters, now, ++revision));
                }
            }

            InsertTrials(connection, studyId, started);
            using (SqliteCommand delete = connection.CreateCommand())
            {
                delete.CommandText = "DELETE FROM enqueued WHERE id = $id";
                SqliteParameter id = delete.Parameters.Add("$id", SqliteType.Integer);
                foreach (long claimed in claimedIds)
                {
                    id.Value = claimed;
                    delete.ExecuteNonQuery();
                }
            }

            SetRevision(connection, studyId, revision);
            transaction.Commit();
            return started;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> ImportTrials(long studyId, IReadOnlyList<StoredTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return Run(connection =>
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            long revision = RequireStudy(connection, studyId);
            using SqliteCommand countTrials = connection.CreateCommand();
            countTrials.CommandText = "SELECT count(*) FROM trials WHERE study_id = $study";
            countTrials.Parameters.AddWithValue("$study", studyId);
            int first = (int)(long)countTrials.ExecuteScalar()!;
            List<StoredTrial> imported = [.. trials.Select((t, i) => t with { Number = first + i, Revision = ++revision })];
            InsertTrials(connection, studyId, imported);
            SetRevision(connection, studyId, revision);
            transaction.Commit();
            return imported;
        });
    }

    /// <inheritdoc />
    public StoredTrial FinishTrial(
        long studyId, int number, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Update(studyId, number, t => TrialTransitions.Finish(t, state, values, failReason, now));
    }

    /// <inheritdoc />
    public StoredTrial AddReport(long studyId, int number, TrialReport report, DateTimeOffset now) =>
        Update(studyId, number, t => TrialTransitions.AddReport(t, report, now));

    /// <inheritdoc />
    public StoredTrial SetAttribute(long studyId, int number, string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return Update(studyId, number, t => t.Attributes.TryGetValue(key, out string? old) && old == value
            ? t
            : t with { Attributes = new Dictionary<string, string>(t.Attributes, StringComparer.Ordinal) { [key] = value } });
    }

    /// <inheritdoc />
    public void Heartbeat(long studyId, IReadOnlyCollection<int> numbers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (numbers.Count == 0)
        {
            return;
        }

        Run(connection =>
        {
            using SqliteCommand beat = connection.CreateCommand();
            beat.CommandText = "UPDATE trials SET heartbeat_at = $now WHERE study_id = $study AND state = 'running' "
                + "AND number IN (SELECT value FROM json_each($numbers))";
            beat.Parameters.AddWithValue("$now", StoredTrialColumns.WriteTime(now));
            beat.Parameters.AddWithValue("$study", studyId);
            beat.Parameters.AddWithValue("$numbers", "[" + string.Join(',', numbers) + "]");
            return beat.ExecuteNonQuery();
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, DateTimeOffset staleBefore, bool requeue, DateTimeOffset now) => Run(connection =>
    {
        const string Stale = "FROM trials WHERE study_id = $study AND state = 'running' AND heartbeat_at < $before";
        using (SqliteCommand any = connection.CreateCommand())
        {
            // A read first: most checks find nothing, and then no write lock is taken.
            any.CommandText = $"SELECT EXISTS (SELECT 1 {Stale})";
            any.Parameters.AddWithValue("$study", studyId);
            any.Parameters.AddWithValue("$before", StoredTrialColumns.WriteTime(staleBefore));
            if ((long)any.ExecuteScalar()! == 0)
            {
                return (IReadOnlyList<StoredTrial>)[];
            }
        }

        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        long revision = RequireStudy(connection, studyId);
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = $"SELECT {SqliteTrialRows.Columns} {Stale} ORDER BY number";
        select.Parameters.AddWithValue("$study", studyId);
        select.Parameters.AddWithValue("$before", StoredTrialColumns.WriteTime(staleBefore));
        var failed = new List<StoredTrial>();
        foreach (StoredTrial trial in SqliteTrialRows.ReadAll(select))
        {
            failed.Add(TrialTransitions.Finish(trial, TrialState.Failed, new Dictionary<string, double>(), StaleTrial.Reason, now)
                with { Revision = ++revision });
        }

        using SqliteCommand update = connection.CreateCommand();
        update.CommandText = SqliteTrialRows.Update;
        using SqliteCommand enqueue = connection.CreateCommand();
        enqueue.CommandText = "INSERT INTO enqueued (study_id, parameters) VALUES ($study, $parameters)";
        foreach (StoredTrial trial in failed)
        {
            SqliteTrialRows.Bind(update, studyId, trial);
            update.ExecuteNonQuery();
            if (requeue)
            {
                enqueue.Parameters.Clear();
                enqueue.Parameters.AddWithValue("$study", studyId);
                enqueue.Parameters.AddWithValue("$parameters", trial.Parameters);
                enqueue.ExecuteNonQuery();
            }
        }

        SetRevision(connection, studyId, revision);
        transaction.Commit();
        return failed;
    });

    private static StoredTrial NewTrial(int number, string parameters, DateTimeOffset now, long revision) => new()
    {
        Number = number,
        State = TrialState.Running,
        Parameters = parameters,
        StartedAt = now,
        HeartbeatAt = now,
        Revision = revision,
    };

    private static List<StoredTrial> ReadChanged(SqliteConnection connection, long studyId, long changedAfter)
    {
        using SqliteCommand read = connection.CreateCommand();
        // Everything is read in primary-key order; a few changes through the revision index, then sorted.
        read.CommandText = changedAfter <= 0
            ? $"SELECT {SqliteTrialRows.Columns} FROM trials WHERE study_id = $study ORDER BY number"
            : $"SELECT {SqliteTrialRows.Columns} FROM trials WHERE study_id = $study AND revision > $after ORDER BY number";
        read.Parameters.AddWithValue("$study", studyId);
        read.Parameters.AddWithValue("$after", changedAfter);
        return SqliteTrialRows.ReadAll(read);
    }

    private static void InsertTrials(SqliteConnection connection, long studyId, IEnumerable<StoredTrial> trials)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = SqliteTrialRows.Insert;
        foreach (StoredTrial trial in trials)
        {
            SqliteTrialRows.Bind(insert, studyId, trial);
            insert.ExecuteNonQuery();
        }
    }

    private static void SetRevision(SqliteConnection connection, long studyId, long revision)
    {
        using SqliteCommand update = connection.CreateCommand();
        update.CommandText = "UPDATE studies SET revision = $revision WHERE id = $study";
        update.Parameters.AddWithValue("$revision", revision);
        update.Parameters.AddWithValue("$study", studyId);
        update.ExecuteNonQuery();
    }

    /// <summary>
    /// The study's every trial, from this storage's copy brought up to date with the changes since its revision.
    /// Call inside the write transaction, so that no change is committed meanwhile.
    /// </summary>
    private StoredTrial[] History(SqliteConnection connection, long studyId)
    {
        TrialHistory history = _histories.GetOrAdd(studyId, _ => new TrialHistory());
        lock (history)
        {
            if (!history.Merge(ReadChanged(connection, studyId, history.Revision)))
            {
                history.Merge(ReadChanged(connection, studyId, 0));
            }

            return [.. history.Trials];
        }
    }

    /// <summary>Changes one trial under the write lock, giving it the study's next revision unless the change leaves it as it was.</summary>
    private StoredTrial Update(long studyId, int number, Func<StoredTrial, StoredTrial> change) => Run(connection =>
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        long revision = RequireStudy(connection, studyId);
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = $"SELECT {SqliteTrialRows.Columns} FROM trials WHERE study_id = $study AND number = $number";
        select.Parameters.AddWithValue("$study", studyId);
        select.Parameters.AddWithValue("$number", number);
        StoredTrial current = SqliteTrialRows.ReadAll(select).FirstOrDefault()
            ?? throw new InvalidOperationException($"The study has no trial {number}.");
        StoredTrial updated = change(current);
        if (ReferenceEquals(updated, current))
        {
            return current;
        }

        updated = updated with { Revision = revision + 1 };
        using SqliteCommand update = connection.CreateCommand();
        update.CommandText = SqliteTrialRows.Update;
        SqliteTrialRows.Bind(update, studyId, updated);
        update.ExecuteNonQuery();
        SetRevision(connection, studyId, revision + 1);
        transaction.Commit();
        return updated;
    });
}
