using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Tuning.Storage.Tests;

/// <summary>A run of the sample's launcher, whose output lines the test can wait for.</summary>
internal sealed partial class DistributedSample : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    private DistributedSample(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue("stderr: " + e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output => string.Join(Environment.NewLine, _lines);

    /// <summary>The built sample: …/tests/Tuning.Storage.Tests/bin/C/F/ → …/samples/Distributed/bin/C/F/Distributed.dll.</summary>
    private static string SamplePath
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string framework = here.Name, configuration = here.Parent!.Name;
            DirectoryInfo root = here.Parent!.Parent!.Parent!.Parent!.Parent!;
            return Path.Combine(root.FullName, "samples", "Distributed", "bin", configuration, framework, "Distributed.dll");
        }
    }

    public static DistributedSample Start(string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SamplePath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment.Remove("TUNING_POSTGRES");
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new DistributedSample(Process.Start(start) ?? throw new InvalidOperationException("The sample did not start."));
    }

    /// <summary>Waits for the launcher to report worker <paramref name="index"/> started (the <paramref name="start"/>th time, from 1), and returns its process id.</summary>
    public int WorkerProcess(int index, int start = 1)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            int seen = 0;
            foreach (string line in _lines)
            {
                Match match = Started().Match(line);
                if (match.Success && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) == index && ++seen == start)
                {
                    return int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException($"Worker {index} did not start {start} times. {Output}");
    }

    public void WaitForSuccess(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The sample did not finish within {timeout}. {Output}");
        }

        _process.WaitForExit();
        Assert.True(_process.ExitCode == 0, $"The sample exited with code {_process.ExitCode}. {Output}");
    }

    /// <summary>Waits for the launcher to exit and returns its exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The sample did not finish within {timeout}. {Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^worker (\d+) started \(process (\d+)")]
    private static partial Regex Started();
}
