using Tuning.Storage.PostgreSql;
using Tuning.Storage.Testing;

namespace Tuning.Storage.Tests;

/// <summary>The conformance suite of Tuning.Storage.Testing against <see cref="PostgreSqlStudyStorage"/>, each check in a fresh schema.</summary>
[RequiresPostgres]
public sealed class PostgreSqlConformanceTests : IDisposable
{
    private readonly string _schema = PostgresEnvironment.NewSchema();

    public static TheoryData<string> Checks => new(StudyStorageConformance.Checks);

    public void Dispose() => PostgresEnvironment.DropSchema(_schema);

    [StorageTheory]
    [MemberData(nameof(Checks))]
    public void Conforms(string check) => StudyStorageConformance.Run(
        check, () => new PostgreSqlStudyStorage(PostgresEnvironment.RequireConnectionString(), new PostgreSqlStudyStorageOptions { Schema = _schema }));
}
