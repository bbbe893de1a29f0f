using Tuning.Storage.PostgreSql;
using Tuning.Storage.Testing;

namespace Tuning.Storage.Tests;

/// <summary>The conformance suite of Tuning.Storage.Testing against <see cref="PostgreSqlStudyStorage"/>, each check in a fresh schema.</summary>
[RequiresPostgres]
public sealed class PostgreSqlConformanceTests : PostgresSchemaTests
{
    public static TheoryData<string> Checks => new(StudyStorageConformance.Checks);

    [StorageTheory]
    [MemberData(nameof(Checks))]
    public void Conforms(string check) => StudyStorageConformance.Run(
        check, NewStorage);
}
