using Microsoft.Data.Sqlite;

namespace Tuning.Storage.Sqlite;

public sealed partial class SqliteStudyStorage
{
    private const string StaleCondition = "FROM trials WHERE study_id = $study AND state = 'running' AND heartbeat_at < $before";

    /// <inheritdoc />
    public override IReadOnlyList<StoredTrial> ReadTrials(long studyId, long changedAfter) => Run(connection =>
    {
        using SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        RequireStudy(connection, studyId);
        return ReadChanged(connection, studyId, changedAfter);
    });

    /// <inheritdoc />
    protected override StudyTransaction Begin(long studyId, TransactionReads reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        SqliteConnection connection = Open();
        try
        {
            return new SqliteStudyTransaction(this, connection, studyId, reads);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    protected override T Execute<T>(Func<int, T> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Translate(() => operation(1));
    }

    /// <inheritdoc />
    protected override void HeartbeatCore(long studyId, IReadOnlyCollection<int> numbers, DateTimeOffset now) => Run(connection =>
    {
        using SqliteCommand beat = connection.CreateCommand();
        beat.CommandText = "UPDATE trials SET heartbeat_at = $now WHERE study_id = $study AND state = 'running' "
            + "AND number IN (SELECT value FROM json_each($numbers))";
        beat.Parameters.AddWithValue("$now", StoredTrialCodec.WriteTime(now));
        beat.Parameters.AddWithValue("$study", studyId);
        beat.Parameters.AddWithValue("$numbers", "[" + string.Join(',', numbers) + "]");
        return beat.ExecuteNonQuery();
    });

    /// <inheritdoc />
    /// <remarks>A plain read, which takes no write lock: most checks find nothing.</remarks>
    protected override bool MayHaveStaleTrials(long studyId, DateTimeOffset staleBefore) => Run(connection =>
    {
        using SqliteCommand any = connection.CreateCommand();
        any.CommandText = $"SELECT EXISTS (SELECT 1 {StaleCondition})";
        any.Parameters.AddWithValue("$study", studyId);
        any.Parameters.AddWithValue("$before", StoredTrialCodec.WriteTime(staleBefore));
        return (long)any.ExecuteScalar()! != 0;
    });

    /// <summary>The trials changed after a revision (every trial for 0), in number order.</summary>
    internal static List<StoredTrial> ReadChanged(SqliteConnection connection, long studyId, long changedAfter)
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

    /// <summary>The running trials whose heartbeat is older than <paramref name="staleBefore"/>, in number order.</summary>
    internal static List<StoredTrial> ReadStale(SqliteConnection connection, long studyId, DateTimeOffset staleBefore)
    {
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = $"SELECT {SqliteTrialRows.Columns} {StaleCondition} ORDER BY number";
        select.Parameters.AddWithValue("$study", studyId);
        select.Parameters.AddWithValue("$before", StoredTrialCodec.WriteTime(staleBefore));
        return SqliteTrialRows.ReadAll(select);
    }
}
