using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace Tuning.Storage.PostgreSql;

/// <summary>
/// Runs an operation in its own connection and retries it after failures that a later attempt can overcome: a
/// dropped connection, a server restarting or shutting down, too many connections, a serialization failure.
/// </summary>
/// <remarks>
/// A retried operation must be safe to repeat even if an earlier attempt committed before its connection dropped;
/// each operation passes the attempt number to its body, which checks for that case where it matters.
/// </remarks>
internal sealed class PostgreSqlRetry(NpgsqlDataSource dataSource, TimeSpan timeout)
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
            catch (Exception e) when (IsTransient(e) && clock.Elapsed < timeout)
            {
                if (e is not PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
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

    /// <summary>25 ms doubling to at most 2 s, with jitter so that many workers do not retry in step.</summary>
    private static TimeSpan Pause(int attempt)
    {
        double ms = Math.Min(2000, 25 * Math.Pow(2, Math.Min(attempt - 1, 10)));
#pragma warning disable CA5394 // jitter, not security
        return TimeSpan.FromMilliseconds(ms * (0.5 + Random.Shared.NextDouble()));
#pragma warning restore CA5394
    }
}
