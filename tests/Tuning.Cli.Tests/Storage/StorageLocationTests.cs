using Tuning.Cli.Storage;

namespace Tuning.Cli.Tests.Storage;

public sealed class StorageLocationTests
{
    [Theory]
    [InlineData("sqlite:studies/a.db")]
    [InlineData("SQLite: studies/a.db")]
    [InlineData("studies/a.db")]
    public void Sqlite_strings_give_the_full_path(string text)
    {
        StorageLocation location = StorageLocation.Parse(text);

        Assert.Equal(StorageKind.Sqlite, location.Kind);
        Assert.Equal(Path.GetFullPath("studies/a.db"), location.Target);
        Assert.Equal("sqlite:" + Path.GetFullPath("studies/a.db"), location.Display);
    }

    [Theory]
    [InlineData("runs.sqlite")]
    [InlineData("runs.sqlite3")]
    [InlineData("sqlite:runs.data")]
    [InlineData("C://runs.db")] // a drive letter, not a URL's scheme
    public void Sqlite_needs_the_prefix_only_for_other_extensions(string text)
    {
        Assert.Equal(StorageKind.Sqlite, StorageLocation.Parse(text).Kind);
    }

    [Theory]
    [InlineData("postgres:Host=db;Database=tuning;Username=me;Password=secret", "postgres:Host=db;Port=5432;Database=tuning;Username=me")]
    [InlineData("postgresql:Host=db;Port=5433;Username=me;Password=secret", "postgres:Host=db;Port=5433;Username=me")]
    [InlineData("Host=db;Database=tuning;Password=secret", "postgres:Host=db;Port=5432;Database=tuning")]
    [InlineData("Database=x;Server=db;Password=secret", "postgres:Host=db;Port=5432;Database=x")]
    public void Postgres_strings_keep_the_connection_string_and_show_it_without_the_password(string text, string display)
    {
        StorageLocation location = StorageLocation.Parse(text);

        Assert.Equal(StorageKind.PostgreSql, location.Kind);
        Assert.Equal(display, location.Display);
        Assert.DoesNotContain("secret", location.Display, StringComparison.Ordinal);
        Assert.Contains("Password=secret", location.Target, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("studies", 1)]
    [InlineData("studies.csv", 1)]
    [InlineData("sqlite:", 1)]
    [InlineData("postgres:Nonsense=1;Host=x", 1)]
    [InlineData("postgres:Username=me", 1)]
    public void Anything_else_is_a_usage_error(string text, int exitCode)
    {
        var e = Assert.Throws<CliException>(() => StorageLocation.Parse(text));

        Assert.Equal(exitCode, e.ExitCode);
    }

    [Theory]
    [InlineData("postgres://me:hunter22@db:5432/tuning")]
    [InlineData("postgresql://me@db/tuning")]
    [InlineData("postgresql+psycopg2://me:hunter22@db/tuning")]
    [InlineData("sqlite:///studies/a.db")]
    [InlineData("sqlite://studies/a.db")]
    [InlineData("mysql://me:hunter22@db/tuning")]
    public void A_url_is_a_usage_error_that_shows_the_forms_the_tool_takes_without_the_password(string text)
    {
        var e = Assert.Throws<CliException>(() => StorageLocation.Parse(text));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains("is a URL", e.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:PATH", e.Message, StringComparison.Ordinal);
        Assert.Contains("postgres:Host=", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", e.Message, StringComparison.Ordinal);
    }
}
