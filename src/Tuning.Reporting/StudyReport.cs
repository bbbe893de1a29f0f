using System.Text;

namespace Tuning.Reporting;

/// <summary>
/// Writes a study's report as one HTML page: a summary (trials by state, best trial or Pareto front, metrics, search
/// space), the plots of <see cref="StudyPlots"/>, the parameter importances and a table of every trial.
/// </summary>
/// <remarks>
/// The report reads the study only through its public view, so it works for a study in any storage, an imported one
/// included, and its trials are read once, so every part of it describes the same history. The plots are embedded as
/// base64 <c>data:</c> URIs by default, so the page is one self-contained file; see <see cref="ReportOptions.EmbedImages"/>.
/// </remarks>
/// <example>
/// <code>
/// string path = StudyReport.WriteHtml(study, "reports/study.html");
/// Console.WriteLine($"Report: {path}");
/// </code>
/// </example>
public static class StudyReport
{
    /// <summary>Writes the HTML report of a study, creating its folder if needed and replacing an existing file.</summary>
    /// <param name="study">The study.</param>
    /// <param name="path">The HTML file to write.</param>
    /// <param name="options">The title, plot size and image mode; the default is <see cref="ReportOptions"/>' defaults.</param>
    /// <returns>The full path of the written file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> or <paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file or the folder of images cannot be written.</exception>
    public static string WriteHtml(Study study, string path, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new ReportOptions();
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);

        var snapshot = new StudySnapshot(study);
        IReadOnlyList<ParameterImportance> importances = StudyImportance.ComputeFor(snapshot, null);
        List<ReportPlot> plots = ReportPlots.Render(snapshot, options, importances);
        Func<ReportPlot, string> source;
        if (options.EmbedImages)
        {
            source = plot => "data:image/png;base64," + Convert.ToBase64String(plot.Png);
        }
        else
        {
            string imageFolderName = Path.GetFileNameWithoutExtension(fullPath) + "_files";
            string imageFolder = Path.Combine(folder, imageFolderName);
            Directory.CreateDirectory(imageFolder);
            foreach (ReportPlot plot in plots)
            {
                File.WriteAllBytes(Path.Combine(imageFolder, plot.Id + ".png"), plot.Png);
            }

            source = plot => $"{Uri.EscapeDataString(imageFolderName)}/{plot.Id}.png";
        }

        File.WriteAllText(fullPath, HtmlReport.Build(snapshot, options, plots, importances, source), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return fullPath;
    }
}
