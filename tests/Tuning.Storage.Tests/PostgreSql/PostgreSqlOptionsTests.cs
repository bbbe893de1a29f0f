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

    [Fact]
    public void The_dead_worker_timeout_is_a_minute_unless_set_and_refuses_values_the_server_cannot_honour()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), new PostgreSqlStudyStorageOptions().DeadWorkerTimeout);
        Assert.Equal(TimeSpan.Zero, new PostgreSqlStudyStorageOptions { DeadWorkerTimeout = TimeSpan.Zero }.DeadWorkerTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), new PostgreSqlStudyStorageOptions { DeadWorkerTimeout = TimeSpan.FromSeconds(3) }.DeadWorkerTimeout);
        Assert.Equal(TimeSpan.FromDays(1), new PostgreSqlStudyStorageOptions { DeadWorkerTimeout = TimeSpan.FromDays(1) }.DeadWorkerTimeout);
        foreach (TimeSpan wrong in new[] { TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(2), TimeSpan.FromDays(2), TimeSpan.MaxValue })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PostgreSqlStudyStorageOptions { DeadWorkerTimeout = wrong });
            Assert.Equal("value", e.ParamName);
            Assert.Contains("dead-worker timeout", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_server_gives_up_on_a_silent_worker_after_about_the_dead_worker_timeout()
    {
        Assert.Null(ServerKeepalive.For(TimeSpan.Zero));
        Assert.Equal(new ServerKeepalive(30, 10, 3), ServerKeepalive.For(TimeSpan.FromMinutes(1)));
        Assert.Equal(new ServerKeepalive(1, 1, 3), ServerKeepalive.For(TimeSpan.FromSeconds(3)));
        for (int seconds = 3; seconds <= 86_400; seconds += seconds < 100 ? 1 : 997)
        {
            ServerKeepalive keepalive = ServerKeepalive.For(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1))!; // rounded up to whole seconds
            int total = keepalive.Idle + (keepalive.Interval * keepalive.Count);
            Assert.InRange(total, seconds - keepalive.Count, seconds + keepalive.Count);
            Assert.True(keepalive.Idle >= 1 && keepalive.Interval >= 1, $"{seconds} s gave {keepalive}");
        }
    }
}
