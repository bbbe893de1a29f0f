using System.CommandLine;
using Tuning.Cli.Output;
using Tuning.Cli.Storage;
using Tuning.Reporting;

namespace Tuning.Cli.Commands;

/// <summary><c>tuning report STUDY --out report.html</c>: the study's HTML report (<see cref="StudyReport.WriteHtml"/>).</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        Option<string?> output = OutputFileOption.Create(
            "The HTML file to write (replaced if it exists; its folder is created); its full path is printed.", required: true);
        var title = new Option<string?>("--title") { Description = "The report's title. Default: Study and the study's name.", HelpName = "TEXT" };
        return StudyCommand.Create(
            context,
            "report",
            "Writes a study's HTML report, one file that works offline: summary, interactive charts, parameter importance and a sortable trial table.",
            (parse, store, study) => Execute(store, study, parse.GetRequiredValue(output)!, new ReportOptions { Title = parse.GetValue(title) }, context.Output),
            output,
            title);
    }

    private static int Execute(StudyStore store, string name, string path, ReportOptions options, TextWriter output)
    {
        store.RefuseOwnFile(path, "--out");
        (_, Study study) = store.OpenStudy(name);
        string written = StudyReport.WriteHtml(study, path, options);
        output.WriteLine(written);
        return ExitCodes.Ok;
    }
}
