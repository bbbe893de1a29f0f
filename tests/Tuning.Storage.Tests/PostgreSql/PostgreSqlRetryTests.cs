using Npgsql;
using Tuning.Storage.PostgreSql;

namespace Tuning.Storage.Tests;

/// <summary>Which failures of a PostgreSQL operation a later attempt may overcome, so that the storage runs it again.</summary>
public sealed class PostgreSqlRetryTests
{
    [Fact]
    public void A_session_ended_for_idling_in_a_transaction_is_retried()
    {
        // A tell's or report's transaction is idle between its two round trips for as long as a garbage collection or a
        // busy machine holds the worker up; a role's short idle_in_transaction_session_timeout then ends the session and
        // rolls the transaction back, and the operation, safe to repeat, goes on in a new session.
        var ended = new PostgresException("terminating connection due to idle-in-transaction timeout", "FATAL", "FATAL", "25P03");

        Assert.True(PostgreSqlRetry.IsTransient(ended));
    }

    [Fact]
    public void A_full_disk_on_the_server_is_an_io_error_naming_the_storage_and_is_not_retried()
    {
        using NpgsqlDataSource source = NpgsqlDataSource.Create("Host=localhost");
        var retry = new PostgreSqlRetry(source, TimeSpan.FromMinutes(1), "the PostgreSQL schema 'tuning' of the database 'studies' on localhost:5432");
        int attempts = 0;

        var e = Assert.Throws<IOException>(() => retry.Run<int>(_ =>
        {
            attempts++;
            throw new PostgresException("could not extend file \"base/1/2\": No space left on device", "ERROR", "ERROR", "53100");
        }));

        Assert.Equal(1, attempts);
        Assert.Contains("The PostgreSQL schema 'tuning' of the database 'studies' on localhost:5432", e.Message, StringComparison.Ordinal);
        Assert.Contains("disk is full", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing of the operation was stored", e.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(e.InnerException);
    }
}
