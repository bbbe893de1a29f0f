using System.Text.RegularExpressions;

namespace Tuning.Browser.Tests.Support;

/// <summary>
/// <c>tuning dashboard --port 0</c> running in this process, as a user starts it, until disposed (as Ctrl+C stops it).
/// </summary>
internal sealed partial class RunningDashboard : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly Task<int> _run;

    private RunningDashboard(string[] storageArguments)
    {
        TextWriter output = TextWriter.Synchronized(_output), error = TextWriter.Synchronized(_error);
        _run = Task.Run(() => Tuning.Cli.Cli.RunAsync(["dashboard", "--port", "0", .. storageArguments], output, error, _ => null, _stop.Token));
        var started = DateTime.UtcNow;
        while (Url() is null)
        {
            if (_run.IsCompleted || DateTime.UtcNow - started > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"The dashboard did not start.\n{_output}\n{_error}");
            }

            Thread.Sleep(50);
        }

        Address = new Uri(Url()!);
    }

    /// <summary>Gets the address the dashboard printed.</summary>
    public Uri Address { get; }

    public string Output => _output.ToString();

    public static RunningDashboard Start(params string[] storageArguments) => new(storageArguments);

    public string Page(string relative) => new Uri(Address, relative).ToString();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        int exit = await _run.WaitAsync(TimeSpan.FromSeconds(30));
        _stop.Dispose();
        if (exit != 0)
        {
            throw new InvalidOperationException($"The dashboard ended with exit code {exit}.\n{_error}");
        }
    }

    private string? Url() => UrlLine().Match(_output.ToString()) is { Success: true } m ? m.Groups["url"].Value : null;

    [GeneratedRegex(": (?<url>http://127\\.0\\.0\\.1:[0-9]+/)")]
    private static partial Regex UrlLine();
}
