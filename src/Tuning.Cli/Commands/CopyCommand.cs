using System.CommandLine;
using Tuning.Cli.Storage;
using Tuning.Reporting;

namespace Tuning.Cli.Commands;

/// <summary>
/// <c>tuning copy STUDY --to STORAGE [--as NAME] [--to-schema NAME]</c>: copies a study, every trial and its queue, into
/// another storage or under another name (<see cref="Study.Copy"/>), SQLite to PostgreSQL and back. The destination's
/// file, schema and tables are created if missing; a SQLite file or PostgreSQL schema the copy created is removed again if
/// the copy fails.
/// </summary>
internal static class CopyCommand
{
    public static Command Create(CliContext context)
    {
        var to = new Option<string?>("--to")
        {
            Description = "The storage to copy into, written like --storage (created if missing). Default: the study's own storage.",
            HelpName = "STORAGE",
        };
        Option<string?> name = NotBlank.Require(new Option<string?>("--as") { Description = "The copy's name. Default: the study's name.", HelpName = "NAME" }, "the copy's name");
        var schema = new Option<string?>("--to-schema") { Description = "The PostgreSQL schema to copy into. Default: tuning.", HelpName = "NAME" };
        return StudyCommand.Create(
            context,
            "copy",
            "Copies a study with all its trials into another storage (SQLite or PostgreSQL), or under another name.",
            (parse, store, study) =>
            {
                string? destination = parse.GetValue(to);
                if (destination is null && parse.GetValue(name) is null)
                {
                    throw CliException.Usage("Give --to STORAGE, --as NAME, or both: a copy needs another storage or another name.");
                }

                if (destination is not null)
                {
                    context.Remember(destination);
                }

                return Execute(store, study, destination, parse.GetValue(name), parse.GetValue(schema), context.Output);
            },
            to,
            name,
            schema);
    }

    private static int Execute(StudyStore store, string name, string? destination, string? newName, string? schema, TextWriter output)
    {
        (_, Study study) = store.OpenStudy(name);
        string copyName = newName ?? name;
        if (destination is null && schema is not null)
        {
            throw CliException.Usage("--to-schema names the PostgreSQL schema of the storage given with --to; a copy --as another name stays in its own storage.");
        }

        return destination is null
            ? CopyInto(store, store)
            : StudyStore.WithCreated(StorageLocation.Parse(destination), schema, target => CopyInto(store, target));

        int CopyInto(StudyStore source, StudyStore target)
        {
            if (target.Storage.FindStudy(copyName) is not null)
            {
                throw CliException.Failure($"{target.Location.Display} already has a study named '{copyName}'; copy it --as another name.");
            }

            target.StoreUnder(copyName, () => Study.Copy(source.Storage, name, target.Storage, copyName));
            output.WriteLine(
                $"Copied the study '{name}' ({Numbers.Count(study.Trials.Count, "trial")}) from {source.Location.Display} to {target.Location.Display} as '{copyName}'.");
            return ExitCodes.Ok;
        }
    }
}
