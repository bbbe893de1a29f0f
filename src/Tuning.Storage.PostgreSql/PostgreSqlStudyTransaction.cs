using Npgsql;

namespace Tuning.Storage.PostgreSql;

/// <summary>
/// A transaction of a <see cref="PostgreSqlStudyStorage"/>, read in one round trip and committed in another. The ask
/// lock is a row lock on the study (<c>FOR NO KEY UPDATE</c>, which does not block inserts that reference it); the write
/// lock is a row lock on the study's revision counter. An ask holds only the ask lock while its proposer runs, so tells
/// and reports go on meanwhile; it takes the revision lock in the statement that inserts its trials, just before the
/// commit. Every transaction takes its locks in the same order (ask, revision, trials), so none can deadlock.
/// </summary>
internal sealed class PostgreSqlStudyTransaction : StudyTransaction
{
    /// <summary>The SQLSTATE of a session the server ended for staying idle in a transaction too long.</summary>
    internal const string IdleInTransactionSessionTimeout = "25P03";

    private const string TrialsOfToken = $"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 AND ask_token = $2 ORDER BY number";

    private readonly NpgsqlConnection _connection;
    private readonly long _studyId;
    private readonly bool _askLock;
    private readonly long _revision;

    public PostgreSqlStudyTransaction(PostgreSqlStudyStorage storage, NpgsqlConnection connection, long studyId, TransactionReads reads, int askTimeoutSeconds, ServerKeepalive? keepalive)
    {
        _connection = connection;
        _studyId = studyId;
        _askLock = reads.AskLock;
        var commands = new List<NpgsqlBatchCommand> { PostgreSqlStudyStorage.Command("BEGIN") };

        // The transaction spans two round trips, and an ask's holds the study's lock while its suggester runs: a worker
        // whose machine dies in between must not keep the lock until the server's own keepalive (hours) notices.
        commands.AddRange(keepalive?.SetLocal() ?? []);

        // Asks take turns for up to the ask timeout (the batch's own timeout, below), and writes wait for the other
        // writers' commits for up to the command timeout: a server's or role's shorter statement or lock timeout would
        // cut the wait short.
        commands.AddRange(PostgreSqlStudyStorage.WaitForLocks());

        commands.Add(_askLock
            ? PostgreSqlStudyStorage.Command("SELECT 0::bigint FROM studies WHERE id = $1 FOR NO KEY UPDATE", studyId)
            : PostgreSqlStudyStorage.Command("SELECT revision FROM study_revisions WHERE study_id = $1 FOR NO KEY UPDATE", studyId));
        if (reads.EarlierAttemptOf is Guid operation)
        {
            commands.Add(PostgreSqlStudyStorage.Command(TrialsOfToken, studyId, operation));
        }

        if (reads.ChangedAfter is long after)
        {
            commands.Add(PostgreSqlStudyStorage.Command(PostgreSqlStudyStorage.Changed(after), studyId));
        }

        if (reads.TrialNumber is int number)
        {
            commands.Add(PostgreSqlStudyStorage.Command($"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 AND number = $2", studyId, number));
        }

        if (reads.StaleBefore is DateTimeOffset before)
        {
            commands.Add(PostgreSqlStudyStorage.Command(PostgreSqlStudyStorage.StaleTrials, studyId, StoredTrialCodec.WriteTime(before)));
        }

        if (reads.Claim > 0)
        {
            // The claim is a MATERIALIZED CTE, run once: as "position IN (subquery … LIMIT)" the planner may pick a nested-loop
            // semi join that rescans the limited subquery for every row, and then deletes more rows than the limit.
            commands.Add(PostgreSqlStudyStorage.Command(
                "WITH claimed AS MATERIALIZED (SELECT position FROM enqueued WHERE study_id = $1 ORDER BY position LIMIT $2 FOR UPDATE SKIP LOCKED) "
                + "DELETE FROM enqueued e USING claimed c WHERE e.position = c.position RETURNING e.position, e.parameters",
                studyId,
                reads.Claim));
        }

        if (_askLock)
        {
            commands.Add(PostgreSqlStudyStorage.Command("SELECT coalesce(max(number) + 1, 0) FROM trials WHERE study_id = $1", studyId));
        }

        using NpgsqlBatch batch = PostgreSqlStudyStorage.Batch(connection, [.. commands]);
        if (_askLock)
        {
            batch.Timeout = askTimeoutSeconds; // waits for the other workers' asks
        }

        using NpgsqlDataReader reader = _askLock ? storage.WaitingForAsks(() => batch.ExecuteReader()) : batch.ExecuteReader(); // BEGIN has no result set
        _revision = reader.Read() ? reader.GetInt64(0) : throw storage.NoStudy(studyId);
        if (reads.EarlierAttemptOf is not null)
        {
            reader.NextResult();
            EarlierAttempt = StoredTrialColumns.ReadAll(reader);
        }

        if (reads.ChangedAfter is not null)
        {
            reader.NextResult();
            Changed = StoredTrialColumns.ReadAll(reader);
        }

        if (reads.TrialNumber is not null)
        {
            reader.NextResult();
            Trial = StoredTrialColumns.ReadAll(reader).FirstOrDefault();
        }

        if (reads.StaleBefore is not null)
        {
            reader.NextResult();
            Stale = StoredTrialColumns.ReadAll(reader);
        }

        if (reads.Claim > 0)
        {
            reader.NextResult();
            var claimed = new List<(long Position, string Parameters)>();
            while (reader.Read())
            {
                claimed.Add((reader.GetInt64(0), reader.GetString(1)));
            }

            Claimed = [.. claimed.OrderBy(c => c.Position).Select(c => c.Parameters)];
        }

        if (_askLock)
        {
            reader.NextResult();
            reader.Read();
            NextNumber = (int)reader.GetInt64(0);
        }
    }

    protected override IReadOnlyList<StoredTrial> CommitCore(TransactionChanges changes)
    {
        if (_askLock ? changes.Updated.Count > 0 || changes.Enqueued.Count > 0 : changes.Inserted.Count > 0)
        {
            throw new InvalidOperationException(
                "A transaction under the ask lock only inserts trials, and one under the write lock only changes existing trials and enqueues.");
        }

        return _askLock ? CommitInserts(changes) : CommitUpdates(changes);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!IsCommitted)
            {
                PostgreSqlStudyStorage.Rollback(_connection); // puts claimed parameters back in the queue
            }

            _connection.Dispose();
        }
    }

    /// <summary>Inserts trials with the study's next revisions (the revision lock is taken by the insert itself), and commits.</summary>
    private List<StoredTrial> CommitInserts(TransactionChanges changes)
    {
        if (changes.Inserted.Count == 0)
        {
            PostgreSqlStudyStorage.Execute(_connection, PostgreSqlStudyStorage.Command("COMMIT"));
            return [];
        }

        var insert = new NpgsqlBatchCommand(PostgreSqlTrialRows.Insert);
        PostgreSqlTrialRows.BindInsert(insert.Parameters, _studyId, changes.Operation, changes.Inserted);
        var revisions = new Dictionary<int, long>(changes.Inserted.Count);
        using (NpgsqlBatch batch = PostgreSqlStudyStorage.Batch(_connection, insert, PostgreSqlStudyStorage.Command("COMMIT")))
        using (NpgsqlDataReader reader = EndedIfIdle(() => batch.ExecuteReader()))
        {
            while (reader.Read())
            {
                revisions[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        return [.. changes.Inserted.Select(t => t with { Revision = revisions[t.Number] })];
    }

    /// <summary>
    /// Runs the ask's writes, turning the server's end of a transaction left idle too long (the ask's transaction is idle
    /// while its suggester runs) into a <see cref="TimeoutException"/> that names the setting to raise. The server rolled
    /// the transaction back, so nothing of the ask is stored and the claimed parameters are back in the queue.
    /// </summary>
    private static T EndedIfIdle<T>(Func<T> writes)
    {
        try
        {
            return writes();
        }
        catch (PostgresException e) when (e.SqlState == IdleInTransactionSessionTimeout)
        {
            throw new TimeoutException(
                "The PostgreSQL server ended the ask's transaction while its suggester ran, because the server's or the role's "
                + "idle_in_transaction_session_timeout is shorter than the suggester took; nothing of the ask was stored. Raise it for the "
                + $"workers' role (ALTER ROLE … SET idle_in_transaction_session_timeout = '10min'), or set it to 0. ({e.Message})",
                e);
        }
    }

    /// <summary>Writes changed trials with the next revisions after the one read under the revision lock, enqueues, and commits.</summary>
    private List<StoredTrial> CommitUpdates(TransactionChanges changes)
    {
        long revision = _revision;
        List<StoredTrial> updated = [.. changes.Updated.Select(t => t with { Revision = ++revision })];
        var writes = new List<NpgsqlBatchCommand>();
        foreach (StoredTrial trial in updated)
        {
            var update = new NpgsqlBatchCommand(PostgreSqlTrialRows.Update);
            PostgreSqlTrialRows.BindUpdate(update.Parameters, _studyId, trial);
            writes.Add(update);
        }

        writes.AddRange(changes.Enqueued.Select(p =>
            PostgreSqlStudyStorage.Command("INSERT INTO enqueued (study_id, parameters, token) VALUES ($1, $2, $3)", _studyId, p, Guid.NewGuid())));
        if (revision != _revision)
        {
            writes.Add(PostgreSqlStudyStorage.Command("UPDATE study_revisions SET revision = $2 WHERE study_id = $1", _studyId, revision));
        }

        writes.Add(PostgreSqlStudyStorage.Command("COMMIT"));
        PostgreSqlStudyStorage.Execute(_connection, [.. writes]);
        return updated;
    }
}
