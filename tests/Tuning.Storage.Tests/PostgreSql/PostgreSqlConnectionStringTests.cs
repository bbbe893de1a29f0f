using Tuning.Storage.PostgreSql;

namespace Tuning.Storage.Tests.PostgreSql;

/// <summary>The connection settings need no server to check.</summary>
public class PostgreSqlConnectionStringTests
{
    [Fact]
    public void Pooling_defaults_apply_unless_the_caller_sets_them()
    {
        var options = new PostgreSqlStudyStorageOptions();
        var plain = PostgreSqlStudyStorage.BuildConnectionString("Host=db;Database=t;Username=u;Password=p", options);
        Assert.True(plain.NoResetOnClose);
        Assert.Equal(32, plain.MaxAutoPrepare);
        Assert.Equal(options.Schema, plain.SearchPath);

        var explicitly = PostgreSqlStudyStorage.BuildConnectionString("Host=db;No Reset On Close=false;Max Auto Prepare=5", options);
        Assert.False(explicitly.NoResetOnClose);
        Assert.Equal(5, explicitly.MaxAutoPrepare);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_clearly()
    {
        var e = Assert.Throws<ArgumentException>(() => PostgreSqlStudyStorage.BuildConnectionString("Host=db;Port=not-a-number", new PostgreSqlStudyStorageOptions()));
        Assert.Contains("connection string is not valid", e.Message);
    }

    [Theory]
    [InlineData("Password")]
    [InlineData("Pwd")]
    [InlineData("Psw")] // Npgsql takes all three spellings of the password's key
    public void A_password_cut_short_by_an_unquoted_semicolon_shows_in_no_part_of_the_error(string key)
    {
        var e = Assert.Throws<ArgumentException>(() => PostgreSqlStudyStorage.BuildConnectionString(
            $"Host=db;Username=me;{key}=Sup3r;Secret!;Timeout=2", new PostgreSqlStudyStorageOptions()));

        Assert.Contains("must be quoted", e.Message);
        Assert.Null(e.InnerException);
        Assert.DoesNotContain("Sup3r", e.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Secret!", e.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Host=db;Password=Sup3r;Q7;Port=5")]
    [InlineData("Host=db;Pwd=ab;Q7;Timeout=2")]
    public void A_short_piece_of_a_password_cut_short_by_an_unquoted_semicolon_shows_in_no_part_of_the_error(string connectionString)
    {
        var e = Assert.Throws<ArgumentException>(() => PostgreSqlStudyStorage.BuildConnectionString(connectionString, new PostgreSqlStudyStorageOptions()));

        Assert.Contains("must be quoted", e.Message);
        Assert.DoesNotContain("Q7", e.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
