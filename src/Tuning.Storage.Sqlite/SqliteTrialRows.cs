using Microsoft.Data.Sqlite;

namespace Tuning.Storage.Sqlite;

/// <summary>Reads and writes rows of the <c>trials</c> table.</summary>
internal static class SqliteTrialRows
{
    /// <summary>The columns <see cref="ReadAll"/> expects, in order.</summary>
    public const string Columns = StoredTrialColumns.Names;

    public const string Insert =
        "INSERT INTO trials (study_id, " + Columns + ") VALUES ($study, $number, $state, $parameters, $values, $reports, $reason, $attributes, $started, $finished, $heartbeat, $revision)";

    public const string Update =
        "UPDATE trials SET state = $state, metric_values = $values, reports = $reports, fail_reason = $reason, attributes = $attributes, "
        + "finished_at = $finished, heartbeat_at = $heartbeat, revision = $revision WHERE study_id = $study AND number = $number";

    /// <summary>Runs a query of <see cref="Columns"/> and reads the trials it returns.</summary>
    public static List<StoredTrial> ReadAll(SqliteCommand command)
    {
        using SqliteDataReader reader = command.ExecuteReader();
        return StoredTrialColumns.ReadAll(reader);
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
