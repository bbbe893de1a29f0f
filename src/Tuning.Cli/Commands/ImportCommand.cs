using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tuning.Cli.Storage;
using Tuning.Reporting;

namespace Tuning.Cli.Commands;

/// <summary>
/// <c>tuning import FILE [--as NAME]</c>: imports a study that <c>tuning export --format json</c> (or
/// <see cref="Study.ToJson"/>) wrote into the storage, every trial and its queue, all or nothing
/// (<see cref="Study.FromJson"/>). The storage's file, schema and tables are created if missing; a SQLite file or
/// PostgreSQL schema the import created is removed again if the import fails.
/// </summary>
internal static class ImportCommand
{
    /// <summary>
    /// The longest file an import reads, in bytes: a study is read whole, as one string, and .NET's longest string holds
    /// about 1.07 billion characters. A longer file is refused before it is read.
    /// </summary>
    internal const long LongestFile = 1_000_000_000;

    public static Command Create(CliContext context)
    {
        Argument<string> file = NotBlank.Require(
            new Argument<string>("FILE") { Description = "The JSON file that tuning export --format json wrote." },
            "the JSON file to import");
        Option<string?> name = NotBlank.Require(
            new Option<string?>("--as") { Description = "The imported study's name. Default: the name in the file.", HelpName = "NAME" },
            "the imported study's name");
        var command = new Command("import", "Imports a study exported as JSON into the storage, all or nothing.") { file, name };
        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(file);

            // The file is read before the storage is opened, so a missing file creates no database.
            string json;
            try
            {
                var file = new FileInfo(path);
                if (file.Exists && file.Length > LongestFile)
                {
                    return context.Fail(ExitCodes.Failure, TooLarge(path, $"it is {file.Length:N0} bytes, and an import reads a study whole, from a file of {LongestFile:N0} bytes at most"));
                }

                json = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return context.Fail(ExitCodes.Failure, $"Cannot read {path}: {e.Message}");
            }
            catch (OutOfMemoryException e)
            {
                return context.Fail(ExitCodes.Failure, TooLarge(path, e.Message));
            }

            return context.Run(parse, store => Execute(store, path, json, parse.GetValue(name), context.Output), create: true);
        });
        return command;
    }

    private static int Execute(StudyStore store, string path, string json, string? newName, TextWriter output)
    {
        (string studyName, string document) = ReadWhole(path, () => Named(path, json, newName));
        if (store.Storage.FindStudy(studyName) is not null)
        {
            throw CliException.Failure($"{store.Location.Display} already has a study named '{studyName}'; import it --as another name.");
        }

        Study? study = null;
        store.StoreUnder(studyName, () =>
        {
            try
            {
                study = ReadWhole(path, () => Study.FromJson(document, store.Storage));
            }
            catch (FormatException e)
            {
                throw CliException.Failure($"{Path.GetFullPath(path)} is not a study that can be imported: {e.Message} Nothing was imported.");
            }
        });

        output.WriteLine($"Imported the study '{study!.Name}' ({Numbers.Count(study.Trials.Count, "trial")}) into {store.Location.Display}.");
        return ExitCodes.Ok;
    }

    /// <summary>Reads the document whole, turning a lack of memory for it into a failure that says the file is too large (nothing is stored then).</summary>
    private static T ReadWhole<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (OutOfMemoryException e)
        {
            throw CliException.Failure(TooLarge(path, e.Message), e);
        }
    }

    /// <summary>The message that refuses a file too large to import, with the reason.</summary>
    private static string TooLarge(string path, string reason) =>
        $"{Path.GetFullPath(path)} is too large to import: {reason.TrimEnd('.')}. Nothing was imported.";

    /// <summary>The study's name in the document, or <paramref name="newName"/> written into it.</summary>
    private static (string Name, string Document) Named(string path, string json, string? newName)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException e)
        {
            throw CliException.Failure($"{Path.GetFullPath(path)} is not JSON: {e.Message}");
        }

        if (root?["name"] is not JsonValue value || !value.TryGetValue(out string? name))
        {
            throw CliException.Failure($"{Path.GetFullPath(path)} is not a study exported as JSON: it has no study name. Export one with tuning export STUDY --format json.");
        }

        if (newName is null)
        {
            return (name, json);
        }

        root["name"] = newName;
        return (newName, root.ToJsonString());
    }
}
