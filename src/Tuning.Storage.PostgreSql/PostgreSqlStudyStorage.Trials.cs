using Npgsql;

namespace Tuning.Storage.PostgreSql;

/// <remarks>
/// Transactions are opened and closed by <c>BEGIN</c> and <c>COMMIT</c> commands inside batches, so that a tell takes one
/// round trip and an ask two (its reads, then its writes): every round trip under a lock lengthens the other workers' wait.
/// </remarks>
public sealed partial class PostgreSqlStudyStorage
{
    private const string StaleCondition = "FROM trials WHERE study_id = $1 AND state = 'running' AND heartbeat_at < $2";

    /// <inheritdoc />
    public override IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter) => _retry.Run((connection, _) =>
    {
        using NpgsqlBatch batch = Batch(connection, Command("SELECT 1 FROM studies WHERE id = $1", studyId), Command(Changed(changedAfter), studyId));
        using NpgsqlDataReader reader = batch.ExecuteReader();
        if (!reader.Read())
        {
            throw NoStudy(studyId);
        }

        reader.NextResult();
        return (IReadOnlyList<StoredTrial>)StoredTrialColumns.ReadAll(reader);
    });

    /// <inheritdoc />
    protected override StudyTransaction Begin(long studyId, TransactionReads reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        NpgsqlConnection connection = _dataSource.OpenConnection();
        try
        {
            return new PostgreSqlStudyTransaction(this, connection, studyId, reads, _askTimeoutSeconds, _keepalive);
        }
        catch
        {
            Rollback(connection);
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>Retried after lost connections and restarts for <see cref="PostgreSqlStudyStorageOptions.RetryTimeout"/>.</remarks>
    protected override T Execute<T>(Func<int, T> operation) => _retry.Run(operation);

    /// <inheritdoc />
    protected override void HeartbeatCore(long studyId, IReadOnlyCollection<int> numbers, DateTimeOffset now)
    {
        int[] running = [.. numbers];
        _retry.Run((connection, _) => InTransaction(connection, () =>
        {
            // The revision lock, though no revision is taken, keeps every writer's lock order the same (no deadlocks).
            Execute(
                connection,
                [
                    Command("BEGIN"),
                    .. WaitForLocks(),
                    Command("SELECT 1 FROM study_revisions WHERE study_id = $1 FOR NO KEY UPDATE", studyId),
                    Command("UPDATE trials SET heartbeat_at = $2 WHERE study_id = $1 AND number = ANY($3) AND state = 'running'", studyId, StoredTrialCodec.WriteTime(now), running),
                    Command("COMMIT"),
                ]);
            return 0;
        }));
    }

    /// <inheritdoc />
    /// <remarks>A plain read, which takes no lock: most checks find nothing.</remarks>
    protected override bool MayHaveStaleTrials(long studyId, DateTimeOffset staleBefore) => _retry.Run((connection, _) =>
    {
        using NpgsqlBatch any = Batch(connection, Command($"SELECT EXISTS (SELECT 1 {StaleCondition})", studyId, StoredTrialCodec.WriteTime(staleBefore)));
        return (bool)any.ExecuteScalar()!;
    });

    /// <inheritdoc />
    /// <remarks>The usual case of a tell, in one round trip: one statement takes the revision and finishes the trial if it runs.</remarks>
    protected override StoredTrial? TryFinishRunningTrial(
        long studyId, int number, TrialState state, IReadOnlyDictionary<string, double> values, string? failReason, DateTimeOffset now) =>
        _retry.Run((connection, _) => InTransaction(connection, () =>
        {
            using NpgsqlBatch batch = Batch(
                connection,
                [
                    Command("BEGIN"),
                    .. WaitForLocks(),
                    Command(
                        PostgreSqlTrialRows.FinishRunning,
                        studyId,
                        number,
                        StoredTrialCodec.WriteState(state),
                        StoredTrialCodec.WriteValues(values),
                        (object?)StoredTrialCodec.WriteReason(failReason) ?? DBNull.Value,
                        StoredTrialCodec.WriteTime(now)),
                    Command("COMMIT"),
                ]);
            using NpgsqlDataReader reader = batch.ExecuteReader();
            return reader.Read() ? StoredTrialColumns.Read(reader) : null;
        }));

    /// <summary>
    /// The trials changed after a revision. The revision is written into the text, not passed as a parameter: a
    /// prepared statement's generic plan cannot tell that "revision &gt; $2" selects a few rows, and would scan the study.
    /// </summary>
    internal static string Changed(long after) => after <= 0
        ? $"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 ORDER BY number"
        : $"SELECT {PostgreSqlTrialRows.Columns} FROM trials WHERE study_id = $1 AND revision > {after.ToString(System.Globalization.CultureInfo.InvariantCulture)} ORDER BY number";

    /// <summary>The running trials whose heartbeat is older than <c>$2</c>.</summary>
    internal static string StaleTrials => $"SELECT {PostgreSqlTrialRows.Columns} {StaleCondition} ORDER BY number";

    /// <summary>
    /// The commands, right after <c>BEGIN</c>, that let a transaction wait for the study's locks as long as its own
    /// command timeout allows (an ask's, the ask timeout): a server's or role's statement or lock timeout, often set short
    /// for interactive sessions, would end a tell that waits while other workers commit, or an ask that waits for another.
    /// </summary>
    internal static NpgsqlBatchCommand[] WaitForLocks() => [Command("SET LOCAL statement_timeout = 0"), Command("SET LOCAL lock_timeout = 0")];

    /// <summary>A batch command with positional parameters <c>$1</c>, <c>$2</c>, … of the values' own types.</summary>
    internal static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    internal static NpgsqlBatch Batch(NpgsqlConnection connection, params NpgsqlBatchCommand[] commands)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (NpgsqlBatchCommand command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    internal static void Execute(NpgsqlConnection connection, params NpgsqlBatchCommand[] commands)
    {
        using NpgsqlBatch batch = Batch(connection, commands);
        batch.ExecuteNonQuery();
    }

    /// <summary>Rolls back the connection's open transaction, if the connection still works; the server rolls back a broken one itself.</summary>
    internal static void Rollback(NpgsqlConnection connection)
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
            Rollback(connection);
            throw;
        }
    }
}
