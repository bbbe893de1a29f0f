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

    [Fact]
    public void A_connection_lost_for_the_whole_retry_timeout_is_an_io_error_that_names_the_storage_and_says_it_may_be_tried_again()
    {
        using NpgsqlDataSource source = NpgsqlDataSource.Create("Host=localhost");
        var retry = new PostgreSqlRetry(source, TimeSpan.FromMilliseconds(300), "the PostgreSQL schema 'tuning' of the database 'studies' on localhost:5432");
        int attempts = 0;

        var e = Assert.Throws<IOException>(() => retry.Run<int>(_ =>
        {
            attempts++;
            throw new NpgsqlException("Exception while reading from stream", new EndOfStreamException("Attempted to read past the end of the stream."));
        }));

        Assert.True(attempts > 1, "The lost connection was not retried.");
        Assert.StartsWith("The PostgreSQL schema 'tuning' of the database 'studies' on localhost:5432 could not be reached", e.Message, StringComparison.Ordinal);
        Assert.Contains("RetryTimeout", e.Message, StringComparison.Ordinal);
        Assert.Contains("Exception while reading from stream: Attempted to read past the end of the stream.", e.Message, StringComparison.Ordinal);
        Assert.Contains("try it again", e.Message, StringComparison.Ordinal);
        Assert.IsType<NpgsqlException>(e.InnerException);
    }

    [Fact]
    public void A_server_that_stops_answering_a_command_is_an_io_error_that_names_the_storage()
    {
        // A hung server or a cut network without a reset: the command times out, and the driver's own message
        // ("Exception while reading from stream") says nothing of the storage or of what to do.
        using NpgsqlDataSource source = NpgsqlDataSource.Create("Host=localhost");
        var retry = new PostgreSqlRetry(source, TimeSpan.FromMinutes(1), "the PostgreSQL schema 'tuning' of the database 'studies' on localhost:5432");

        var e = Assert.Throws<IOException>(() => retry.Run<int>(_ =>
            throw new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"))));

        Assert.StartsWith("The PostgreSQL schema 'tuning' of the database 'studies' on localhost:5432 stopped answering", e.Message, StringComparison.Ordinal);
        Assert.Contains("try it again", e.Message, StringComparison.Ordinal);
        Assert.IsType<NpgsqlException>(e.InnerException);
    }

    [Fact]
    public void A_wait_for_the_asks_that_times_out_is_the_ask_timeout_only_while_the_server_answers_a_probe()
    {
        var timedOut = new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));
        using NpgsqlDataSource source = NpgsqlDataSource.Create("Host=localhost");
        var retry = new PostgreSqlRetry(source, TimeSpan.FromMinutes(1), "the PostgreSQL schema 'tuning' of the database 'studies' on localhost:5432");

        // The server answers: another worker's ask holds the study.
        var held = Assert.Throws<TimeoutException>(() => PostgreSqlStudyStorage.WaitingForAsks<int>(() => throw timedOut, () => true));
        Assert.Contains("locked by another worker's ask", held.Message, StringComparison.Ordinal);
        Assert.Contains("AskTimeout", held.Message, StringComparison.Ordinal);

        // It does not: the server stopped answering, not the study's lock, and the retry says so of the storage.
        var hung = Assert.Throws<IOException>(() => retry.Run<int>(_ => PostgreSqlStudyStorage.WaitingForAsks<int>(() => throw timedOut, () => false)));
        Assert.StartsWith("The PostgreSQL schema 'tuning' of the database 'studies' on localhost:5432 stopped answering", hung.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("another worker's ask", hung.Message, StringComparison.Ordinal);
        Assert.Same(timedOut, hung.InnerException);
    }

    [Fact]
    public void A_serialization_failure_that_outlasts_the_retry_timeout_is_passed_on_as_it_is()
    {
        using NpgsqlDataSource source = NpgsqlDataSource.Create("Host=localhost");
        var retry = new PostgreSqlRetry(source, TimeSpan.Zero, "the PostgreSQL schema 'tuning' of the database 'studies' on localhost:5432");

        Assert.Throws<PostgresException>(() => retry.Run<int>(_ =>
            throw new PostgresException("could not serialize access", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure)));
    }
}
