using System.CommandLine;
using System.Globalization;
using Tuning.Cli.Output;
using Tuning.Cli.Storage;

namespace Tuning.Cli.Commands;

/// <summary>
/// <c>tuning fail-stale STUDY --grace SECONDS [--requeue]</c>: fails the running trials whose workers stopped sending
/// heartbeats (<see cref="Study.FailStaleTrials"/>), so that a study whose workers all died has no trial left running.
/// </summary>
internal static class FailStaleCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> study = StudyCommand.StudyArgument();
        var grace = new Option<double>("--grace")
        {
            Description = "How long, in seconds, a running trial may go without a heartbeat before it counts as abandoned: the workers' grace period (several heartbeat intervals).",
            HelpName = "SECONDS",
            Required = true,
        };
        var requeue = new Option<bool>("--requeue") { Description = "Enqueue each failed trial's parameters again, for a worker to run." };
        var command = new Command("fail-stale", "Fails the running trials of a study whose workers stopped sending heartbeats.") { study, grace, requeue };
        command.SetAction(parse =>
        {
            double seconds = parse.GetValue(grace);
            if (!(seconds > 0) || !double.IsFinite(seconds))
            {
                return context.Fail(ExitCodes.Usage, $"--grace must be a positive number of seconds; {seconds.ToString(CultureInfo.InvariantCulture)} is not.");
            }

            if (seconds > MaxGraceSeconds)
            {
                return context.Fail(
                    ExitCodes.Usage,
                    $"--grace can be at most {MaxGraceSeconds.ToString(CultureInfo.InvariantCulture)} seconds (about 1000 years); {seconds.ToString(CultureInfo.InvariantCulture)} is more.");
            }

            return context.Run(parse, store => Execute(store, parse.GetRequiredValue(study), TimeSpan.FromSeconds(seconds), parse.GetValue(requeue), context.Output));
        });
        return command;
    }

    /// <summary>The longest grace period: about 1000 years, so that the cut-off (now less the grace) is a valid time.</summary>
    private const double MaxGraceSeconds = 31_557_600_000;

    private static int Execute(StudyStore store, string name, TimeSpan grace, bool requeue, TextWriter output)
    {
        (_, Study study) = store.OpenStudy(name, new StudyOptions { RetryStaleTrials = requeue });
        IReadOnlyList<Trial> failed = study.FailStaleTrials(grace);
        if (failed.Count == 0)
        {
            output.WriteLine($"No running trial of '{study.Name}' has gone without a heartbeat for {Text.Duration(grace)}.");
            return ExitCodes.Ok;
        }

        foreach (Trial trial in failed)
        {
            output.WriteLine($"#{trial.Id.ToString(CultureInfo.InvariantCulture)} failed as stale (started {Text.Time(trial.StartedAt)}){(requeue ? ", its parameters enqueued again" : string.Empty)}");
        }

        output.WriteLine($"{failed.Count.ToString(CultureInfo.InvariantCulture)} stale trial{(failed.Count == 1 ? string.Empty : "s")} of '{study.Name}' failed.");
        return ExitCodes.Ok;
    }
}
