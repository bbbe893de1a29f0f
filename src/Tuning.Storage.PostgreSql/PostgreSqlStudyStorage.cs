using Npgsql;

namespace Tuning.Storage.PostgreSql;

/// <summary>
/// Keeps studies in a PostgreSQL database that many worker processes on many machines share, with no coordinator:
/// every worker asks and tells against the database directly.
/// </summary>
/// <example>
/// <code>
/// using var storage = new PostgreSqlStudyStorage("Host=db;Database=tuning;Username=tuning;Password=…");
/// var study = Study.CreateOrOpen(storage, "resnet-lr", space, [Metric.Minimize("loss")], new SobolSuggester(seed: 1),
///     new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), RetryStaleTrials = true });
/// </code>
/// </example>
/// <remarks>
/// <para>
/// Built on <see cref="TransactionalStudyStorage"/>. Asks on one study take turns (a row lock on the study, held while the suggester runs), so every suggester sees
/// the trials the others started as pending, and an enqueued trial is claimed once. Tells and reports take a short
/// lock that numbers the study's changes, so readers fetch only what changed since their last read and never skip a
/// change. Every transaction takes its locks in the same order (ask, then revision, then trials), so they cannot deadlock.
/// </para>
/// <para>
/// An operation that loses its connection (a server restart, a network failure) is retried for
/// <see cref="PostgreSqlStudyStorageOptions.RetryTimeout"/>; retries are safe even when the lost attempt had committed.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlStudyStorage : TransactionalStudyStorage, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlRetry _retry;
    private readonly int _askTimeoutSeconds;

    /// <summary>How long the probe of <see cref="ServerAnswers"/> waits for a connection and for its answer.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly ServerKeepalive? _keepalive;

    /// <summary>UTF-8 that refuses a lone surrogate, as Npgsql's does.</summary>
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Connects to a database and creates or checks the tables in the options' schema.</summary>
    /// <param name="connectionString">An Npgsql connection string, such as <c>Host=db;Database=tuning;Username=tuning;Password=…</c>.</param>
    /// <param name="options">The options; the default is <see cref="PostgreSqlStudyStorageOptions"/>' defaults.</param>
    /// <exception cref="ArgumentException">The connection string is not valid.</exception>
    /// <exception cref="InvalidOperationException">
    /// The database cannot be reached or refuses the login; or its tables are from a newer version of this library,
    /// missing while <see cref="PostgreSqlStudyStorageOptions.CreateIfMissing"/> is off, or not Tuning's.
    /// </exception>
    public PostgreSqlStudyStorage(string connectionString, PostgreSqlStudyStorageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options ??= new PostgreSqlStudyStorageOptions();
        NpgsqlConnectionStringBuilder builder = BuildConnectionString(connectionString, options);
        Schema = options.Schema;
        _askTimeoutSeconds = (int)Math.Min(int.MaxValue, Math.Ceiling(options.AskTimeout.TotalSeconds));
        _keepalive = ServerKeepalive.For(options.DeadWorkerTimeout);
        _dataSource = NpgsqlDataSource.Create(builder);
        _retry = new PostgreSqlRetry(_dataSource, options.RetryTimeout, $"the PostgreSQL schema '{Schema}' of the database '{builder.Database}' on {builder.Host}:{builder.Port}");
        try
        {
            using NpgsqlConnection connection = _dataSource.OpenConnection();
            PostgreSqlSchema.Upgrade(connection, Schema, options.CreateIfMissing);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            _dataSource.Dispose();
            throw new InvalidOperationException(
                $"Cannot use the PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port} as '{builder.Username}': {e.Message}", e);
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    /// <summary>Gets the database schema that holds the tables.</summary>
    public string Schema { get; }

    /// <inheritdoc />
    protected override StoredStudy CreateStudyCore(
        string name, string definition, IReadOnlyList<StoredTrial> trials, IReadOnlyList<string> enqueued, Guid operation, int attempt)
    {
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A PostgreSQL study name cannot hold a NUL character.", nameof(name));
        }

        using NpgsqlConnection connection = _dataSource.OpenConnection();
        return InTransaction(connection, () =>
        {
            long created = StoredTrialCodec.WriteTime(DateTimeOffset.UtcNow);
            long id;
            using (NpgsqlBatch insert = Batch(
                connection,
                Command("BEGIN"),
                Command("INSERT INTO studies (name, definition, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id", name, definition, created)))
            {
                object? inserted = WithIndexedName(name, nameof(name), insert.ExecuteScalar);
                if (inserted is not long newId)
                {
                    Execute(connection, Command("ROLLBACK"));

                    // A retry whose first attempt committed finds its own study: the same definition and every trial it imported.
                    StoredStudy? existing = attempt > 1 ? FindStudy(connection, name) : null;
                    return existing is not null && existing.Definition == definition && CountTrialsOf(connection, existing.Id, operation) == trials.Count
                        ? existing
                        : throw new InvalidOperationException($"A study named '{name}' already exists in the PostgreSQL schema '{Schema}'.");
                }

                id = newId;
            }

            var writes = new List<NpgsqlBatchCommand> { Command("INSERT INTO study_revisions (study_id, revision) VALUES ($1, 0)", id) };
            if (trials.Count > 0)
            {
                var insertTrials = new NpgsqlBatchCommand(PostgreSqlTrialRows.Insert);
                PostgreSqlTrialRows.BindInsert(insertTrials.Parameters, id, operation, trials);
                writes.Add(insertTrials);
            }

            writes.AddRange(enqueued.Select(p => Command("INSERT INTO enqueued (study_id, parameters, token) VALUES ($1, $2, $3)", id, p, Guid.NewGuid())));
            writes.Add(Command("COMMIT"));
            Execute(connection, [.. writes]);
            return new StoredStudy(id, name, definition, StoredTrialCodec.ReadTime(created));
        });
    }

    /// <inheritdoc />
    protected override StoredStudy RenameStudyCore(long studyId, string newName)
    {
        if (newName.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A PostgreSQL study name cannot hold a NUL character.", nameof(newName));
        }

        return _retry.Run((connection, _) =>
        {
            // The new name is a key of the study's row, so the update waits for the ask lock (the row lock every ask holds).
            using var rename = new NpgsqlCommand("UPDATE studies SET name = $2 WHERE id = $1 RETURNING " + StoredStudyColumns.Names, connection)
            {
                CommandTimeout = _askTimeoutSeconds,
            };
            rename.Parameters.Add(new NpgsqlParameter<long> { TypedValue = studyId });
            rename.Parameters.Add(new NpgsqlParameter<string> { TypedValue = newName });
            try
            {
                return WaitingForAsks(() => WithIndexedName(newName, nameof(newName), () => StoredStudyColumns.ReadAll(rename).FirstOrDefault()))
                    ?? throw NoStudy(studyId);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new InvalidOperationException($"A study named '{newName}' already exists in the PostgreSQL schema '{Schema}'.", e);
            }
        });
    }

    /// <inheritdoc />
    protected override void DeleteStudyCore(long studyId) => _retry.Run((connection, attempt) =>
    {
        // Trials, the queue and the revision go with the study (ON DELETE CASCADE); the delete waits for the ask lock.
        using var delete = new NpgsqlCommand("DELETE FROM studies WHERE id = $1", connection) { CommandTimeout = _askTimeoutSeconds };
        delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = studyId });
        return WaitingForAsks(delete.ExecuteNonQuery) == 1 || attempt > 1 ? 0 : throw NoStudy(studyId); // a retry may find its own deletion done
    });

    /// <inheritdoc />
    public override StoredStudy? FindStudy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // No study has such a name (they are refused), and PostgreSQL refuses a NUL, and Npgsql a lone surrogate, in any
        // text it is sent.
        return name.Contains('\0', StringComparison.Ordinal) || !IsValidUtf16(name) ? null : _retry.Run((connection, _) => FindStudy(connection, name));
    }

    /// <inheritdoc />
    public override IReadOnlyList<StoredStudy> ListStudies() => _retry.Run((connection, _) =>
    {
        using var list = new NpgsqlCommand("SELECT " + StoredStudyColumns.Names + " FROM studies ORDER BY id", connection);
        return StoredStudyColumns.ReadAll(list);
    });

    /// <inheritdoc />
    protected override void EnqueueCore(long studyId, string parameters)
    {
        var token = Guid.NewGuid(); // makes a retried insert that had committed a no-op
        _retry.Run((connection, _) =>
        {
            using var insert = new NpgsqlCommand(
                "INSERT INTO enqueued (study_id, parameters, token) SELECT id, $2, $3 FROM studies WHERE id = $1 ON CONFLICT (token) DO NOTHING "
                + "RETURNING 1",
                connection);
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = studyId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameters });
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = token });
            if (insert.ExecuteScalar() is null)
            {
                RequireStudy(connection, null, studyId);
            }

            return 0;
        });
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> ReadEnqueued(long studyId) => _retry.Run((connection, _) =>
    {
        RequireStudy(connection, null, studyId);
        using var read = new NpgsqlCommand("SELECT parameters FROM enqueued WHERE study_id = $1 ORDER BY position", connection);
        read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = studyId });
        var enqueued = new List<string>();
        using NpgsqlDataReader reader = read.ExecuteReader();
        while (reader.Read())
        {
            enqueued.Add(reader.GetString(0));
        }

        return (IReadOnlyList<string>)enqueued;
    });

    /// <summary>Closes this storage's pooled connections.</summary>
    public void Dispose() => _dataSource.Dispose();

    private static StoredStudy? FindStudy(NpgsqlConnection connection, string name)
    {
        using var find = new NpgsqlCommand("SELECT " + StoredStudyColumns.Names + " FROM studies WHERE name = $1", connection);
        find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return StoredStudyColumns.ReadAll(find).FirstOrDefault();
    }


    /// <summary>
    /// Runs a statement that writes a study's name into the unique index of names, turning the server's refusal of a
    /// name too long for an index entry (about 2,700 bytes once compressed) into an <see cref="ArgumentException"/>
    /// that names the parameter and the limit.
    /// </summary>
    private static T WithIndexedName<T>(string name, string parameter, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ProgramLimitExceeded)
        {
            int bytes = System.Text.Encoding.UTF8.GetByteCount(name);
            throw new ArgumentException(
                $"A PostgreSQL study name must fit in an index entry, at most about 2,700 bytes (less when it does not compress); this one has {bytes} bytes in UTF-8.",
                parameter,
                e);
        }
    }

    /// <summary>
    /// Runs a command that waits for the other workers' asks on a study (an ask, a rename, a delete), turning its
    /// timeout, <see cref="PostgreSqlStudyStorageOptions.AskTimeout"/>, into a <see cref="TimeoutException"/> that says
    /// so. The server cancels the timed-out command, so nothing of it is stored; it is not retried. A server that does
    /// not answer a probe either is no study held by an ask: that timeout is passed on as the driver's, which the retry
    /// turns into an <see cref="IOException"/> saying the server stopped answering.
    /// </summary>
    internal T WaitingForAsks<T>(Func<T> command) => WaitingForAsks(command, ServerAnswers);

    /// <summary><see cref="WaitingForAsks{T}(Func{T})"/> with the probe given.</summary>
    internal static T WaitingForAsks<T>(Func<T> command, Func<bool> serverAnswers)
    {
        try
        {
            return command();
        }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException && serverAnswers())
        {
            throw new TimeoutException(
                "The study stayed locked by another worker's ask for longer than PostgreSqlStudyStorageOptions.AskTimeout (asks take turns "
                + $"while their suggesters run, and renames and deletes wait for them), and the operation was cancelled: raise the option if asks take that long. ({e.Message})",
                e);
        }
    }

    /// <summary>
    /// Whether the server answers a query of its own within <see cref="ProbeTimeout"/>: after a wait for the asks timed
    /// out, this tells a study held by another ask from a server that is hung, cut off, or out of connections.
    /// </summary>
    private bool ServerAnswers()
    {
        try
        {
            using var cancel = new CancellationTokenSource(ProbeTimeout);
            using NpgsqlConnection connection = _dataSource.OpenConnectionAsync(cancel.Token).AsTask().GetAwaiter().GetResult();
            using var probe = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = (int)ProbeTimeout.TotalSeconds };
            return probe.ExecuteScalar() is not null;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>Whether the text can be sent as UTF-8: it holds no lone surrogate.</summary>
    private static bool IsValidUtf16(string text)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Throws unless the study exists.</summary>
    private void RequireStudy(NpgsqlConnection connection, NpgsqlTransaction? transaction, long studyId)
    {
        using var find = new NpgsqlCommand("SELECT 1 FROM studies WHERE id = $1", connection, transaction);
        find.Parameters.Add(new NpgsqlParameter<long> { TypedValue = studyId });
        if (find.ExecuteScalar() is null)
        {
            throw NoStudy(studyId);
        }
    }

    /// <summary>Counts the trials an operation inserted in a study (see <see cref="TransactionChanges.Operation"/>).</summary>
    private static long CountTrialsOf(NpgsqlConnection connection, long studyId, Guid operation)
    {
        using var count = new NpgsqlCommand("SELECT count(*) FROM trials WHERE study_id = $1 AND ask_token = $2", connection);
        count.Parameters.Add(new NpgsqlParameter<long> { TypedValue = studyId });
        count.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = operation });
        return (long)count.ExecuteScalar()!;
    }

    internal InvalidOperationException NoStudy(long studyId) => new($"The PostgreSQL schema '{Schema}' has no study with id {studyId}.");

    /// <summary>
    /// The connection settings the storage uses: the caller's, with the storage's schema as search path and, unless the
    /// caller set them, pooled connections that keep their prepared statements (no DISCARD ALL on return).
    /// </summary>
    internal static NpgsqlConnectionStringBuilder BuildConnectionString(string connectionString, PostgreSqlStudyStorageOptions options)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = options.Schema };

            // The storage keeps no session state (its locks end with each transaction), so a pooled connection needs no
            // DISCARD ALL, and its statements, prepared on first reuse, stay prepared. NpgsqlConnectionStringBuilder's
            // ContainsKey is true for every keyword it knows, given or not: a plain builder tells which keys were written.
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
            {
                builder.NoResetOnClose = true;
            }

            if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            {
                builder.MaxAutoPrepare = 32;
            }

            return builder;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's message may quote part of a password whose unquoted ';' cut it short, so only a masked copy is
            // kept, and not the exception itself.
            throw new ArgumentException(
                $"The PostgreSQL connection string is not valid: {ConnectionStringSecrets.Redact(e.Message, [connectionString])} (a value that holds ';' must be quoted).",
                nameof(connectionString));
        }
    }
}
