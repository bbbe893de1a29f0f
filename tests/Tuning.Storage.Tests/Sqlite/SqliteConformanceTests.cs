using Tuning.Storage.Sqlite;

namespace Tuning.Storage.Tests;

/// <summary>The conformance suite against <see cref="SqliteStudyStorage"/>, each test on a fresh file.</summary>
public sealed class SqliteConformanceTests : StorageConformanceTests
{
    private readonly TempFolder _folder = new();

    protected override IStudyStorage OpenStorageCore() => new SqliteStudyStorage(_folder.File("study.db"));

    public override void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
    }
}
