using Tuning.Storage.PostgreSql;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>
/// A PostgreSQL test class whose every test runs in a fresh schema of its own. On dispose, what the test handed to
/// <see cref="Own{T}"/> (storages, worker processes) is disposed in that order, then the schema is dropped.
/// </summary>
public abstract class PostgresSchemaTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    /// <summary>Gets this test's schema.</summary>
    protected string Schema { get; } = PostgresServer.NewSchema();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes what the test owns and drops the schema; a test class that holds more releases it here too.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _owned.ForEach(d => d.Dispose());
            PostgresServer.DropSchema(Schema);
        }
    }

    /// <summary>Opens a storage on this test's schema; the caller disposes it.</summary>
    protected PostgreSqlStudyStorage NewStorage() =>
        new(PostgresServer.RequireConnectionString(), new PostgreSqlStudyStorageOptions { Schema = Schema });

    /// <summary>Opens a storage on this test's schema, disposed with the test.</summary>
    protected PostgreSqlStudyStorage OpenStorage() => Own(NewStorage());

    /// <summary>Disposes <paramref name="disposable"/> with the test.</summary>
    private protected T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
