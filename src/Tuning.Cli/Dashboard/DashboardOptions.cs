namespace Tuning.Cli.Dashboard;

/// <summary>Where the dashboard listens and how often it looks for new trials.</summary>
internal sealed record DashboardOptions
{
    /// <summary>The loopback address, the default: only this machine can open the dashboard.</summary>
    public const string Loopback = "127.0.0.1";

    /// <summary>Gets the address to listen on.</summary>
    /// <value>The default is <see cref="Loopback"/>.</value>
    public string Host { get; init; } = Loopback;

    /// <summary>Gets the port to listen on; 0 picks a free one.</summary>
    /// <value>The default is 8080.</value>
    public int Port { get; init; } = 8080;

    /// <summary>Gets how often an open study page's server checks the storage for changes.</summary>
    /// <value>The default is one second.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets how often an idle event stream sends a comment, so proxies keep it open.</summary>
    /// <value>The default is 15 seconds.</value>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);
}
