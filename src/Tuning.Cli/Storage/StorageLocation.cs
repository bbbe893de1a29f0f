using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Tuning.Cli.Output;

namespace Tuning.Cli.Storage;

/// <summary>
/// Where the studies are, parsed from <c>--storage</c> or <c>TUNING_STORAGE</c>: <c>sqlite:PATH</c>, a plain path
/// ending in <c>.db</c>, <c>.sqlite</c> or <c>.sqlite3</c>, <c>postgres:CONNECTIONSTRING</c>, or a bare Npgsql
/// connection string with a <c>Host</c> (such as <c>Host=db;Database=tuning;Username=tuning;Password=…</c>).
/// </summary>
internal sealed partial class StorageLocation
{
    private static readonly string[] SqliteExtensions = [".db", ".sqlite", ".sqlite3"];

    private StorageLocation(StorageKind kind, string target, string display)
    {
        Kind = kind;
        Target = target;
        Display = display;
    }

    /// <summary>Gets the kind of storage.</summary>
    public StorageKind Kind { get; }

    /// <summary>Gets the SQLite file's full path, or the PostgreSQL connection string.</summary>
    public string Target { get; }

    /// <summary>
    /// Gets the storage as messages show it: <c>sqlite:</c> and the full path, or <c>postgres:</c> and the host, port,
    /// database and user (never the password).
    /// </summary>
    public string Display { get; }

    /// <summary>Parses a storage string.</summary>
    /// <exception cref="CliException">A usage error: the string names no storage the tool knows, or its connection string is not valid.</exception>
    public static StorageLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string value = text.Trim();
        if (value.Length == 0)
        {
            throw CliException.Usage("The storage is empty. " + Expected);
        }

        if (UrlScheme().IsMatch(value))
        {
            // A URL such as postgres://me@db/tuning or SQLAlchemy's sqlite:///studies.db (a relative path there, a path
            // from the root were it read as sqlite:PATH): refused rather than guessed at.
            throw CliException.Usage(
                $"'{Secrets.Redact(text, [text])}' is a URL; the tool takes sqlite:PATH (such as sqlite:studies/tuning.db or sqlite:/data/tuning.db) "
                + "or postgres: followed by a connection string (such as postgres:Host=db;Port=5432;Database=tuning;Username=me).");
        }

        if (TryStripPrefix(value, "sqlite:", out string path))
        {
            return Sqlite(path, text);
        }

        if (TryStripPrefix(value, "postgres:", out string connectionString) || TryStripPrefix(value, "postgresql:", out connectionString))
        {
            return PostgreSql(connectionString, text);
        }

        if (SqliteExtensions.Any(e => value.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && !value.Contains('=', StringComparison.Ordinal))
        {
            return Sqlite(value, text);
        }

        if (LooksLikeConnectionString(value))
        {
            return PostgreSql(value, text);
        }

        throw CliException.Usage($"'{Secrets.Redact(text, [text])}' is not a storage. " + Expected);
    }

    private const string Expected =
        "Give sqlite:PATH, a path ending in .db, .sqlite or .sqlite3, postgres:CONNECTIONSTRING, or a PostgreSQL connection string such as Host=localhost;Database=tuning;Username=tuning.";

    private static bool TryStripPrefix(string value, string prefix, out string rest)
    {
        bool found = value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        rest = found ? value[prefix.Length..].Trim() : string.Empty;
        return found;
    }

    private static StorageLocation Sqlite(string path, string text)
    {
        if (path.Length == 0)
        {
            throw CliException.Usage($"'{text}' names no SQLite file: give sqlite:PATH.");
        }

        string fullPath;
        try
        {
            fullPath = System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw CliException.Usage($"'{path}' is not a valid file path: {e.Message}", e);
        }

        return new StorageLocation(StorageKind.Sqlite, fullPath, "sqlite:" + fullPath);
    }

    private static StorageLocation PostgreSql(string connectionString, string text)
    {
        if (connectionString.Length == 0)
        {
            throw CliException.Usage($"'{text}' has no connection string: give postgres:Host=...;Database=...;Username=....");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // The message may quote the connection string's keys, and with them the tail of a password whose unquoted
            // ';' cut it short: only a masked copy is kept, and not the exception itself.
            throw CliException.Usage(
                $"The PostgreSQL connection string is not valid: {Secrets.Redact(CliException.MessageOf(e), [connectionString])} (a value that holds ';' must be quoted).");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw CliException.Usage("The PostgreSQL connection string has no Host: give Host=...;Database=...;Username=....");
        }

        // Npgsql takes any number as the port and fails only when it connects, with a message that names nothing.
        if (builder.Port is < 1 or > 65535)
        {
            throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"The PostgreSQL connection string's Port must be between 1 and 65535; it is {builder.Port}."));
        }

        return new StorageLocation(StorageKind.PostgreSql, connectionString, "postgres:" + WithoutSecrets(builder));
    }

    /// <summary>The host, port, database and user that the connection string gives, and nothing else (no password).</summary>
    private static string WithoutSecrets(NpgsqlConnectionStringBuilder builder)
    {
        var parts = new List<string> { $"Host={builder.Host}", string.Create(CultureInfo.InvariantCulture, $"Port={builder.Port}") };
        if (!string.IsNullOrEmpty(builder.Database))
        {
            parts.Add($"Database={builder.Database}");
        }

        if (!string.IsNullOrEmpty(builder.Username))
        {
            parts.Add($"Username={builder.Username}");
        }

        return string.Join(';', parts);
    }

    /// <summary>A URL's <c>scheme://</c> at the start of the text (of two letters at least: <c>C://</c> is a Windows path).</summary>
    [GeneratedRegex("^[a-z][a-z0-9+.-]+://", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlScheme();

    /// <summary>Gets whether the text is a <c>key=value;…</c> list with a <c>Host</c> or <c>Server</c> key.</summary>
    private static bool LooksLikeConnectionString(string value) =>
        value.Split(';').Any(part =>
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            string key = part[..equals].Trim();
            return key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase);
        });
}
