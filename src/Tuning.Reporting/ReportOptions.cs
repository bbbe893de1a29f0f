namespace Tuning.Reporting;

/// <summary>Options of the HTML report written by <see cref="StudyReport.WriteHtml"/>.</summary>
public sealed class ReportOptions
{
    /// <summary>Gets or sets the report's title.</summary>
    /// <value>The default is <see langword="null"/>: "Study" and the study's name.</value>
    public string? Title { get; set; }

    /// <summary>Gets or sets the width of every plot, in pixels.</summary>
    /// <value>The default is 900.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [<see cref="PlotOptions.MinimumSize"/>, <see cref="PlotOptions.MaximumSize"/>].</exception>
    public int PlotWidth
    {
        get;
        set => field = PlotOptions.CheckSize(value);
    }

    = 900;

    /// <summary>Gets or sets the height of every plot, in pixels.</summary>
    /// <value>The default is 520.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [<see cref="PlotOptions.MinimumSize"/>, <see cref="PlotOptions.MaximumSize"/>].</exception>
    public int PlotHeight
    {
        get;
        set => field = PlotOptions.CheckSize(value);
    }

    = 520;

    /// <summary>
    /// Gets or sets a value indicating whether the plots are embedded in the HTML file as base64 <c>data:</c> URIs.
    /// </summary>
    /// <value>
    /// The default is <see langword="true"/>: the report is one self-contained file that can be attached to a CI run,
    /// mailed or archived, at the cost of files about a third larger than the PNGs. When <see langword="false"/>, the
    /// PNGs are written to a folder next to the report (<c>report_files/</c> for <c>report.html</c>) and linked.
    /// </value>
    public bool EmbedImages { get; set; } = true;

    /// <summary>Gets or sets how many slice plots the report shows, for the most important parameters first.</summary>
    /// <value>The default is 12.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxSlicePlots
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The number of slice plots cannot be negative.");
    }

    = 12;
}
