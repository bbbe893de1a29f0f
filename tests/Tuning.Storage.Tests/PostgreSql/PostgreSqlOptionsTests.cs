using Tuning.Storage.PostgreSql;

namespace Tuning.Storage.Tests.PostgreSql;

/// <summary>Options out of range are refused when they are set, before any connection is made.</summary>
public class PostgreSqlOptionsTests
{
    [Fact]
    public void An_ask_timeout_longer_than_Npgsql_can_time_is_refused_when_set()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PostgreSqlStudyStorageOptions { AskTimeout = TimeSpan.FromDays(50) });

        Assert.Equal("value", e.ParamName);
        Assert.Contains("ask timeout", e.Message, StringComparison.Ordinal);
        Assert.Contains("49 days", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PostgreSqlStudyStorageOptions { AskTimeout = TimeSpan.MaxValue });
        Assert.Equal(TimeSpan.FromDays(49), new PostgreSqlStudyStorageOptions { AskTimeout = TimeSpan.FromDays(49) }.AskTimeout);
    }
}
