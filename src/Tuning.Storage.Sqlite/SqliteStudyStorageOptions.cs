namespace Tuning.Storage.Sqlite;

/// <summary>Options of a <see cref="SqliteStudyStorage"/>.</summary>
public sealed class SqliteStudyStorageOptions
{
    /// <summary>Gets or sets a value indicating whether a missing database file is created (with its folder).</summary>
    /// <value>The default is <see langword="true"/>. When <see langword="false"/>, a missing file is a <see cref="FileNotFoundException"/>.</value>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>
    /// Gets or sets how long an operation waits for another connection's write to finish before it fails. Writers
    /// take turns: while one worker's suggester runs, the others' asks and tells wait for it. An operation that waits
    /// longer fails with a <see cref="TimeoutException"/> naming the file (it waits at least a second in all).
    /// </summary>
    /// <value>The default is 60 seconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan BusyTimeout
    {
        get;
        set => field = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The busy timeout must be positive.");
    }

    = TimeSpan.FromSeconds(60);
}
