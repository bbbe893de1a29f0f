using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace Tuning.Storage.PostgreSql;

/// <summary>
/// Runs an operation in its own connection and retries it after failures that a later attempt can overcome: a
/// dropped connection, a server restarting or shutting down, too many connections, a serialization failure.
/// </summary>
/// <remarks>
/// Once the retry timeout is over, or when the server stops answering a command, the failure is an
/// <see cref="IOException"/> that names the storage and says the operation may be tried again.
/// A retried operation must be safe to repeat even if an earlier attempt committed before its connection dropped;
/// each operation passes the attempt number to its body, which checks for that case where it matters. A server that
/// takes no writes (a read-only session, a role without the privileges, a full disk) is no failure to wait out: that is an <see cref="IOException"/> naming
/// <paramref name="storage"/> at once, as a SQLite file that cannot be written is (an <see cref="InvalidOperationException"/>
/// would read as the refusal of a trial another worker finished).
/// </remarks>
/// <param name="dataSource">The storage's connections.</param>
/// <param name="timeout">How long to retry.</param>
/// <param name="storage">The storage as messages name it, such as "the PostgreSQL schema 'tuning' of the database 'studies' on db:5432".</param>
internal sealed class PostgreSqlRetry(NpgsqlDataSource dataSource, TimeSpan timeout, string storage)
{
    private static readonly HashSet<string> TransientStates =
    [
        PostgresErrorCodes.SerializationFailure,
        PostgresErrorCodes.DeadlockDetected,
        PostgresErrorCodes.AdminShutdown,
        PostgresErrorCodes.CrashShutdown,
        PostgresErrorCodes.CannotConnectNow,
        PostgresErrorCodes.TooManyConnections,
        PostgresErrorCodes.ConnectionException,
        PostgresErrorCodes.ConnectionDoesNotExist,
        PostgresErrorCodes.ConnectionFailure,
        PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection,
        PostgresErrorCodes.SqlServerRejectedEstablishmentOfSqlConnection,

        // The server ended a session whose transaction sat idle past idle_in_transaction_session_timeout and rolled it
        // back: a tell's transaction is idle between its round trips only while the worker is held up (a garbage
        // collection, a busy machine), so the next attempt goes through. An ask's, idle while its suggester runs, is
        // turned into a TimeoutException first (PostgreSqlStudyTransaction), since a retry would idle as long again.
        PostgreSqlStudyTransaction.IdleInTransactionSessionTimeout,

        // The server ended a pooled connection that sat idle past the role's idle_session_timeout: the next attempt
        // opens a new one (and the pool, whose other idle connections met the same end, is cleared).
        PostgresErrorCodes.IdleSessionTimeout,

        // A role's or server's lock_timeout shorter than another writer's commit: a tell, report or heartbeat waits for
        // the study's revision lock only while other writers commit, so it tries again. (An ask's transaction sets its
        // own lock_timeout to 0 and waits up to the ask timeout instead.)
        PostgresErrorCodes.LockNotAvailable,
    ];

    /// <summary>The transient failures that say nothing about the connection, after which the pool is kept.</summary>
    private static readonly HashSet<string> ConnectionKeptStates =
    [
        PostgresErrorCodes.SerializationFailure,
        PostgresErrorCodes.DeadlockDetected,
        PostgresErrorCodes.LockNotAvailable,
    ];

    /// <summary>Runs an operation in its own connection, passing the attempt number (from 1).</summary>
    public T Run<T>(Func<NpgsqlConnection, int, T> operation) => Run(attempt =>
    {
        using NpgsqlConnection connection = dataSource.OpenConnection();
        return operation(connection, attempt);
    });

    /// <summary>Runs an operation that opens its own connections, passing the attempt number (from 1).</summary>
    public T Run<T>(Func<int, T> operation)
    {
        var clock = Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return operation(attempt);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction)
            {
                throw new IOException(
                    $"{char.ToUpperInvariant(storage[0])}{storage[1..]} is read-only for this session ({e.MessageText}), and nothing of the operation was stored. "
                    + "A hot standby, or default_transaction_read_only set for the role or the database, takes reads only: connect to the primary server, or let the role write.",
                    e);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DiskFull)
            {
                throw new IOException(
                    $"{char.ToUpperInvariant(storage[0])}{storage[1..]} could not be written because the server's disk is full ({e.MessageText}), "
                    + "and nothing of the operation was stored: free some space on the server and try again.",
                    e);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new IOException(
                    $"{char.ToUpperInvariant(storage[0])}{storage[1..]} refuses the operation to this role ({e.MessageText}), and nothing of it was stored. "
                    + "A worker's role needs USAGE on the schema and SELECT, INSERT, UPDATE and DELETE on its tables.",
                    e);
            }
            catch (Exception e) when (IsUnanswered(e) && !(IsTransient(e) && clock.Elapsed < timeout))
            {
                throw Unreachable(e, clock.Elapsed);
            }
            catch (Exception e) when (IsTransient(e) && clock.Elapsed < timeout)
            {
                if (e is not PostgresException pg || !ConnectionKeptStates.Contains(pg.SqlState))
                {
                    // The server went away: the pool's other idle connections are most likely broken too.
                    dataSource.Clear();
                }

                TimeSpan pause = Pause(attempt);
                TimeSpan left = timeout - clock.Elapsed;
                Thread.Sleep(pause < left ? pause : left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
        }
    }

    /// <summary>Whether a later attempt may succeed where this one failed.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException pg => TransientStates.Contains(pg.SqlState),
        NpgsqlException npgsql => npgsql.InnerException is IOException or SocketException or EndOfStreamException
            || (npgsql.IsTransient && npgsql.InnerException is not TimeoutException),
        _ => false,
    };

    /// <summary>
    /// Whether the server could not be reached or did not answer: a failure a later attempt may overcome, or a command
    /// that timed out waiting for the server (an ask's wait for the others' asks is a <see cref="TimeoutException"/> of
    /// its own by then, see <see cref="PostgreSqlStudyStorage.WaitingForAsks{T}(Func{T})"/>).
    /// </summary>
    private static bool IsUnanswered(Exception e) =>
        (IsTransient(e) && (e is not PostgresException pg || !ConnectionKeptStates.Contains(pg.SqlState)))
        || e is NpgsqlException { InnerException: TimeoutException };

    /// <summary>
    /// The failure of an operation that met no server for its whole retry timeout, or one that stopped answering: an
    /// <see cref="IOException"/> that names the storage, says how long it tried and what a caller may do, with the
    /// driver's exception inside, rather than that exception alone ("Exception while reading from stream").
    /// </summary>
    private IOException Unreachable(Exception e, TimeSpan tried)
    {
        string seconds = tried.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        string what = e is NpgsqlException { InnerException: TimeoutException }
            ? "stopped answering (the command timed out)"
            : $"could not be reached for {seconds} s of retries (PostgreSqlStudyStorageOptions.RetryTimeout)";
        string cause = e.InnerException is { } inner ? $"{e.Message}: {inner.Message}" : e.Message;
        return new IOException(
            $"{char.ToUpperInvariant(storage[0])}{storage[1..]} {what}: the server is down, restarting or out of connections, or the network to it is cut ({cause}). "
            + "The operation may or may not have been stored: try it again once the server answers (a trial told again with the same result is taken once, "
            + "and a trial an ask started but never handed out goes stale).",
            e);
    }

    /// <summary>25 ms doubling to at most 2 s, with jitter so that many workers do not retry in step.</summary>
    private static TimeSpan Pause(int attempt)
    {
        double ms = Math.Min(2000, 25 * Math.Pow(2, Math.Min(attempt - 1, 10)));
#pragma warning disable CA5394 // jitter, not security
        return TimeSpan.FromMilliseconds(ms * (0.5 + Random.Shared.NextDouble()));
#pragma warning restore CA5394
    }
}
