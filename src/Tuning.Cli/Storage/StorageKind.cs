namespace Tuning.Cli.Storage;

/// <summary>The kinds of study storage the tool opens.</summary>
internal enum StorageKind
{
    /// <summary>A SQLite database file (Tuning.Storage.Sqlite).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (Tuning.Storage.PostgreSql).</summary>
    PostgreSql,
}
