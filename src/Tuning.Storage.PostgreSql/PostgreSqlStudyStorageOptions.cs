namespace Tuning.Storage.PostgreSql;

/// <summary>Options of a <see cref="PostgreSqlStudyStorage"/>.</summary>
public sealed class PostgreSqlStudyStorageOptions
{
    /// <summary>Gets or sets the database schema that holds the tables; several independent storages can share a database in different schemas.</summary>
    /// <value>The default is <c>tuning</c>.</value>
    /// <exception cref="ArgumentException">The name is not a plain lower-case identifier (letters, digits and underscores, not starting with a digit).</exception>
    public string Schema
    {
        get;
        set => field = value is not null && value.Length is > 0 and <= 63 && !char.IsAsciiDigit(value[0])
            && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            ? value
            : throw new ArgumentException($"'{value}' is not a plain lower-case identifier.", nameof(value));
    }

    = "tuning";

    /// <summary>Gets or sets a value indicating whether the schema and its tables are created when missing.</summary>
    /// <value>The default is <see langword="true"/>. When <see langword="false"/>, a database without the tables is an <see cref="InvalidOperationException"/>.</value>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>
    /// Gets or sets how long an operation keeps retrying after a lost connection or a server restart (with growing
    /// pauses) before it gives up. The first connection, made by the constructor, is not retried.
    /// </summary>
    /// <value>The default is 60 seconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan RetryTimeout
    {
        get;
        set => field = value >= TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The retry timeout cannot be negative.");
    }

    = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets how long an ask waits for other workers' asks on the same study, which take turns so that each
    /// suggester sees the others' trials; renaming or deleting the study waits for them as long. A longer wait fails
    /// with a <see cref="TimeoutException"/>, and nothing of the operation is stored. When the server itself stopped
    /// answering (it does not answer a probe either), the failure is instead an <see cref="System.IO.IOException"/>
    /// that names the storage and says so.
    /// </summary>
    /// <value>The default is 10 minutes: long enough for a queue of slow suggesters. At most 49 days, the longest command timeout Npgsql honours.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero, negative, or longer than 49 days.</exception>
    public TimeSpan AskTimeout
    {
        get;
        set => field = value <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "The ask timeout must be positive.")
            : value > MaxAskTimeout
                ? throw new ArgumentOutOfRangeException(
                    nameof(value), value, "The ask timeout can be at most 49 days: Npgsql honours no longer command timeout, and every ask would hang.")
                : value;
    }

    = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets how long the server waits for a worker whose machine stopped answering in the middle of a
    /// transaction (a power loss, a cut network, a suspended virtual machine) before it ends that worker's session,
    /// which releases the study's locks for the other workers. An ask holds the study's ask lock while its suggester
    /// runs; without this, the server would notice a dead machine only after its own TCP keepalive settings (about two
    /// hours on Linux), and every other worker's ask would wait, then time out, until then. A worker that is alive keeps
    /// its lock however long its suggester takes: its machine answers the server's keepalive probes.
    /// </summary>
    /// <value>
    /// The default is 1 minute, rounded up to whole seconds: the server probes a connection silent for half of it, then
    /// three times in the other half (<c>tcp_keepalives_idle</c>, <c>tcp_keepalives_interval</c> and
    /// <c>tcp_keepalives_count</c>, set for each transaction only). <see cref="TimeSpan.Zero"/> leaves the server's own
    /// settings. Connections over a Unix-domain socket have no keepalive probes and are not affected.
    /// </value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, between zero and 3 seconds, or longer than 1 day.</exception>
    public TimeSpan DeadWorkerTimeout
    {
        get;
        set => field = value == TimeSpan.Zero || (value >= MinDeadWorkerTimeout && value <= MaxDeadWorkerTimeout)
            ? value
            : throw new ArgumentOutOfRangeException(
                nameof(value), value, "The dead-worker timeout must be zero (the server's keepalive settings) or between 3 seconds and 1 day.");
    }

    = TimeSpan.FromMinutes(1);

    /// <summary>The shortest <see cref="DeadWorkerTimeout"/> but zero: one second of silence, then three probes a second apart.</summary>
    internal static readonly TimeSpan MinDeadWorkerTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The longest <see cref="DeadWorkerTimeout"/>.</summary>
    internal static readonly TimeSpan MaxDeadWorkerTimeout = TimeSpan.FromDays(1);

    /// <summary>The longest <see cref="AskTimeout"/>: with a command timeout over about 49.7 days (2³² − 2 ms, a .NET timer's limit) Npgsql never returns the ask's reads.</summary>
    internal static readonly TimeSpan MaxAskTimeout = TimeSpan.FromDays(49);
}
