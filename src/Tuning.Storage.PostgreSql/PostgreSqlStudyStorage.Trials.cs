using Npgsql;

namespace Tuning.Storage.PostgreSql;

/// <remarks>
/// Transactions are opened and closed by <c>BEGIN</c> and <c>COMMIT</c> commands inside batches, so that a tell takes two
/// round trips and an ask two plus its read: every round trip under a lock lengthens the other workers' wait.
/// </remarks>
public sealed partial class PostgreSqlStudyStorage
{
    /// <summary>Every trial, in primary-key order.</summary>
    private const string AllTrials = $"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 ORDER BY number";

    private const string AskLock = "SELECT 1 FROM studies WHERE id = $1 FOR NO KEY UPDATE";

    private const string TrialsOfToken = $"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 AND ask_token = $2 ORDER BY number";

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter) => _retry.Run((connection, _) =>
    {
        using NpgsqlBatch batch = Batch(connection, Command("SELECT 1 FROM studies WHERE id = $1", studyId), Command(Changed(changedAfter), studyId));
        using NpgsqlDataReader reader = batch.ExecuteReader();
        if (!reader.Read())
        {
            throw NoStudy(studyId);
        }

        reader.NextResult();
        return (IReadOnlyList<StoredTrial>)PostgreSqlTrialRows.ReadAll(reader);
    });

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> StartTrials(
        long studyId, int count, Func<IReadOnlyList<StoredTrial>, int, IReadOnlyList<string>> suggest, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(suggest);
        var token = Guid.NewGuid(); // marks this ask's trials, so that a retry finds them if a lost attempt committed
        return _retry.Run((connection, attempt) => InTransaction(connection, () =>
        {
            TrialHistory history = _histories.GetOrAdd(studyId, _ => new TrialHistory());
            var claimed = new List<(long Position, string Parameters)>();
            List<StoredTrial> changed, ours;
            using (NpgsqlBatch batch = Batch(
                connection,
                Command("BEGIN"),
                Command(AskLock, studyId), // the ask lock first; under it, a lost attempt's trials, the changes, the queue
                Command(TrialsOfToken, studyId, attempt > 1 ? token : Guid.Empty),
                Command(Changed(history.Revision), studyId),
                Command(
                    "DELETE FROM enqueued WHERE position IN (SELECT position FROM enqueued WHERE study_id = $1 ORDER BY position LIMIT $2 FOR UPDATE SKIP LOCKED) "
                    + "RETURNING position, parameters",
                    studyId,
                    count)))
            {
                batch.Timeout = _askTimeoutSeconds;
                using NpgsqlDataReader reader = batch.ExecuteReader(); // BEGIN has no result set
                if (!reader.Read())
                {
                    throw NoStudy(studyId);
                }

                reader.NextResult();
                ours = PostgreSqlTrialRows.ReadAll(reader);
                reader.NextResult();
                changed = PostgreSqlTrialRows.ReadAll(reader);
                reader.NextResult();
                while (reader.Read())
                {
                    claimed.Add((reader.GetInt64(0), reader.GetString(1)));
                }
            }

            if (ours.Count > 0)
            {
                Execute(connection, Command("ROLLBACK")); // puts the queue back: the committed attempt claimed its share
                return ours;
            }

            StoredTrial[] trials = Merge(connection, studyId, history, changed);
            var started = new List<StoredTrial>(count);
            foreach ((long _, string parameters) in claimed.OrderBy(c => c.Position))
            {
                started.Add(NewTrial(trials.Length + started.Count, parameters, now));
            }

            if (started.Count < count)
            {
                int needed = count - started.Count;
                IReadOnlyList<string> suggested = suggest([.. trials, .. started], needed);
                if (suggested is null || suggested.Count != needed)
                {
                    throw new InvalidOperationException($"The suggester returned {suggested?.Count ?? 0} suggestions; {needed} were asked for.");
                }

                foreach (string parameters in suggested)
                {
                    started.Add(NewTrial(trials.Length + started.Count, parameters, now));
                }
            }

            return InsertAndCommit(connection, studyId, token, started);
        }));
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> ImportTrials(long studyId, IReadOnlyList<StoredTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var token = Guid.NewGuid();
        return _retry.Run((connection, attempt) => InTransaction(connection, () =>
        {
            List<StoredTrial> ours;
            int first;
            using (NpgsqlBatch batch = Batch(
                connection,
                Command("BEGIN"),
                Command(AskLock, studyId),
                Command(TrialsOfToken, studyId, attempt > 1 ? token : Guid.Empty),
                Command("SELECT count(*) FROM trials WHERE study_id = $1", studyId)))
            {
                batch.Timeout = _askTimeoutSeconds;
                using NpgsqlDataReader reader = batch.ExecuteReader(); // BEGIN has no result set
                if (!reader.Read())
                {
                    throw NoStudy(studyId);
                }

                reader.NextResult();
                ours = PostgreSqlTrialRows.ReadAll(reader);
                reader.NextResult();
                reader.Read();
                first = (int)reader.GetInt64(0);
            }

            if (ours.Count > 0)
            {
                Execute(connection, Command("ROLLBACK"));
                return ours;
            }

            return InsertAndCommit(connection, studyId, token, [.. trials.Select((t, i) => t with { Number = first + i })]);
        }));
    }

    /// <inheritdoc />
    public StoredTrial FinishTrial(
        long studyId, int number, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);

        // The usual case, a running trial, in one round trip; anything else (a repeated tell, a refused one, a
        // running state) takes the general path, which applies TrialTransitions.Finish to the stored trial.
        StoredTrial? finished = state == TrialState.Running ? null : _retry.Run((connection, _) => InTransaction(connection, () =>
        {
            using NpgsqlBatch batch = Batch(
                connection,
                Command("BEGIN"),
                Command(
                    PostgreSqlTrialRows.FinishRunning,
                    studyId,
                    number,
                    StoredTrialColumns.WriteState(state),
                    StoredTrialColumns.WriteValues(values),
                    (object?)StoredTrialColumns.WriteReason(failReason) ?? DBNull.Value,
                    StoredTrialColumns.WriteTime(now)),
                Command("COMMIT"));
            using NpgsqlDataReader reader = batch.ExecuteReader();
            return reader.Read() ? PostgreSqlTrialRows.Read(reader) : null;
        }));
        return finished ?? Update(studyId, number, (t, _) => TrialTransitions.Finish(t, state, values, failReason, now));
    }

    /// <inheritdoc />
    public StoredTrial AddReport(long studyId, int number, TrialReport report, DateTimeOffset now) =>
        Update(studyId, number, (t, attempt) =>
            attempt > 1 && t.Reports.Count > 0 && t.Reports[^1] == report
                ? t // a lost attempt had committed this very report
                : TrialTransitions.AddReport(t, report, now));

    /// <inheritdoc />
    public StoredTrial SetAttribute(long studyId, int number, string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return Update(studyId, number, (t, _) => t.Attributes.TryGetValue(key, out string? old) && old == value
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

        int[] running = [.. numbers];
        _retry.Run((connection, _) => InTransaction(connection, () =>
        {
            // The revision lock, though no revision is taken, keeps every writer's lock order the same (no deadlocks).
            Execute(
                connection,
                Command("BEGIN"),
                Command("SELECT 1 FROM study_revisions WHERE study_id = $1 FOR NO KEY UPDATE", studyId),
                Command("UPDATE trials SET heartbeat_at = $2 WHERE study_id = $1 AND number = ANY($3) AND state = 'running'", studyId, StoredTrialColumns.WriteTime(now), running),
                Command("COMMIT"));
            return 0;
        }));
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, DateTimeOffset staleBefore, bool requeue, DateTimeOffset now) => _retry.Run((connection, _) =>
    {
        const string Stale = "FROM trials WHERE study_id = $1 AND state = 'running' AND heartbeat_at < $2";
        long before = StoredTrialColumns.WriteTime(staleBefore);
        using (NpgsqlBatch any = Batch(connection, Command($"SELECT EXISTS (SELECT 1 {Stale})", studyId, before)))
        {
            // A plain read first: most checks find nothing, and then take no lock.
            if (!(bool)any.ExecuteScalar()!)
            {
                return (IReadOnlyList<StoredTrial>)[];
            }
        }

        return InTransaction(connection, () =>
        {
            var failed = new List<StoredTrial>();
            long revision;
            using (NpgsqlBatch batch = Batch(
                connection,
                Command("BEGIN"),
                Command("SELECT revision FROM study_revisions WHERE study_id = $1 FOR NO KEY UPDATE", studyId),
                Command($"SELECT {PostgreSqlTrialRows.Columns} {Stale} ORDER BY number", studyId, before)))
            {
                using NpgsqlDataReader reader = batch.ExecuteReader(); // BEGIN has no result set
                revision = reader.Read() ? reader.GetInt64(0) : throw NoStudy(studyId);
                reader.NextResult();
                foreach (StoredTrial trial in PostgreSqlTrialRows.ReadAll(reader))
                {
                    failed.Add(TrialTransitions.Finish(trial, TrialState.Failed, new Dictionary<string, double>(), StaleTrial.Reason, now)
                        with { Revision = ++revision });
                }
            }

            var writes = new List<NpgsqlBatchCommand>();
            foreach (StoredTrial trial in failed)
            {
                var update = new NpgsqlBatchCommand(PostgreSqlTrialRows.Update);
                PostgreSqlTrialRows.BindUpdate(update.Parameters, studyId, trial);
                writes.Add(update);
                if (requeue)
                {
                    writes.Add(Command("INSERT INTO enqueued (study_id, parameters, token) VALUES ($1, $2, $3)", studyId, trial.Parameters, Guid.NewGuid()));
                }
            }

            writes.Add(Command("UPDATE study_revisions SET revision = $2 WHERE study_id = $1", studyId, revision));
            writes.Add(Command("COMMIT"));
            Execute(connection, [.. writes]);
            return failed;
        });
    });

    /// <summary>
    /// The trials changed after a revision. The revision is written into the text, not passed as a parameter: a
    /// prepared statement's generic plan cannot tell that "revision &gt; $2" selects a few rows, and would scan the study.
    /// </summary>
    private static string Changed(long after) => after <= 0
        ? AllTrials
        : $"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 AND revision > {after.ToString(System.Globalization.CultureInfo.InvariantCulture)} ORDER BY number";

    private static StoredTrial NewTrial(int number, string parameters, DateTimeOffset now) => new()
    {
        Number = number,
        State = TrialState.Running,
        Parameters = parameters,
        StartedAt = now,
        HeartbeatAt = now,
    };

    /// <summary>A batch command with positional parameters <c>$1</c>, <c>$2</c>, … of the values' own types.</summary>
    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static NpgsqlBatch Batch(NpgsqlConnection connection, params NpgsqlBatchCommand[] commands)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (NpgsqlBatchCommand command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private static void Execute(NpgsqlConnection connection, params NpgsqlBatchCommand[] commands)
    {
        using NpgsqlBatch batch = Batch(connection, commands);
        batch.ExecuteNonQuery();
    }

    /// <summary>Runs a body that opens a transaction with <c>BEGIN</c>; if it throws, rolls the transaction back before the connection returns to the pool.</summary>
    private static T InTransaction<T>(NpgsqlConnection connection, Func<T> body)
    {
        try
        {
            return body();
        }
        catch
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                try
                {
                    Execute(connection, Command("ROLLBACK"));
                }
                catch (NpgsqlException)
                {
                    // The connection broke; the server rolls the transaction back itself.
                }
            }

            throw;
        }
    }

    /// <summary>Inserts trials (in number order) with the study's next revisions, and commits.</summary>
    private static List<StoredTrial> InsertAndCommit(NpgsqlConnection connection, long studyId, Guid token, List<StoredTrial> trials)
    {
        if (trials.Count == 0)
        {
            Execute(connection, Command("COMMIT"));
            return trials;
        }

        var insert = new NpgsqlBatchCommand(PostgreSqlTrialRows.Insert);
        PostgreSqlTrialRows.BindInsert(insert.Parameters, studyId, token, trials);
        var revisions = new Dictionary<int, long>(trials.Count);
        using (NpgsqlBatch batch = Batch(connection, insert, Command("COMMIT")))
        using (NpgsqlDataReader reader = batch.ExecuteReader())
        {
            while (reader.Read())
            {
                revisions[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        return [.. trials.Select(t => t with { Revision = revisions[t.Number] })];
    }

    /// <summary>
    /// Brings this storage's copy of the study's trials up to date with changes read under the ask lock, and returns
    /// every trial; a gap (never expected) is repaired by reading everything.
    /// </summary>
    private static StoredTrial[] Merge(NpgsqlConnection connection, long studyId, TrialHistory history, List<StoredTrial> changed)
    {
        lock (history)
        {
            if (!history.Merge(changed))
            {
                using NpgsqlBatch all = Batch(connection, Command(AllTrials, studyId));
                using NpgsqlDataReader reader = all.ExecuteReader();
                history.Merge(PostgreSqlTrialRows.ReadAll(reader));
            }

            return [.. history.Trials];
        }
    }

    /// <summary>Changes one trial under the revision lock, giving it the study's next revision unless the change leaves it as it was.</summary>
    private StoredTrial Update(long studyId, int number, Func<StoredTrial, int, StoredTrial> change) => _retry.Run((connection, attempt) => InTransaction(connection, () =>
    {
        long revision;
        StoredTrial current;
        using (NpgsqlBatch batch = Batch(
            connection,
            Command("BEGIN"),
            Command("UPDATE study_revisions SET revision = revision + 1 WHERE study_id = $1 RETURNING revision", studyId),
            Command($"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 AND number = $2", studyId, number)))
        {
            using NpgsqlDataReader reader = batch.ExecuteReader(); // BEGIN has no result set
            revision = reader.Read() ? reader.GetInt64(0) : throw NoStudy(studyId);
            reader.NextResult();
            current = reader.Read() ? PostgreSqlTrialRows.Read(reader) : throw new InvalidOperationException($"The study has no trial {number}.");
        }

        StoredTrial updated = change(current, attempt);
        if (ReferenceEquals(updated, current))
        {
            Execute(connection, Command("ROLLBACK")); // gives the unused revision back
            return current;
        }

        updated = updated with { Revision = revision };
        var update = new NpgsqlBatchCommand(PostgreSqlTrialRows.Update);
        PostgreSqlTrialRows.BindUpdate(update.Parameters, studyId, updated);
        Execute(connection, update, Command("COMMIT"));
        return updated;
    }));
}
