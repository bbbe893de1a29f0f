using Tuning.Storage.Sqlite;
using Tuning.Storage.Testing;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>The conformance suite of Tuning.Storage.Testing against <see cref="SqliteStudyStorage"/>, each check on a fresh file.</summary>
public sealed class SqliteConformanceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<string> Checks => new(StudyStorageConformance.Checks);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Checks))]
    public void Conforms(string check) => StudyStorageConformance.Run(check, () => new SqliteStudyStorage(_folder.File("study.db")));
}
