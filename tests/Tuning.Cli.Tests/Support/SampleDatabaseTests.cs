using Microsoft.Data.Sqlite;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Cli.Tests.Support;

/// <summary>A test class whose every test gets the sample database (<see cref="SampleStudies"/>) in a fresh folder of its own.</summary>
public abstract class SampleDatabaseTests : TempFolderTests
{
    protected SampleDatabaseTests()
    {
        Database = Folder.File("studies.db");
        SampleStudies.Create(Database);
    }

    /// <summary>Gets the sample database's path.</summary>
    protected string Database { get; }

    /// <summary>The JSON of the sample database's single-objective study, read afresh (to check that a command left it as it was).</summary>
    protected string StudyJson()
    {
        using var storage = new SqliteStudyStorage(Database, new SqliteStudyStorageOptions { CreateIfMissing = false });
        return Study.Open(storage, SampleStudies.Single).ToJson();
    }

    /// <summary>Closes the connections the commands of the test left in the pool, then deletes the folder.</summary>
    protected override void Dispose(bool disposing)
    {
        SqliteConnection.ClearAllPools();
        base.Dispose(disposing);
    }
}
