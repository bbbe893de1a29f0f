using Microsoft.Data.Sqlite;
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

    /// <summary>Closes the connections the commands of the test left in the pool, then deletes the folder.</summary>
    protected override void Dispose(bool disposing)
    {
        SqliteConnection.ClearAllPools();
        base.Dispose(disposing);
    }
}
