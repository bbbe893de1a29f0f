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
}
