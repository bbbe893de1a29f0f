using System.CommandLine;
using Tuning.Cli.Storage;
using Tuning.Reporting;

namespace Tuning.Cli.Commands;

/// <summary><c>tuning delete STUDY --yes</c>: deletes a study with its trials (<see cref="Study.Delete"/>), only when confirmed.</summary>
internal static class DeleteCommand
{
    public static Command Create(CliContext context)
    {
        var yes = new Option<bool>("--yes") { Description = "Confirms the deletion: the study and all its trials are removed for good." };
        return StudyCommand.Create(
            context,
            "delete",
            "Deletes a study, with all its trials and enqueued parameters (asks for --yes).",
            (parse, store, study) => Execute(store, study, parse.GetValue(yes), context.Output),
            yes);
    }

    private static int Execute(StudyStore store, string name, bool confirmed, TextWriter output)
    {
        (_, Study study) = store.OpenStudy(name);
        int trials = study.Trials.Count;
        if (!confirmed)
        {
            throw CliException.Usage($"Deleting '{name}' removes it and its {Numbers.Count(trials, "trial")} from {store.Location.Display} for good; pass --yes to confirm.");
        }

        Study.Delete(store.Storage, name);
        output.WriteLine($"Deleted the study '{name}' and its {Numbers.Count(trials, "trial")} from {store.Location.Display}.");
        return ExitCodes.Ok;
    }
}
