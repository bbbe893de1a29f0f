using System.CommandLine;
using Tuning.Cli.Storage;

namespace Tuning.Cli.Commands;

/// <summary><c>tuning rename STUDY NEWNAME</c>: renames a study in its storage (<see cref="Study.Rename"/>).</summary>
internal static class RenameCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> newName = NotBlank.Require(new Argument<string>("NEWNAME") { Description = "Its new name, not yet used in the storage." }, "the study's new name");
        return StudyCommand.Create(
            context,
            "rename",
            "Renames a study; its trials and enqueued parameters stay with it.",
            (parse, store, study) => Execute(store, study, parse.GetRequiredValue(newName), context.Output),
            newName);
    }

    private static int Execute(StudyStore store, string name, string newName, TextWriter output)
    {
        store.OpenStudy(name); // a missing study is reported with the names the storage has
        if (store.Storage.FindStudy(newName) is not null)
        {
            throw CliException.Failure($"{store.Location.Display} already has a study named '{newName}'.");
        }

        store.StoreUnder(newName, () => Study.Rename(store.Storage, name, newName));
        output.WriteLine($"Renamed the study '{name}' to '{newName}' in {store.Location.Display}.");
        return ExitCodes.Ok;
    }
}
