using Tuning.Cli.Tests.Support;

namespace Tuning.Cli.Tests.Commands;

/// <summary>No message of the tool ever shows a password, whatever storage string it was given and wherever it fails.</summary>
public sealed class RedactionTests
{
    private const string Secret = "s3cr3t-Pa55";

    public static TheoryData<string[]> Runs => new()
    {
        { new[] { "studies", "--storage", $"Database=tuning;Username=me;Password={Secret}" } },            // no Host: not a storage
        { new[] { "studies", "--storage", $"Database=tuning;Pwd={Secret}" } },
        { new[] { "studies", "--storage", $"Database=tuning;Psw={Secret}" } },                              // Npgsql's third spelling
        { new[] { "studies", "--storage", $"Password={Secret};Database=tuning" } },
        { new[] { "show", "x", "--storage", $"postgres:Password={Secret};Database=tuning" } },           // postgres: without a Host
        { new[] { "studies", "--storage", $"postgres:Host=127.0.0.1;Port=1;Password={Secret};Timeout=2" } }, // unreachable
        { new[] { "studies", $"Password={Secret}" } },                                                     // a stray token
        { new[] { "studies", "--storage", $"postgres:Host=db;Password={Secret};Bogus Key=1" } },          // invalid connection string
        { new[] { "studies", "--storage", $"mysql://me:{Secret}@db/tuning" } },                             // a URL of another database
        { new[] { "studies", "--storage", $"postgresql+psycopg2://me:{Secret}@db/tuning" } },               // a SQLAlchemy URL
        { new[] { "studies", "--storage", $"postgres://me:{Secret}@db:5432/tuning" } },                     // a PostgreSQL URL
        { new[] { "studies", "--storage", $"me:{Secret}@db" } },                                            // a URL without its scheme
        { new[] { "studies", "--storage", $"Database=tuning;SslPassword={Secret}" } },                      // the client key's password, no Host
        { new[] { "studies", "--storage", $"postgres:SslPassword={Secret};Database=tuning" } },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_refused_storage_string_is_shown_without_its_password(string[] args)
    {
        CliRun run = CliRun.Of(args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.NotEqual(string.Empty, run.Error);
        Assert.DoesNotContain(Secret, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Output, StringComparison.Ordinal);
    }

    /// <summary>A password with an unquoted ';' is cut short there; its tail must not show either, in any case.</summary>
    public static TheoryData<string[]> CutPasswords => new()
    {
        { new[] { "studies", "--storage", "postgres:Host=127.0.0.1;Port=1;Username=me;Password=Sup3r;Secret!;Timeout=2" } },
        { new[] { "studies", "--storage", "Database=tuning;Username=me;Password=Sup3r;Secret!" } },
        { new[] { "studies", "--storage", "Host=db;Password=Sup3r;Secret!=x" } },
        { new[] { "studies", "--storage", "Database=tuning;Username=me;SslPassword=Sup3r;Secret!" } },
        { new[] { "studies", "--storage", "Host=db;SslPassword=Sup3r;Secret!=x" } },
        { new[] { "studies", "--storage", "Host=db;Psw=Sup3r;Secret!=x" } },
        { new[] { "studies", "--storage", "Database=tuning;Username=me;Pwd=Sup3r;Secret!" } },
    };

    [Theory]
    [MemberData(nameof(CutPasswords))]
    public void No_piece_of_a_password_cut_short_by_a_semicolon_is_shown(string[] args)
    {
        CliRun run = CliRun.Of(args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.NotEqual(string.Empty, run.Error);
        foreach (string piece in (string[])["Sup3r", "Secret!"])
        {
            Assert.DoesNotContain(piece, run.Error, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(piece, run.Output, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("Host=db;Password=Sup3r;Q7;Port=5")]
    [InlineData("Database=tuning;Password=Sup3r;Q7")]
    public void No_short_piece_of_a_password_cut_short_by_a_semicolon_is_shown(string storage)
    {
        CliRun run = CliRun.Of("studies", "--storage", storage);

        Assert.NotEqual(0, run.ExitCode);
        Assert.NotEqual(string.Empty, run.Error);
        Assert.DoesNotContain("Sup3r", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Q7", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_short_password_is_not_given_away_by_masking_it_inside_words()
    {
        CliRun run = CliRun.Of("studies", "--storage", "Database=tuning;Password=ab");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: 'Database=tuning;Password=***", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Dat***ase", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A URL pasted with a password that is not percent-encoded: a '/', '@' or space in it ends no part of it.</summary>
    [Theory]
    [InlineData("postgres://me:pa/ss-w0rd@db/tuning", "pa/ss-w0rd")]
    [InlineData("postgresql://me:p@ss-w0rd@db:5432/tuning", "ss-w0rd")]
    [InlineData("postgres://me:se cret-w0rd@db/tuning", "cret-w0rd")]
    public void A_URL_password_with_a_slash_an_at_sign_or_a_space_is_not_shown(string storage, string piece)
    {
        CliRun run = CliRun.Of("studies", "--storage", storage);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("is a URL", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(piece, run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("***ostgres", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A storage string given where the tool takes none (a stray argument, a misspelt option's value) is quoted in the usage error.</summary>
    [Theory]
    [InlineData("studies", "postgres://me:pa/ss-w0rd@db/tuning", "pa/ss-w0rd")]
    [InlineData("--storag", "postgres://me:p@ss-w0rd@db/tuning", "ss-w0rd")]
    [InlineData("studies", "Host=db;Password=Sup3r;Q7", "Q7")]
    [InlineData("--storag", "Host=db;Psw=Sup3r;Secret!", "Secret!")]
    public void No_piece_of_a_password_in_an_argument_the_tool_does_not_take_is_shown(string before, string storage, string piece)
    {
        CliRun run = CliRun.Of(before == "studies" ? ["studies", storage] : ["studies", before, storage]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Unrecognized command or argument", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(piece, run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_storage_string_from_the_environment_is_shown_without_its_password()
    {
        CliRun run = CliRun.WithEnvironment(new Dictionary<string, string> { ["TUNING_STORAGE"] = $"Database=tuning;Password={Secret}" }, "studies");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Password=***", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Error, StringComparison.Ordinal);
    }
}
