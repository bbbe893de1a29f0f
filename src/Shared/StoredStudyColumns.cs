using System.Data.Common;

namespace Tuning.Storage;

/// <summary>
/// The columns of a study in the <c>studies</c> table, as the SQLite and PostgreSQL storages both lay them out, and the
/// reading of rows of them back into <see cref="StoredStudy"/> values. This file is compiled into both storage packages
/// (see <c>src/Shared/README.md</c>).
/// </summary>
internal static class StoredStudyColumns
{
    /// <summary>The columns <see cref="ReadAll"/> expects, in order.</summary>
    public const string Names = "id, name, definition, created_at";

    /// <summary>Runs a query of <see cref="Names"/> and reads the studies it returns.</summary>
    public static List<StoredStudy> ReadAll(DbCommand command)
    {
        var studies = new List<StoredStudy>();
        using DbDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            studies.Add(new StoredStudy(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), StoredTrialCodec.ReadTime(reader.GetInt64(3))));
        }

        return studies;
    }
}
