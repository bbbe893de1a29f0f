using ScottPlot;

namespace Tuning.Reporting;

/// <summary>
/// The plots of a study, each rendered as a PNG image: optimization history, parallel coordinates, slices, learning
/// curves, the Pareto front and parameter importance. They read the study only through its public view (trials,
/// space, metrics), so they work for a study in any storage, an imported one included.
/// </summary>
/// <remarks>
/// Every method reads the study's trials once, so one plot shows one consistent history even while workers add trials.
/// A plot with nothing to show (no completed trial, no reported value) is still an image of the requested size, with
/// a message saying why it is empty. Write a plot to a file with <see cref="File.WriteAllBytes(string, byte[])"/>.
/// </remarks>
/// <example>
/// <code>
/// File.WriteAllBytes("history.png", StudyPlots.OptimizationHistory(study, new PlotOptions { Width = 1200, Height = 600 }));
/// </code>
/// </example>
public static class StudyPlots
{
    /// <summary>
    /// Plots every completed trial's value against its id, with the best result so far as a step line (for an
    /// objective). Infeasible trials are open grey circles, and trials at a lower fidelity than the target light blue:
    /// neither is a result (see <see cref="Study.BestTrial"/>). Pruned and failed trials are not shown.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="options">The size and the metric; the default is 800 × 500 pixels of the first objective.</param>
    /// <returns>The PNG image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="PlotOptions.Metric"/> names no metric of the study.</exception>
    public static byte[] OptimizationHistory(Study study, PlotOptions? options = null) =>
        Render(study, options, HistoryPlot.Draw);

    /// <summary>
    /// Plots parallel coordinates: an axis per parameter and one for the metric, and a line per completed trial at the
    /// target fidelity colored by its value, the best on top. Where a conditional parameter is inactive in a trial, the
    /// trial's line passes through an "inactive" slot below that parameter's axis; infeasible trials are grey.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="options">The size and the metric; the default is 800 × 500 pixels of the first objective.</param>
    /// <returns>The PNG image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="PlotOptions.Metric"/> names no metric of the study.</exception>
    public static byte[] ParallelCoordinates(Study study, PlotOptions? options = null) =>
        Render(study, options, ParallelCoordinatesPlot.Draw);

    /// <summary>
    /// Plots the metric against one parameter for every completed trial at the target fidelity in which it is active,
    /// colored by trial id (dark early, bright late). A log-scaled parameter gets a log axis, a categorical one column per choice.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="parameter">The parameter's name.</param>
    /// <param name="options">The size and the metric; the default is 800 × 500 pixels of the first objective.</param>
    /// <returns>The PNG image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> or <paramref name="parameter"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The space has no such parameter, or <see cref="PlotOptions.Metric"/> names no metric of the study.</exception>
    public static byte[] Slice(Study study, string parameter, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(parameter);
        if (!study.Space.Contains(parameter))
        {
            throw new ArgumentException(
                $"The search space has no parameter '{parameter}'. Its parameters are: {string.Join(", ", study.Space.Parameters.Select(p => p.Name))}.",
                nameof(parameter));
        }

        return Render(study, options, (data, chosen) => SlicePlot.Draw(data, parameter, chosen));
    }

    /// <summary>
    /// Plots the learning curves: the intermediate values that trials reported with <see cref="Trial.Report"/>, by
    /// step, colored by state (completed blue, pruned orange, failed red, running grey).
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="options">The size; the default is 800 × 500 pixels. The values are those of the first objective.</param>
    /// <returns>The PNG image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is <see langword="null"/>.</exception>
    public static byte[] IntermediateValues(Study study, PlotOptions? options = null) =>
        Render(study, options, (data, _) => IntermediateValuesPlot.Draw(data));

    /// <summary>
    /// Plots the two objectives of every completed trial against each other, with the Pareto front in red
    /// (see <see cref="Study.ParetoFront"/>) and the other results blue. Infeasible trials are open grey circles, and
    /// trials at a lower fidelity than the target light blue.
    /// </summary>
    /// <param name="study">A study with two objectives.</param>
    /// <param name="options">The size; the default is 800 × 500 pixels.</param>
    /// <returns>The PNG image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The study has one objective.</exception>
    public static byte[] ParetoFront(Study study, PlotOptions? options = null) =>
        Render(study, options, (data, _) => ParetoFrontPlot.Draw(data));

    /// <summary>
    /// Plots the importance of every parameter as computed by <see cref="StudyImportance.Compute"/>, most important at the
    /// top, from the completed trials at the target fidelity. A conditional parameter that is inactive in every one of them
    /// is labelled so, not with an importance of 0.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="options">The size and the metric; the default is 800 × 500 pixels of the first objective.</param>
    /// <returns>The PNG image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="PlotOptions.Metric"/> names no metric of the study.</exception>
    public static byte[] Importance(Study study, PlotOptions? options = null) =>
        Render(study, options, ImportancePlot.Draw);

    /// <summary>Draws a plot from one read of the study, then renders it as a PNG of the options' size.</summary>
    private static byte[] Render(Study study, PlotOptions? options, Func<PlotData, PlotOptions, Plot> draw)
    {
        PlotOptions chosen = options ?? PlotOptions.Default;
        using Plot plot = draw(new PlotData(study), chosen);
        return PlotCanvas.Render(plot, chosen);
    }
}
