using System.CommandLine;
using Tuning.Cli.Output;
using Tuning.Cli.Storage;
using Tuning.Reporting;

namespace Tuning.Cli.Commands;

/// <summary>
/// <c>tuning export STUDY --format csv|json [--out FILE]</c>: JSON is <see cref="Study.ToJson"/> (which
/// <see cref="Study.FromJson"/> reads back), CSV is <see cref="Study.WriteCsv"/>'s one row per trial.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> study = StudyCommand.StudyArgument();
        var format = new Option<string?>("--format", "-f")
        {
            Description = "csv (one row per trial) or json (the full study, as Study.ToJson writes it). Default: from the --out file's extension.",
            HelpName = "csv|json",
        };
        format.AcceptOnlyFromAmong("csv", "json");
        Option<string?> output = OutputFileOption.Create("The file to write (replaced if it exists); its full path is printed. Default: standard output.");
        var command = new Command("export", "Exports a study's trials as CSV or the whole study as JSON.") { study, format, output };
        command.SetAction(parse =>
        {
            string? path = parse.GetValue(output);
            string? chosen = parse.GetValue(format) ?? FromExtension(path);
            if (chosen is null)
            {
                return context.Fail(ExitCodes.Usage, "Give --format csv or --format json (or an --out file ending in .csv or .json).");
            }

            return context.Run(parse, store => Execute(store, parse.GetRequiredValue(study), chosen, path, context.Data, context.Output));
        });
        return command;
    }

    private static int Execute(StudyStore store, string name, string format, string? path, TextWriter data, TextWriter output)
    {
        if (path is not null)
        {
            store.RefuseOwnFile(path, "--out");
        }

        (_, Study study) = store.OpenStudy(name);
        string text = format == "json" ? study.ToJson() : Csv(study);
        if (path is null)
        {
            data.Write(text);
            if (format == "json")
            {
                data.WriteLine();
            }

            return ExitCodes.Ok;
        }

        string fullPath = Path.GetFullPath(path);
        if (Path.GetDirectoryName(fullPath) is { } folder && !Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
        }

        ReplacedFile.Write(fullPath, writer => writer.Write(text));
        output.WriteLine(fullPath);
        return ExitCodes.Ok;
    }

    private static string Csv(Study study)
    {
        using var csv = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        study.WriteCsv(csv);
        return csv.ToString();
    }

    private static string? FromExtension(string? path) => Path.GetExtension(path)?.ToLowerInvariant() switch
    {
        ".csv" => "csv",
        ".json" => "json",
        _ => null,
    };
}
