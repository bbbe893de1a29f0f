using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tuning.Storage.Tests;

/// <summary>A running Tuning.Storage.Tests.Worker process, whose output lines the test can wait for.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Enqueue(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errors.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Gets the worker's output lines so far.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public int Id => _process.Id;

    /// <summary>The built worker: the test project references it, so it sits beside this project's output.</summary>
    public static string WorkerPath
    {
        get
        {
            // …/tests/Tuning.Storage.Tests/bin/<Configuration>/net10.0/ → …/tests/Tuning.Storage.Tests.Worker/bin/<Configuration>/net10.0/
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string framework = here.Name, configuration = here.Parent!.Name;
            DirectoryInfo tests = here.Parent!.Parent!.Parent!.Parent!;
            return Path.Combine(tests.FullName, "Tuning.Storage.Tests.Worker", "bin", configuration, framework, "Tuning.Storage.Tests.Worker.dll");
        }
    }

    public static WorkerProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WorkerPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Many workers on two cores: skip tiered JIT's background work so that startup finishes sooner.
        start.Environment["DOTNET_TieredPGO"] = "0";
        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The worker did not start."));
    }

    /// <summary>Waits until a line starting with <paramref name="prefix"/> appears; returns it.</summary>
    public string WaitForLine(string prefix, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            string? line = _lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            Thread.Sleep(10);
        }

        throw new TimeoutException($"The worker did not print '{prefix}…' within {timeout}. {Describe()}");
    }

    /// <summary>Waits for the worker to exit with code 0.</summary>
    public void WaitForSuccess(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException($"The worker did not finish within {timeout}. {Describe()}");
        }

        _process.WaitForExit(); // flushes the output events
        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The worker exited with code {_process.ExitCode}. {Describe()}");
        }
    }

    /// <summary>Kills the worker at once (SIGKILL on Linux): no cleanup code of it runs.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already exited
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private string Describe() =>
        $"Last output: {string.Join(" | ", _lines.TakeLast(5))}. Errors: {string.Join(Environment.NewLine, _errors.Take(30))}";
}
