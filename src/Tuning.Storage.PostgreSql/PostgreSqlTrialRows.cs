using Npgsql;
using NpgsqlTypes;

namespace Tuning.Storage.PostgreSql;

/// <summary>Reads and writes rows of the <c>trials</c> table.</summary>
internal static class PostgreSqlTrialRows
{
    /// <summary>The columns <see cref="StoredTrialColumns.Read"/> expects, in order.</summary>
    public const string Columns = StoredTrialColumns.Names;

    /// <summary>Changes one trial; parameters: study, number, state, values, reports, reason, attributes, finished, heartbeat, revision.</summary>
    public const string Update =
        "UPDATE trials SET state = $3, metric_values = $4, reports = $5, fail_reason = $6, attributes = $7, finished_at = $8, heartbeat_at = $9, revision = $10 "
        + "WHERE study_id = $1 AND number = $2";

    /// <summary>
    /// Inserts trials given as parallel arrays (parameters: study, token, the arrays of <see cref="BindInsert"/>, their
    /// length), taking the study's next revisions for them in the same statement, in number order. Returns each new
    /// trial's number and revision. The revision row's lock is held from here to the commit.
    /// </summary>
    public const string Insert =
        "WITH head AS (UPDATE study_revisions SET revision = revision + $13 WHERE study_id = $1 RETURNING revision - $13 AS base) "
        + "INSERT INTO trials (study_id, ask_token, " + Columns + ") "
        + "SELECT $1, $2, u.number, u.state, u.parameters, u.metric_values, u.reports, u.fail_reason, u.attributes, u.started_at, u.finished_at, u.heartbeat_at, head.base + u.ord "
        + "FROM head, unnest($3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[], $11::bigint[], $12::bigint[]) "
        + "WITH ORDINALITY AS u (number, state, parameters, metric_values, reports, fail_reason, attributes, started_at, finished_at, heartbeat_at, ord) "
        + "RETURNING number, revision";

    /// <summary>
    /// Finishes a trial if it is running, with the study's next revision, in one statement; parameters: study, number,
    /// state, values, reason, finished. Returns the finished trial, or no row if the trial is not running (then no
    /// revision is taken, unless a concurrent change raced the check: revisions may have gaps, never reorderings).
    /// The revision row is locked before the trial row, the order every writer follows.
    /// </summary>
    public const string FinishRunning =
        "WITH head AS (UPDATE study_revisions SET revision = revision + 1 "
        + "WHERE study_id = $1 AND EXISTS (SELECT 1 FROM trials WHERE study_id = $1 AND number = $2 AND state = 'running') RETURNING revision) "
        + "UPDATE trials t SET state = $3, metric_values = $4, fail_reason = $5::text, finished_at = $6, revision = head.revision "
        + "FROM head WHERE t.study_id = $1 AND t.number = $2 AND t.state = 'running' "
        + "RETURNING t.number, t.state, t.parameters, t.metric_values, t.reports, t.fail_reason, t.attributes, t.started_at, t.finished_at, t.heartbeat_at, t.revision";

    /// <summary>Adds the parameters of <see cref="Update"/> for the trial.</summary>
    public static void BindUpdate(NpgsqlParameterCollection p, long studyId, StoredTrial t)
    {
        p.Add(new NpgsqlParameter<long> { TypedValue = studyId });
        p.Add(new NpgsqlParameter<int> { TypedValue = t.Number });
        p.Add(new NpgsqlParameter<string> { TypedValue = StoredTrialCodec.WriteState(t.State) });
        p.Add(new NpgsqlParameter<string> { TypedValue = StoredTrialCodec.WriteValues(t.Values) });
        p.Add(new NpgsqlParameter<string> { TypedValue = StoredTrialCodec.WriteReports(t.Reports) });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)StoredTrialCodec.WriteReason(t.FailReason) ?? DBNull.Value });
        p.Add(new NpgsqlParameter<string> { TypedValue = StoredTrialCodec.WriteAttributes(t.Attributes) });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = t.FinishedAt is DateTimeOffset f ? StoredTrialCodec.WriteTime(f) : DBNull.Value });
        p.Add(new NpgsqlParameter<long> { TypedValue = StoredTrialCodec.WriteTime(t.HeartbeatAt) });
        p.Add(new NpgsqlParameter<long> { TypedValue = t.Revision });
    }

    /// <summary>Adds the parameters of <see cref="Insert"/> for the trials, which must be in number order.</summary>
    public static void BindInsert(NpgsqlParameterCollection p, long studyId, Guid? token, IReadOnlyList<StoredTrial> trials)
    {
        p.Add(new NpgsqlParameter<long> { TypedValue = studyId });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = token is Guid g ? g : DBNull.Value });
        p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. trials.Select(t => t.Number)] });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. trials.Select(t => StoredTrialCodec.WriteState(t.State))] });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. trials.Select(t => t.Parameters)] });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. trials.Select(t => StoredTrialCodec.WriteValues(t.Values))] });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. trials.Select(t => StoredTrialCodec.WriteReports(t.Reports))] });
        p.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. trials.Select(t => StoredTrialCodec.WriteReason(t.FailReason))] });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. trials.Select(t => StoredTrialCodec.WriteAttributes(t.Attributes))] });
        p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. trials.Select(t => StoredTrialCodec.WriteTime(t.StartedAt))] });
        p.Add(new NpgsqlParameter<long?[]> { TypedValue = [.. trials.Select(t => t.FinishedAt is DateTimeOffset f ? StoredTrialCodec.WriteTime(f) : (long?)null)] });
        p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. trials.Select(t => StoredTrialCodec.WriteTime(t.HeartbeatAt))] });
        p.Add(new NpgsqlParameter<long> { TypedValue = trials.Count });
    }
}
