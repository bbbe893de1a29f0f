using Microsoft.Data.Sqlite;

namespace Tuning.Storage.Sqlite;

/// <summary>
/// A transaction of a <see cref="SqliteStudyStorage"/>: <c>BEGIN IMMEDIATE</c> takes the file's write lock at once and
/// holds it to the commit, so it is both the ask lock and the write lock of every study in the file.
/// </summary>
internal sealed class SqliteStudyTransaction : StudyTransaction
{
    private readonly SqliteStudyStorage _storage;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly long _studyId;
    private readonly List<long> _claimedIds = [];
    private long _revision;

    public SqliteStudyTransaction(SqliteStudyStorage storage, SqliteConnection connection, long studyId, TransactionReads reads)
    {
        _storage = storage;
        _connection = connection;
        _studyId = studyId;
        _transaction = connection.BeginTransaction(deferred: false);
        try
        {
            _revision = storage.RequireStudy(connection, studyId);
            if (reads.ChangedAfter is long after)
            {
                Changed = SqliteStudyStorage.ReadChanged(connection, studyId, after);
            }

            if (reads.TrialNumber is int number)
            {
                using SqliteCommand select = connection.CreateCommand();
                select.CommandText = $"SELECT {SqliteTrialRows.Columns} FROM trials WHERE study_id = $study AND number = $number";
                select.Parameters.AddWithValue("$study", studyId);
                select.Parameters.AddWithValue("$number", number);
                Trial = SqliteTrialRows.ReadAll(select).FirstOrDefault();
            }

            if (reads.StaleBefore is DateTimeOffset before)
            {
                // The wait of the check that came first (SqliteStudyStorage.MayHaveStaleTrials) is extra grace too.
                Stale = SqliteStudyStorage.ReadStale(connection, studyId, before - SqliteStudyStorage.TakeLandingWait());
            }

            if (reads.Claim > 0)
            {
                Claimed = Claim(reads.Claim);
            }

            if (reads.AskLock)
            {
                using SqliteCommand next = connection.CreateCommand();
                next.CommandText = "SELECT coalesce(max(number) + 1, 0) FROM trials WHERE study_id = $study";
                next.Parameters.AddWithValue("$study", studyId);
                NextNumber = (int)(long)next.ExecuteScalar()!;
            }
        }
        catch
        {
            _transaction.Dispose();
            throw;
        }
    }

    /// <summary>Inserts trials exactly as given (numbers and revisions included).</summary>
    public static void InsertTrials(SqliteConnection connection, long studyId, IEnumerable<StoredTrial> trials)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = SqliteTrialRows.Insert;
        foreach (StoredTrial trial in trials)
        {
            SqliteTrialRows.Bind(insert, studyId, trial);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Appends parameter sets to a study's queue.</summary>
    public static void Enqueue(SqliteConnection connection, long studyId, IEnumerable<string> parameters)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO enqueued (study_id, parameters) VALUES ($study, $parameters)";
        SqliteParameter study = insert.Parameters.AddWithValue("$study", studyId);
        SqliteParameter value = insert.Parameters.Add("$parameters", SqliteType.Text);
        foreach (string p in parameters)
        {
            value.Value = p;
            insert.ExecuteNonQuery();
        }
    }

    protected override IReadOnlyList<StoredTrial> CommitCore(TransactionChanges changes)
    {
        List<StoredTrial> inserted = [.. changes.Inserted.Select(t => t with { Revision = ++_revision })];
        List<StoredTrial> updated = [.. changes.Updated.Select(t => t with { Revision = ++_revision })];
        InsertTrials(_connection, _studyId, inserted);
        using (SqliteCommand update = _connection.CreateCommand())
        {
            update.CommandText = SqliteTrialRows.Update;
            foreach (StoredTrial trial in updated)
            {
                SqliteTrialRows.Bind(update, _studyId, trial);
                update.ExecuteNonQuery();
            }
        }

        using (SqliteCommand delete = _connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM enqueued WHERE id = $id";
            SqliteParameter id = delete.Parameters.Add("$id", SqliteType.Integer);
            foreach (long claimed in _claimedIds)
            {
                id.Value = claimed;
                delete.ExecuteNonQuery();
            }
        }

        Enqueue(_connection, _studyId, changes.Enqueued);
        using (SqliteCommand revision = _connection.CreateCommand())
        {
            revision.CommandText = "UPDATE studies SET revision = $revision WHERE id = $study";
            revision.Parameters.AddWithValue("$revision", _revision);
            revision.Parameters.AddWithValue("$study", _studyId);
            revision.ExecuteNonQuery();
        }

        _storage.ThrowIfMoved(); // an ask's suggester may have run for long: the file may be gone since it began
        _transaction.Commit();
        return [.. inserted, .. updated];
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _transaction.Dispose(); // rolls back unless committed
            _connection.Dispose();
        }
    }

    private List<string> Claim(int count)
    {
        using SqliteCommand claim = _connection.CreateCommand();
        claim.CommandText = "SELECT id, parameters FROM enqueued WHERE study_id = $study ORDER BY id LIMIT $count";
        claim.Parameters.AddWithValue("$study", _studyId);
        claim.Parameters.AddWithValue("$count", count);
        var claimed = new List<string>();
        using SqliteDataReader reader = claim.ExecuteReader();
        while (reader.Read())
        {
            _claimedIds.Add(reader.GetInt64(0));
            claimed.Add(reader.GetString(1));
        }

        return claimed;
    }
}
