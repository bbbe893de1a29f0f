using Npgsql;

namespace Tuning.Storage.PostgreSql;

public sealed partial class PostgreSqlStudyStorage
{
    private const string ChangedTrials = $"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 AND revision > $2 ORDER BY number";

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter) => _retry.Run((connection, _) =>
    {
        using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("SELECT 1 FROM studies WHERE id = $1", studyId),
                Command(ChangedTrials, studyId, changedAfter),
            },
        };
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
        return _retry.Run((connection, attempt) =>
        {
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            TrialHistory history = _histories.GetOrAdd(studyId, _ => new TrialHistory());
            var claimed = new List<(long Position, string Parameters)>();
            List<StoredTrial> changed, ours;
            using (var batch = new NpgsqlBatch(connection, transaction) { Timeout = _askTimeoutSeconds })
            {
                // The ask lock first; then, under it, this ask's trials from a lost attempt, the changes, and the queue.
                batch.BatchCommands.Add(Command("SELECT 1 FROM studies WHERE id = $1 FOR NO KEY UPDATE", studyId));
                batch.BatchCommands.Add(Command(
                    $"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 AND ask_token = $2 ORDER BY number", studyId, attempt > 1 ? token : Guid.Empty));
                batch.BatchCommands.Add(Command(ChangedTrials, studyId, history.Revision));
                batch.BatchCommands.Add(Command(
                    "DELETE FROM enqueued WHERE position IN (SELECT position FROM enqueued WHERE study_id = $1 ORDER BY position LIMIT $2 FOR UPDATE SKIP LOCKED) "
                    + "RETURNING position, parameters",
                    studyId,
                    count));
                using NpgsqlDataReader reader = batch.ExecuteReader();
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
                transaction.Rollback(); // puts the queue back: the committed attempt claimed its share
                return ours;
            }

            StoredTrial[] trials = Merge(connection, transaction, studyId, history, changed);
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

            long first = NextRevisions(connection, transaction, studyId, started.Count);
            List<StoredTrial> stored = [.. started.Select((t, i) => t with { Revision = first + i })];
            Insert(connection, transaction, studyId, token, stored);
            transaction.Commit();
            return stored;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> ImportTrials(long studyId, IReadOnlyList<StoredTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var token = Guid.NewGuid();
        return _retry.Run((connection, attempt) =>
        {
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            using (NpgsqlCommand askLock = Sql(connection, transaction, "SELECT 1 FROM studies WHERE id = $1 FOR NO KEY UPDATE", studyId))
            {
                askLock.CommandTimeout = _askTimeoutSeconds;
                if (askLock.ExecuteScalar() is null)
                {
                    throw NoStudy(studyId);
                }
            }

            using (NpgsqlCommand ours = Sql(connection, transaction, $"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 AND ask_token = $2 ORDER BY number", studyId, token))
            {
                using NpgsqlDataReader reader = ours.ExecuteReader();
                List<StoredTrial> committed = PostgreSqlTrialRows.ReadAll(reader);
                if (attempt > 1 && committed.Count > 0)
                {
                    return (IReadOnlyList<StoredTrial>)committed;
                }
            }

            using NpgsqlCommand countTrials = Sql(connection, transaction, "SELECT count(*) FROM trials WHERE study_id = $1", studyId);
            int firstNumber = (int)(long)countTrials.ExecuteScalar()!;
            long firstRevision = trials.Count == 0 ? 0 : NextRevisions(connection, transaction, studyId, trials.Count);
            List<StoredTrial> imported = [.. trials.Select((t, i) => t with { Number = firstNumber + i, Revision = firstRevision + i })];
            Insert(connection, transaction, studyId, token, imported);
            transaction.Commit();
            return imported;
        });
    }

    /// <inheritdoc />
    public StoredTrial FinishTrial(
        long studyId, int number, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Update(studyId, number, (t, _) => TrialTransitions.Finish(t, state, values, failReason, now));
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
        _retry.Run((connection, _) =>
        {
            // The revision lock, though no revision is taken, keeps every writer's lock order the same (no deadlocks).
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    Command("SELECT 1 FROM study_revisions WHERE study_id = $1 FOR NO KEY UPDATE", studyId),
                    Command("UPDATE trials SET heartbeat_at = $2 WHERE study_id = $1 AND number = ANY($3) AND state = 'running'", studyId, StoredTrialColumns.WriteTime(now), running),
                },
            };
            batch.ExecuteNonQuery();
            transaction.Commit();
            return 0;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, DateTimeOffset staleBefore, bool requeue, DateTimeOffset now) => _retry.Run((connection, _) =>
    {
        const string Stale = "FROM trials WHERE study_id = $1 AND state = 'running' AND heartbeat_at < $2";
        long before = StoredTrialColumns.WriteTime(staleBefore);
        using (NpgsqlCommand any = Sql(connection, null, $"SELECT EXISTS (SELECT 1 {Stale})", studyId, before))
        {
            // A plain read first: most checks find nothing, and then take no lock.
            if (!(bool)any.ExecuteScalar()!)
            {
                return (IReadOnlyList<StoredTrial>)[];
            }
        }

        using NpgsqlTransaction transaction = connection.BeginTransaction();
        var failed = new List<StoredTrial>();
        long revision;
        using (var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("SELECT revision FROM study_revisions WHERE study_id = $1 FOR NO KEY UPDATE", studyId),
                Command($"SELECT {PostgreSqlTrialRows.Columns} {Stale} ORDER BY number", studyId, before),
            },
        })
        {
            using NpgsqlDataReader reader = batch.ExecuteReader();
            revision = reader.Read() ? reader.GetInt64(0) : throw NoStudy(studyId);
            reader.NextResult();
            foreach (StoredTrial trial in PostgreSqlTrialRows.ReadAll(reader))
            {
                failed.Add(TrialTransitions.Finish(trial, TrialState.Failed, new Dictionary<string, double>(), StaleTrial.Reason, now)
                    with { Revision = ++revision });
            }
        }

        if (failed.Count == 0)
        {
            return failed;
        }

        using (var writes = new NpgsqlBatch(connection, transaction))
        {
            foreach (StoredTrial trial in failed)
            {
                var update = new NpgsqlBatchCommand(PostgreSqlTrialRows.Update);
                PostgreSqlTrialRows.BindUpdate(update.Parameters, studyId, trial);
                writes.BatchCommands.Add(update);
                if (requeue)
                {
                    writes.BatchCommands.Add(Command("INSERT INTO enqueued (study_id, parameters, token) VALUES ($1, $2, $3)", studyId, trial.Parameters, Guid.NewGuid()));
                }
            }

            writes.BatchCommands.Add(Command("UPDATE study_revisions SET revision = $2 WHERE study_id = $1", studyId, revision));
            writes.ExecuteNonQuery();
        }

        transaction.Commit();
        return failed;
    });

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

    /// <summary>A command with positional parameters <c>$1</c>, <c>$2</c>, … of the values' own types.</summary>
    private static NpgsqlCommand Sql(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>Takes <paramref name="count"/> revisions of the study, under its revision lock (held to the commit); returns the first.</summary>
    private long NextRevisions(NpgsqlConnection connection, NpgsqlTransaction transaction, long studyId, int count)
    {
        using var next = new NpgsqlCommand("UPDATE study_revisions SET revision = revision + $2 WHERE study_id = $1 RETURNING revision", connection, transaction);
        next.Parameters.Add(new NpgsqlParameter<long> { TypedValue = studyId });
        next.Parameters.Add(new NpgsqlParameter<long> { TypedValue = count });
        return next.ExecuteScalar() is long last ? last - count + 1 : throw NoStudy(studyId);
    }

    private static void Insert(NpgsqlConnection connection, NpgsqlTransaction transaction, long studyId, Guid token, List<StoredTrial> trials)
    {
        if (trials.Count == 0)
        {
            return;
        }

        using var insert = new NpgsqlCommand(PostgreSqlTrialRows.Insert, connection, transaction);
        PostgreSqlTrialRows.BindInsert(insert.Parameters, studyId, token, trials);
        insert.ExecuteNonQuery();
    }

    /// <summary>
    /// Brings this storage's copy of the study's trials up to date with changes read under the ask lock, and returns
    /// every trial; a gap (never expected) is repaired by reading everything.
    /// </summary>
    private static StoredTrial[] Merge(NpgsqlConnection connection, NpgsqlTransaction transaction, long studyId, TrialHistory history, List<StoredTrial> changed)
    {
        lock (history)
        {
            if (!history.Merge(changed))
            {
                using var all = new NpgsqlCommand(ChangedTrials, connection, transaction);
                all.Parameters.Add(new NpgsqlParameter<long> { TypedValue = studyId });
                all.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
                using NpgsqlDataReader reader = all.ExecuteReader();
                history.Merge(PostgreSqlTrialRows.ReadAll(reader));
            }

            return [.. history.Trials];
        }
    }

    /// <summary>Changes one trial under the revision lock, giving it the study's next revision unless the change leaves it as it was.</summary>
    private StoredTrial Update(long studyId, int number, Func<StoredTrial, int, StoredTrial> change) => _retry.Run((connection, attempt) =>
    {
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        long revision;
        StoredTrial current;
        using (var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("UPDATE study_revisions SET revision = revision + 1 WHERE study_id = $1 RETURNING revision", studyId),
                Command($"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 AND number = $2", studyId, number),
            },
        })
        {
            using NpgsqlDataReader reader = batch.ExecuteReader();
            revision = reader.Read() ? reader.GetInt64(0) : throw NoStudy(studyId);
            reader.NextResult();
            current = reader.Read() ? PostgreSqlTrialRows.Read(reader) : throw new InvalidOperationException($"The study has no trial {number}.");
        }

        StoredTrial updated = change(current, attempt);
        if (ReferenceEquals(updated, current))
        {
            transaction.Rollback(); // gives the unused revision back
            return current;
        }

        updated = updated with { Revision = revision };
        using var update = new NpgsqlCommand(PostgreSqlTrialRows.Update, connection, transaction);
        PostgreSqlTrialRows.BindUpdate(update.Parameters, studyId, updated);
        update.ExecuteNonQuery();
        transaction.Commit();
        return updated;
    });
}
