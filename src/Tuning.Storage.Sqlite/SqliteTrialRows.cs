using Microsoft.Data.Sqlite;

namespace Tuning.Storage.Sqlite;

/// <summary>Reads and writes rows of the <c>trials</c> table.</summary>
internal static class SqliteTrialRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns =
        "number, state, parameters, metric_values, reports, fail_reason, attributes, started_at, finished_at, heartbeat_at, revision";

    public const string Insert =
        "INSERT INTO trials (study_id, " + Columns + ") VALUES ($study, $number, $state, $parameters, $values, $reports, $reason, $attributes, $started, $finished, $heartbeat, $revision)";

    public const string Update =
        "UPDATE trials SET state = $state, metric_values = $values, reports = $reports, fail_reason = $reason, attributes = $attributes, "
        + "finished_at = $finished, heartbeat_at = $heartbeat, revision = $revision WHERE study_id = $study AND number = $number";

    public static StoredTrial Read(SqliteDataReader row) => new()
    {
        Number = row.GetInt32(0),
        State = StoredTrialCodec.ReadState(row.GetString(1)),
        Parameters = row.GetString(2),
        Values = StoredTrialCodec.ReadValues(row.GetString(3)),
        Reports = StoredTrialCodec.ReadReports(row.GetString(4)),
        FailReason = row.IsDBNull(5) ? null : StoredTrialCodec.ReadReason(row.GetString(5)),
        Attributes = StoredTrialCodec.ReadAttributes(row.GetString(6)),
        StartedAt = StoredTrialCodec.ReadTime(row.GetInt64(7)),
        FinishedAt = row.IsDBNull(8) ? null : StoredTrialCodec.ReadTime(row.GetInt64(8)),
        HeartbeatAt = StoredTrialCodec.ReadTime(row.GetInt64(9)),
        Revision = row.GetInt64(10),
    };

    public static List<StoredTrial> ReadAll(SqliteCommand command)
    {
        var trials = new List<StoredTrial>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            trials.Add(Read(reader));
        }

        return trials;
    }

    /// <summary>Sets the parameters of <see cref="Insert"/> or <see cref="Update"/> to the trial's fields.</summary>
    public static void Bind(SqliteCommand command, long studyId, StoredTrial trial)
    {
        SqliteParameterCollection p = command.Parameters;
        p.Clear();
        p.AddWithValue("$study", studyId);
        p.AddWithValue("$number", trial.Number);
        p.AddWithValue("$state", StoredTrialCodec.WriteState(trial.State));
        p.AddWithValue("$parameters", trial.Parameters);
        p.AddWithValue("$values", StoredTrialCodec.WriteValues(trial.Values));
        p.AddWithValue("$reports", StoredTrialCodec.WriteReports(trial.Reports));
        p.AddWithValue("$reason", (object?)StoredTrialCodec.WriteReason(trial.FailReason) ?? DBNull.Value);
        p.AddWithValue("$attributes", StoredTrialCodec.WriteAttributes(trial.Attributes));
        p.AddWithValue("$started", StoredTrialCodec.WriteTime(trial.StartedAt));
        p.AddWithValue("$finished", trial.FinishedAt is DateTimeOffset f ? StoredTrialCodec.WriteTime(f) : DBNull.Value);
        p.AddWithValue("$heartbeat", StoredTrialCodec.WriteTime(trial.HeartbeatAt));
        p.AddWithValue("$revision", trial.Revision);
    }
}
