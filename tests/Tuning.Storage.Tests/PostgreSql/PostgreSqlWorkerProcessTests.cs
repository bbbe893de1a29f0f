using Tuning.Storage.PostgreSql;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>Worker processes on one PostgreSQL database, each test in a fresh schema.</summary>
[RequiresPostgres]
public sealed class PostgreSqlWorkerProcessTests : WorkerProcessTests
{
    private readonly string _schema = PostgresServer.NewSchema();

    protected override string[] StorageArguments => ["--storage", "postgres", "--schema", _schema];

    protected override IStudyStorage OpenStorageCore() =>
        new PostgreSqlStudyStorage(PostgresServer.RequireConnectionString(), new PostgreSqlStudyStorageOptions { Schema = _schema });

    public override void Dispose()
    {
        base.Dispose();
        PostgresServer.DropSchema(_schema);
    }
}
