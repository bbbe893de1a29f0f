namespace Tuning.Reporting;

/// <summary>
/// Writes a study's report as one HTML page that works offline: a summary (trials by state, best trial or Pareto
/// front, metrics, search space), interactive charts, the parameter importances and a sortable, filterable table of
/// every trial with its attributes and fail reason.
/// </summary>
/// <remarks>
/// <para>
/// The charts are drawn by plotly.js, which the page carries inside it (about 4.8 MB), so the file opens without a
/// network: hover a point for its trial's number, parameters and values; drag to zoom and double-click to reset. The
/// charts: optimization history, Pareto front (two objectives), best result against cost (studies with a fidelity),
/// parallel coordinates, parameter importance, slice, contour of the two most important parameters, empirical
/// distribution, intermediate values (learning curves), and the timeline of trials per worker.
/// </para>
/// <para>
/// The report reads the study once, through a <see cref="StudySnapshot"/>, so every part of it describes the same
/// history and follows the study's own rules for results, the best trial and the Pareto front. It works for a study
/// in any storage, an imported one included.
/// </para>
/// <para>
/// Every trial is a point of several charts, a row of the table and a hover text, so the file's size and the time and
/// memory it takes to build grow in proportion to the trials (and to their reports, each a point of the learning
/// curves): 20,000 trials of 10 parameters make a file of about 50 MB in a few seconds, and 2,000 trials of 1,000
/// reports each about 60 MB. While it is built the report holds its charts as JSON trees and the page as text, about
/// ten to thirty times the file's size in memory (0.75 GB for the first of these studies, 1.8 GB for the second); for far
/// larger studies, report on a copy of the part of interest.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// string path = StudyReport.WriteHtml(study, "reports/study.html");
/// Console.WriteLine($"Report: {path}");
/// </code>
/// </example>
public static class StudyReport
{
    /// <summary>
    /// Writes the HTML report of a study, creating its folder if needed and replacing an existing file whole or not at
    /// all (a write that fails part way leaves the earlier file as it was); the file keeps its permissions, and a
    /// symbolic link is written through to the file it points to.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="path">The HTML file to write.</param>
    /// <param name="options">The title and the number of slice plots; the default is <see cref="ReportOptions"/>' defaults.</param>
    /// <returns>The full path of the written file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> or <paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException"><paramref name="path"/> names a folder, or the file may not be written (permissions, read-only).</exception>
    public static string WriteHtml(Study study, string path, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        if (Directory.Exists(fullPath))
        {
            throw new UnauthorizedAccessException($"The report's path '{fullPath}' names a folder; give the HTML file to write.");
        }

        string html = ToHtml(study, options);
        ReplacedFile.Write(fullPath, writer => writer.Write(html));
        return fullPath;
    }

    /// <summary>Builds the HTML report of a study (see <see cref="WriteHtml"/>) as a string.</summary>
    /// <param name="study">The study.</param>
    /// <param name="options">The title and the number of slice plots; the default is <see cref="ReportOptions"/>' defaults.</param>
    /// <returns>The page: one self-contained HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is <see langword="null"/>.</exception>
    public static string ToHtml(Study study, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        options ??= new ReportOptions();
        var snapshot = new StudySnapshot(study);
        ReportView view = ReportView.Build(snapshot, options);
        return ReportPage.Build(view, options.Title ?? $"Study {study.Name}", new PageSettings());
    }
}
