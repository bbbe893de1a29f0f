using System.Data.Common;

namespace Tuning.Storage;

/// <summary>
/// The columns of a trial in the <c>trials</c> table, as the SQLite and PostgreSQL storages both lay them out, and the
/// reading of a row of them back into a <see cref="StoredTrial"/> through <see cref="StoredTrialCodec"/>. This file is
/// compiled into both storage packages (see <c>src/Shared/README.md</c>).
/// </summary>
internal static class StoredTrialColumns
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Names =
        "number, state, parameters, metric_values, reports, fail_reason, attributes, started_at, finished_at, heartbeat_at, revision";

    /// <summary>Reads the trial at the reader's current row, whose columns are <see cref="Names"/>.</summary>
    public static StoredTrial Read(DbDataReader row) => new()
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

    /// <summary>Reads every row of the reader's current result.</summary>
    public static List<StoredTrial> ReadAll(DbDataReader reader)
    {
        var trials = new List<StoredTrial>();
        while (reader.Read())
        {
            trials.Add(Read(reader));
        }

        return trials;
    }
}
