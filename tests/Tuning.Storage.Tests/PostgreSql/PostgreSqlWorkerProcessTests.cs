using Tuning.Storage.PostgreSql;

namespace Tuning.Storage.Tests;

/// <summary>Worker processes on one PostgreSQL database, each test in a fresh schema.</summary>
[RequiresPostgres]
public sealed class PostgreSqlWorkerProcessTests : WorkerProcessTests
{
    private readonly string _schema = PostgresEnvironment.NewSchema();

    protected override string[] StorageArguments => ["--storage", "postgres", "--schema", _schema];

    protected override IStudyStorage OpenStorageCore() =>
        new PostgreSqlStudyStorage(PostgresEnvironment.RequireConnectionString(), new PostgreSqlStudyStorageOptions { Schema = _schema });

    public override void Dispose()
    {
        base.Dispose();
        PostgresEnvironment.DropSchema(_schema);
    }
}
