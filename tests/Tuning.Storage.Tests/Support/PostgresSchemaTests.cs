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

    public virtual void Dispose()
    {
        _owned.ForEach(d => d.Dispose());
        PostgresServer.DropSchema(Schema);
        GC.SuppressFinalize(this);
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
