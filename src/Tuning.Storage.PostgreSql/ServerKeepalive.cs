using System.Globalization;
using Npgsql;

namespace Tuning.Storage.PostgreSql;

/// <summary>
/// How soon the server gives up on a client that stopped answering: its TCP keepalive settings, set for each of the
/// storage's transactions (<c>SET LOCAL</c>), so that a dead worker's locks are released within
/// <see cref="PostgreSqlStudyStorageOptions.DeadWorkerTimeout"/> and nothing outlives the transaction.
/// </summary>
/// <param name="Idle">Seconds of silence before the first probe.</param>
/// <param name="Interval">Seconds between unanswered probes.</param>
/// <param name="Count">Unanswered probes after which the server ends the session.</param>
internal sealed record ServerKeepalive(int Idle, int Interval, int Count)
{
    private const int Probes = 3;

    /// <summary>The settings that end a silent session after about <paramref name="timeout"/>; null for zero (the server's own).</summary>
    public static ServerKeepalive? For(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return null;
        }

        int total = (int)Math.Ceiling(timeout.TotalSeconds);
        int idle = Math.Max(1, total / 2);
        return new ServerKeepalive(idle, Math.Max(1, (total - idle) / Probes), Probes);
    }

    /// <summary>The commands that set these values for the current transaction; they return no result set.</summary>
    public IEnumerable<NpgsqlBatchCommand> SetLocal()
    {
        yield return new NpgsqlBatchCommand(string.Create(CultureInfo.InvariantCulture, $"SET LOCAL tcp_keepalives_idle = {Idle}"));
        yield return new NpgsqlBatchCommand(string.Create(CultureInfo.InvariantCulture, $"SET LOCAL tcp_keepalives_interval = {Interval}"));
        yield return new NpgsqlBatchCommand(string.Create(CultureInfo.InvariantCulture, $"SET LOCAL tcp_keepalives_count = {Count}"));
    }
}
