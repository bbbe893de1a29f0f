using Tuning.Storage.Sqlite;
using Tuning.Storage.Testing;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>The conformance suite of Tuning.Storage.Testing against <see cref="SqliteStudyStorage"/>, each check on a fresh file.</summary>
public sealed class SqliteConformanceTests : TempFolderTests
{
    public static TheoryData<string> Checks => new(StudyStorageConformance.Checks);

    [Theory]
    [MemberData(nameof(Checks))]
    public void Conforms(string check) => StudyStorageConformance.Run(check, () => new SqliteStudyStorage(Folder.File("study.db")));
}
