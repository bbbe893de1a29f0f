using Tuning.Storage.PostgreSql;

namespace Tuning.Storage.Tests;

/// <summary>The conformance suite against <see cref="PostgreSqlStudyStorage"/>, each test in a fresh schema.</summary>
[RequiresPostgres]
public sealed class PostgreSqlConformanceTests : StorageConformanceTests
{
    private readonly string _schema = PostgresEnvironment.NewSchema();

    protected override IStudyStorage OpenStorageCore() =>
        new PostgreSqlStudyStorage(PostgresEnvironment.RequireConnectionString(), new PostgreSqlStudyStorageOptions { Schema = _schema });

    public override void Dispose()
    {
        base.Dispose();
        PostgresEnvironment.DropSchema(_schema);
    }
}
