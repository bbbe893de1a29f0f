using System.Diagnostics;
using System.Globalization;
using Tuning;

/// <summary>
/// Starts the worker processes and keeps the run whole: a worker that dies is replaced by one that runs the part of its
/// share it did not complete (counted by the trials tagged with its index), and the trials it left running are failed
/// at once (its process is gone, so nobody will finish them), so the run ends with exactly the trials asked for and none
/// left running. A worker that keeps dying is not replaced again: the run fails, but only once the other workers have
/// finished and no trial is left running.
/// </summary>
internal sealed class Launcher(SampleOptions options, Study study)
{
    /// <summary>How often one worker may be replaced before the run gives up (a worker that keeps dying is a bug).</summary>
    private const int MaxRestarts = 3;

    public async Task<bool> RunAsync()
    {
        int[] shares = [.. Enumerable.Range(0, options.Workers).Select(i => (options.Trials / options.Workers) + (i < options.Trials % options.Workers ? 1 : 0))];
        int[] completedBefore = [.. Enumerable.Range(0, options.Workers).Select(Completed)];
        int[] restarts = new int[options.Workers];
        var running = new Dictionary<Task, (int Index, Process Process)>();
        (int Index, int NotRun)? gaveUp = null;
        for (int i = 0; i < options.Workers; i++)
        {
            Start(i, shares[i]); // at least one trial each: there are no more workers than trials (SampleOptions)
        }

        while (running.Count > 0)
        {
            Task exited = await Task.WhenAny(running.Keys);
            (int index, Process process) = running[exited];
            running.Remove(exited);
            int code = process.ExitCode;
            process.Dispose();
            if (code == 0)
            {
                continue;
            }

            FailRunningTrialsOf(index, code);
            int remaining = shares[index] - (Completed(index) - completedBefore[index]);
            Console.WriteLine($"worker {index} died (exit code {code}); {remaining} of its {shares[index]} trials are left.");
            if (remaining > 0)
            {
                if (++restarts[index] > MaxRestarts)
                {
                    Console.Error.WriteLine($"Worker {index} died {restarts[index]} times; giving up on it, waiting for the others.");
                    gaveUp = (index, remaining);
                    continue;
                }

                completedBefore[index] = Completed(index);
                shares[index] = remaining;
                Start(index, remaining);
            }
        }

        // Another launcher's workers tag their trials with its id and keep them alive: those are not this run's to wait for.
        if (study.Trials.Any(t => t.State == TrialState.Running && t.Attributes.GetValueOrDefault(Worker.LauncherAttribute, options.Launcher) == options.Launcher))
        {
            // A worker died between asking and tagging its trial: once the trial has had no heartbeat for the workers'
            // grace period, it is failed like any abandoned trial, so none stays running for good.
            TimeSpan grace = Worker.HeartbeatInterval * 5;
            Console.WriteLine($"A trial is still running without its worker; failing it as stale after {grace.TotalSeconds:F0} s.");
            await Task.Delay(grace + Worker.HeartbeatInterval);
            study.FailStaleTrials(grace);
        }

        if (gaveUp is (int dying, int notRun))
        {
            Console.WriteLine($"The run failed: worker {dying} kept dying, and {notRun} of its trials were not run.");
            return false;
        }

        return true;

        void Start(int index, int share)
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
            start.ArgumentList.Add(typeof(SampleOptions).Assembly.Location);
            foreach (string a in options.ToArguments())
            {
                start.ArgumentList.Add(a);
            }

            start.ArgumentList.Add("--worker");
            start.ArgumentList.Add(index.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add("--share");
            start.ArgumentList.Add(share.ToString(CultureInfo.InvariantCulture));
            Process process = Process.Start(start) ?? throw new InvalidOperationException("A worker did not start.");
            Console.WriteLine($"worker {index} started (process {process.Id}, {share} trials).");
            running[process.WaitForExitAsync()] = (index, process);
        }
    }

    /// <summary>The completed trials of one of this launcher's workers.</summary>
    private int Completed(int index) => study.Trials.Count(t => t.State == TrialState.Completed && RanOn(t, index));

    /// <summary>Fails the trials a dead worker left running; a trial it died before tagging goes stale and is swept by the others.</summary>
    private void FailRunningTrialsOf(int index, int exitCode)
    {
        foreach (Trial trial in study.Trials.Where(t => t.State == TrialState.Running && RanOn(t, index)))
        {
            study.Fail(trial, $"its worker process died (exit code {exitCode})");
        }
    }

    /// <summary>Whether one of this launcher's workers ran the trial: other launchers' workers have the same indexes.</summary>
    private bool RanOn(Trial trial, int index) =>
        trial.Attributes.GetValueOrDefault(Worker.LauncherAttribute) == options.Launcher
        && trial.Attributes.GetValueOrDefault(Worker.Attribute) == index.ToString(CultureInfo.InvariantCulture);
}
