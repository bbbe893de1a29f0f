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

    /// <summary>How long a sweep that may find stale trials leaves the write lock free first: SQLite's busy handler tries again every 100 ms at most.</summary>
    internal static readonly TimeSpan HeartbeatLanding = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long this thread's last <see cref="MayHaveStaleTrials"/> waited for the write lock to be free: the sweep that
    /// follows on the same thread gives it as extra grace, as it does its own wait (see <see cref="TakeLandingWait"/>).
    /// </summary>
    [ThreadStatic]
    private static TimeSpan t_landingWait;

    /// <inheritdoc />
    /// <remarks>
    /// A plain read, which takes no write lock: most checks find nothing. When it finds a trial that may be stale, it lets
    /// the heartbeats that wait for the write lock land before the sweep judges: while another connection held the lock
    /// (another worker's suggester, a big import, a backup), no heartbeat could be written, however long that was, and
    /// the sweep could take the lock the moment it is free, before the heartbeats that waited longest try again. So it
    /// waits for the lock to be free (taking it and giving it up at once), leaves it free for
    /// <see cref="HeartbeatLanding"/>, longer than a waiting connection sleeps between its tries, and reads again. The
    /// wait, not the pause, counts as extra grace, as the sweep's own wait for the lock does.
    /// </remarks>
    protected override bool MayHaveStaleTrials(long studyId, DateTimeOffset staleBefore) => Run(connection =>
    {
        t_landingWait = TimeSpan.Zero;
        if (!AnyStale(connection, studyId, staleBefore))
        {
            return false;
        }

        long asked = System.Diagnostics.Stopwatch.GetTimestamp();
        using (SqliteTransaction wait = connection.BeginTransaction(deferred: false))
        {
            wait.Rollback();
        }

        t_landingWait = System.Diagnostics.Stopwatch.GetElapsedTime(asked);
        Thread.Sleep(HeartbeatLanding);
        return AnyStale(connection, studyId, staleBefore - t_landingWait);
    });

    /// <summary>Takes, for the sweep about to read its stale trials on this thread, how long its check waited for the write lock.</summary>
    internal static TimeSpan TakeLandingWait()
    {
        TimeSpan wait = t_landingWait;
        t_landingWait = TimeSpan.Zero;
        return wait;
    }

    private static bool AnyStale(SqliteConnection connection, long studyId, DateTimeOffset staleBefore)
    {
        using SqliteCommand any = connection.CreateCommand();
        any.CommandText = $"SELECT EXISTS (SELECT 1 {StaleCondition})";
        any.Parameters.AddWithValue("$study", studyId);
        any.Parameters.AddWithValue("$before", StoredTrialCodec.WriteTime(staleBefore));
        return (long)any.ExecuteScalar()! != 0;
    }

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
